package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.store.Json;
import io.medloom.testing.BadImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderBuildTest {
  @TempDir Path tmp;

  @Test
  void twentyGoodAndTenBadImagesGiveTwentySamplesAndTenDistinctRejections() throws Exception {
    Path in = tmp.resolve("in");
    String[] formats = {"png", "jpg", "bmp", "tif"};
    for (int i = 0; i < 20; i++) {
      Path cls = in.resolve(i % 2 == 0 ? "normal" : "pneumonia");
      Files.createDirectories(cls);
      String fmt = formats[i % 4];
      Files.write(
          cls.resolve("img" + i + "." + fmt), BadImages.goodImage(fmt, 60 + i, 40 + 2 * i, i));
    }
    Map<String, String> bad = BadImages.writeBadSet(in, in.resolve("normal"));
    assertThat(bad).hasSize(10);

    Path out = tmp.resolve("out");
    Cli build =
        Cli.run(
            "build",
            "--source",
            "folder:" + in + "?paths=clear", // rejects checked by file name below
            "--out",
            out.toString(),
            "--size",
            "64");
    assertThat(build.exitCode()).isZero();
    assertThat(build.out()).contains("read 30 = accepted 20 + rejected 10");

    List<String> lines = Files.readAllLines(out.resolve("rejects.jsonl"));
    assertThat(lines).hasSize(10);
    List<JsonNode> rejects =
        lines.stream()
            .map(
                l -> {
                  try {
                    return Json.MAPPER.readTree(l);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(
            rejects.stream()
                .map(r -> Path.of(r.get("originalPath").asText()).getFileName().toString())
                .collect(Collectors.toSet()))
        .isEqualTo(bad.keySet());
    assertThat(rejects.stream().map(r -> r.get("reason").asText()).distinct().count())
        .isEqualTo(10);
    assertThat(rejects).allSatisfy(r -> assertThat(r.get("stage").asText()).isNotBlank());

    assertThat(Cli.run("verify", out.toString()).exitCode()).isZero();
    Cli info = Cli.run("info", out.toString());
    assertThat(info.out()).contains("read 30 = accepted 20 + rejected 10");
    Cli q =
        Cli.run(
            "query", out.toString(), "select count(*) as n, min(width), max(height) from samples");
    assertThat(q.out()).isEqualTo("n,min(width),max(height)\n20,64,64\n");
  }

  @Test
  void aFolderOfOnlyBadFilesExitsThree() throws Exception {
    Path in = tmp.resolve("bad");
    BadImages.writeBadSet(in, in.resolve("x"));
    Cli build = Cli.run("build", "--source", "folder:" + in, "--out", tmp.resolve("o").toString());
    assertThat(build.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(Files.readAllLines(tmp.resolve("o/rejects.jsonl"))).hasSize(10);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("build", "--out", tmp.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(
            Cli.run("build", "--source", "nope:1", "--out", tmp.resolve("n").toString()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
