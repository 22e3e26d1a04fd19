package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCommandsTest {
  @TempDir Path tmp;

  @Test
  void labelAndTripletsGiveOneOutputRowPerIuReport() throws Exception {
    Path iu = SharedData.require("iu-xray-reports").resolve("indiana_reports.csv");
    Path labels = tmp.resolve("labels.csv");
    assertThat(
            Cli.run(
                    "text",
                    "label",
                    "--in",
                    iu.toString(),
                    "--out",
                    labels.toString(),
                    "--id-column",
                    "uid")
                .exitCode())
        .isZero();
    List<String> rows = Files.readAllLines(labels);
    assertThat(rows).hasSize(1 + 1000);
    assertThat(rows.get(0))
        .isEqualTo(
            "uid,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,Lung Opacity,Lung Lesion,Edema,"
                + "Consolidation,Pneumonia,Atelectasis,Pneumothorax,Pleural Effusion,Pleural Other,"
                + "Fracture,Support Devices");
    assertThat(rows.subList(1, rows.size())).allMatch(r -> r.split(",", -1).length == 15);
    Path triplets = tmp.resolve("t.jsonl");
    assertThat(
            Cli.run("text", "triplets", "--in", iu.toString(), "--out", triplets.toString())
                .exitCode())
        .isZero();
    assertThat(Files.readAllLines(triplets))
        .hasSize(1000)
        .allMatch(l -> l.contains("\"triplets\":"));
  }

  @Test
  void badRowsKeepTheirPlaceAndCountsMatch() throws Exception {
    Path csv = tmp.resolve("r.csv");
    byte[] good =
        "uid,findings,impression\n1,\"No effusion.\nHeart normal.\",Normal.\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] missing = "2,Cardiomegaly.\n".getBytes(StandardCharsets.UTF_8);
    byte[] empty = "3,,\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin = "4,Caf\u00e9 lungs.,x\n".getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] b : List.of(good, missing, empty, latin)) {
      all.writeBytes(b);
    }
    Files.write(csv, all.toByteArray());
    Path out = tmp.resolve("l.csv");
    Cli run = Cli.run("text", "label", "--in", csv.toString(), "--out", out.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("4 reports in, 4 rows out (2 unreadable");
    List<String> rows = Files.readAllLines(out);
    assertThat(rows).hasSize(5);
    assertThat(rows.get(1)).startsWith("1,").contains(",0,"); // effusion negated
    assertThat(
            Cli.run(
                    "text",
                    "label",
                    "--in",
                    csv.toString(),
                    "--out",
                    out.toString(),
                    "--columns",
                    "nope")
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void phantomBuildCarriesReportLabelsAndTripletsOnEverySampleWithAReport() {
    Path ds = tmp.resolve("p");
    assertThat(
            Cli.run("build", "--source", "phantom:60", "--out", ds.toString(), "--size", "64")
                .exitCode())
        .isZero();
    Cli q =
        Cli.run(
            "query",
            ds.toString(),
            "select count(*) as n,"
                + " sum(case when len(triplets) > 0 then 1 else 0 end) as t,"
                + " sum(case when list_contains(list_transform(labels, l -> l.task), 'report_positive')"
                + " then 1 else 0 end) as l from samples");
    assertThat(q.out()).endsWith("\n60,60,60\n");
    assertThat(Cli.run("info", ds.toString()).out()).contains("report_positive (multilabel)");
  }
}
