package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run builds only the command its first argument names; anything else (no command, help, a typo)
 * sees every command, in the documented order, with the inherited {@code --verbose}.
 */
class CommandTreeTest {
  private static final String[] ALL = {
    "demo",
    "build",
    "info",
    "verify",
    "query",
    "export",
    "text",
    "annotate",
    "qa",
    "serve",
    "train",
    "eval",
    "predict",
    "meta",
    "help"
  };

  @Test
  void aNamedCommandBuildsOnlyItsOwnTree() {
    CommandLine cl = Main.commandLine("text", "label", "--in", "x.csv");
    assertThat(cl.getSubcommands()).containsOnlyKeys("text");
    assertThat(cl.getSubcommands().get("text").getSubcommands()).containsKey("label");
    CommandLine label = cl.getSubcommands().get("text").getSubcommands().get("label");
    assertThat(label.getCommandSpec().findOption("--verbose")).isNotNull();
  }

  @Test
  void helpNoCommandAndTyposSeeEveryCommandInOrder() {
    for (String[] args :
        new String[][] {{}, {"--help"}, {"help", "build"}, {"bulid"}, {"--verbose", "info"}}) {
      assertThat(Main.commandLine(args).getSubcommands().keySet()).containsExactly(ALL);
    }
  }

  @Test
  void theShortTreeRunsItsCommandAndTheFullTreeListsAll() {
    Cli help = Cli.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("predict", "meta", "annotate");
    Cli sub = Cli.run("text", "label", "--help");
    assertThat(sub.exitCode()).isZero();
    assertThat(sub.out()).contains("--in");
    Cli typo = Cli.run("bulid");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("bulid");
  }
}
