package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Help texts come from the same registry as the sources, and agree with the README. */
class BuildHelpTest {
  @Test
  void everyRegisteredSourceKindAndOptionIsInBuildHelp() {
    Cli help = Cli.run("build", "--help");
    assertThat(help.exitCode()).isZero();
    Map<String, SourceProvider> kinds = Sources.providers();
    assertThat(kinds).hasSizeGreaterThanOrEqualTo(11);
    for (SourceProvider p : kinds.values()) {
      assertThat(help.out()).contains("  " + p.kind() + ":" + p.location().placeholder() + " ");
      assertThat(p.description()).isNotBlank().doesNotContain("\n");
      for (SourceOption o : p.options()) {
        assertThat(help.out()).containsPattern("\n      \\Q" + o.synopsis() + "\\E\\s");
      }
    }
    assertThat(help.out())
        .contains("(default " + BuildOptions.DEFAULT_SHARD_SIZE + ")")
        .contains("Examples:");
  }

  @Test
  void theReadmeDocumentsEveryKindAndTheSameShardSize() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String kind : Sources.providers().keySet()) {
      assertThat(readme).as("README source table").contains("| `" + kind + ":");
    }
    assertThat(readme).contains("`--shard-size`, default " + BuildOptions.DEFAULT_SHARD_SIZE + ")");
  }

  @Test
  void everyCommandHasHelpWithAnExampleAndTheExitCodesAreListed() {
    Cli top = Cli.run("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("Exit codes: 0 done", "2 usage error", "4 internal error");
    for (String cmd :
        Main.commandLine().getSubcommands().keySet().stream()
            .filter(c -> !c.equals("help") && !c.equals("text"))
            .toList()) {
      Cli h = Cli.run(cmd, "--help");
      assertThat(h.exitCode()).as(cmd).isZero();
      assertThat(h.out()).as(cmd).containsPattern("Examples?:").contains("--verbose");
    }
  }
}
