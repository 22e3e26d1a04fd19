package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.store.DatasetReader;
import io.medloom.store.Json;
import io.medloom.testing.DatasetTampering;
import io.medloom.testing.Requirements;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./medloom qa on a phantom build, then verify, tampering, and the llava / vqa exports. */
class QaCommandTest {
  @TempDir static Path tmp;
  static Path ds;
  static Cli qa;

  @BeforeAll
  static void build() {
    ds = tmp.resolve("p");
    assertThat(
            Cli.run("build", "--source", "phantom:40", "--out", ds.toString(), "--size", "128")
                .exitCode())
        .isZero();
    qa = Cli.run("qa", ds.toString(), "--per-sample", "8", "--seed", "3");
  }

  @Test
  void qaAddsConversationsThatVerifyReDerives() throws Exception {
    assertThat(qa.exitCode()).as(qa.err()).isZero();
    assertThat(qa.out()).contains("40 rows rewritten, 0 kept unchanged").contains("for 40 of 40");
    Cli v = Cli.run("verify", ds.toString());
    assertThat(v.exitCode()).as(v.out()).isZero();
    assertThat(v.out()).containsPattern("; \\d+ qa answers re-derived");
    // Running it again replaces the pairs instead of adding more.
    long before = qaTexts(ds);
    assertThat(Cli.run("qa", ds.toString(), "--per-sample", "8", "--seed", "3").exitCode())
        .isZero();
    assertThat(qaTexts(ds)).isEqualTo(before).isGreaterThan(40);
  }

  @Test
  void verifyFindsAnAnswerItsRowDoesNotGive() throws Exception {
    Path flipped = DatasetTampering.copy(ds, tmp.resolve("flipped"));
    DatasetTampering.rewriteShards(
        flipped,
        "UPDATE s SET texts = list_transform(texts, t -> CASE WHEN t.kind = 'qa' THEN"
            + " struct_pack(kind := t.kind, text := replace(replace(replace(t.text,"
            + " '\"answer\":\"yes\"', '\"answer\":\"@\"'), '\"answer\":\"no\"', '\"answer\":\"yes\"'),"
            + " '\"answer\":\"@\"', '\"answer\":\"no\"'), origin := t.origin, roi_id := t.roi_id)"
            + " ELSE t END)");
    Cli v = Cli.run("verify", flipped.toString());
    assertThat(v.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(v.out()).contains("qa: ").contains("answers 'no' but the stored label");

    // A region moved to the other lung under its questions: verify measures the mask again.
    Path moved = DatasetTampering.copy(ds, tmp.resolve("moved"));
    String rightSide = "r.origin = 'mask' AND r.attributes['attr.loc.side'] = 'right'";
    String leftLung = "(list_filter(rois, x -> x.label = 'left lung')[1])";
    DatasetTampering.rewriteShards(
        moved,
        "UPDATE s SET rois = list_transform(rois, r -> CASE WHEN "
            + rightSide
            + " THEN struct_pack(id := r.id, label := r.label, box := "
            + leftLung
            + ".box, mask_rle := "
            + leftLung
            + ".mask_rle, area_fraction := r.area_fraction, origin := r.origin,"
            + " confidence := r.confidence, attributes := r.attributes) ELSE r END)");
    Cli m = Cli.run("verify", moved.toString());
    assertThat(m.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(m.out()).containsPattern("qa: .*answers 'right' but the stored side of region");
  }

  @Test
  void llavaExportLoadsInPythonWithEveryImageAndNoTestPatientInTraining() throws Exception {
    Path out = tmp.resolve("llava");
    Cli e = Cli.run("export", ds.toString(), "--format", "llava", "--out", out.toString());
    assertThat(e.exitCode()).as(e.err()).isZero();
    Path python = Requirements.python("json");
    String script =
        "import json, os, sys\n"
            + "root = sys.argv[1]\n"
            + "for split in ('train', 'val', 'test'):\n"
            + "    data = json.load(open(os.path.join(root, split + '.json'), encoding='utf-8'))\n"
            + "    for e in data:\n"
            + "        assert set(e) == {'id', 'image', 'conversations'}, e.keys()\n"
            + "        assert os.path.isfile(os.path.join(root, e['image'])), e['image']\n"
            + "        c = e['conversations']\n"
            + "        assert len(c) >= 2 and len(c) % 2 == 0\n"
            + "        assert [t['from'] for t in c] == ['human', 'gpt'] * (len(c) // 2)\n"
            + "        assert c[0]['value'].startswith('<image>\\n')\n"
            + "        print(split, e['id'], len(c) // 2)\n";
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, out.toString())
            .redirectErrorStream(true)
            .start();
    String printed = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    Map<String, String> splitOf = new HashMap<>();
    Map<String, String> patientOf = new HashMap<>();
    try (DatasetReader r = DatasetReader.open(ds)) {
      r.forEach(
          Optional.empty(),
          s -> {
            splitOf.put(s.id(), s.split());
            patientOf.put(s.id(), s.patientKey());
          });
    }
    Set<String> trainPatients = new HashSet<>();
    Set<String> testPatients = new HashSet<>();
    List<String> lines = printed.lines().toList();
    assertThat(lines).hasSize(40);
    for (String line : lines) {
      String[] f = line.split(" ");
      // Each entry sits in its sample's own split file.
      assertThat(splitOf.get(f[1])).isEqualTo(f[0]);
      (f[0].equals("train")
              ? trainPatients
              : f[0].equals("test") ? testPatients : new HashSet<String>())
          .add(patientOf.get(f[1]));
    }
    assertThat(trainPatients).isNotEmpty().doesNotContainAnyElementsOf(testPatients);
    assertThat(testPatients).isNotEmpty();
  }

  @Test
  void vqaExportListsEveryQuestionWithItsAnswerType() throws Exception {
    Path out = tmp.resolve("vqa");
    assertThat(
            Cli.run("export", ds.toString(), "--format", "vqa", "--out", out.toString()).exitCode())
        .isZero();
    long n = 0;
    Set<String> types = new HashSet<>();
    for (String split : List.of("train", "val", "test")) {
      for (JsonNode q : Json.MAPPER.readTree(out.resolve(split + ".json").toFile())) {
        n++;
        types.add(q.path("answer_type").asText());
        assertThat(out.resolve(q.path("image").asText())).isRegularFile();
        if (q.path("answer_type").asText().equals("CLOSED")
            && q.path("question_type").asText().equals("label")) {
          assertThat(q.path("answer").asText()).isIn("yes", "no");
        }
      }
    }
    assertThat(n).isEqualTo(qaTexts(ds));
    assertThat(types).containsExactlyInAnyOrder("CLOSED", "OPEN");
  }

  @Test
  void helpExplainsTheCommand() {
    Cli h = Cli.run("qa", "--help");
    assertThat(h.exitCode()).isZero();
    assertThat(h.out()).contains("--per-sample", "--seed", "--min-confidence", "Examples:");
    assertThat(Cli.run("qa", ds.toString(), "--per-sample", "0").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  private static long qaTexts(Path dataset) throws Exception {
    try (DatasetReader r = DatasetReader.open(dataset)) {
      return r.count("SELECT count(*) FROM samples, unnest(texts) u(t) WHERE t.kind = 'qa'");
    }
  }
}
