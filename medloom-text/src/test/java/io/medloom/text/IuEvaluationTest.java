package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.SharedData;
import io.medloom.text.eval.IuSplit;
import io.medloom.text.eval.LabelScore;
import io.medloom.text.eval.MeshTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Labels the 1,000 IU X-ray reports (findings + impression) and scores them against the manual MeSH
 * terms with the protocol of {@link LabelScore} (uncertain counts as positive; No Finding judged
 * only where MeSH is normal or names a pathology; macro-F1 over every observation with a positive).
 * Rules were developed on the tune half (even uid); the held-out half (odd uid) is the headline.
 * Floors sit a little under the values measured when the rules were frozen.
 */
class IuEvaluationTest {
  static final double HELD_OUT_MACRO_FLOOR = 0.82;
  static final double TUNE_MACRO_FLOOR = 0.84;

  static String reportOf(Map<String, String> row) {
    return "FINDINGS: "
        + row.getOrDefault("findings", "")
        + "\nIMPRESSION: "
        + row.getOrDefault("impression", "");
  }

  static List<Map<String, String>> rows(Path csv) throws Exception {
    List<List<String>> raw = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
    List<String> header = raw.get(0);
    List<Map<String, String>> out = new ArrayList<>();
    for (List<String> r : raw.subList(1, raw.size())) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size() && i < r.size(); i++) {
        m.put(header.get(i), r.get(i));
      }
      out.add(m);
    }
    return out;
  }

  @Test
  void meshAgreementOnIuXray() throws Exception {
    Path dir = SharedData.require("iu-xray-reports");
    List<Map<String, String>> rows = rows(dir.resolve("indiana_reports.csv"));
    assertThat(rows).hasSize(1000);
    Map<IuSplit, LabelScore> scores = new EnumMap<>(IuSplit.class);
    for (IuSplit s : IuSplit.values()) {
      scores.put(s, new LabelScore());
    }
    ChexpertLabeler labeler = ChexpertLabeler.standard();
    for (Map<String, String> row : rows) {
      IuSplit split = IuSplit.of(Integer.parseInt(row.get("uid")));
      scores
          .get(split)
          .add(MeshTruth.standard().observations(row.get("MeSH")), labeler.label(reportOf(row)));
    }
    LabelScore held = scores.get(IuSplit.HELD_OUT);
    LabelScore tune = scores.get(IuSplit.TUNE);
    System.out.print(held.table("IU X-ray, " + IuSplit.HELD_OUT.label()));
    System.out.print(tune.table("IU X-ray, " + IuSplit.TUNE.label()));
    assertThat(held.reports()).isEqualTo(500);
    assertThat(held.scoredObservations()).isEqualTo(14);
    assertThat(held.macroF1()).isGreaterThanOrEqualTo(HELD_OUT_MACRO_FLOOR);
    assertThat(tune.macroF1()).isGreaterThanOrEqualTo(TUNE_MACRO_FLOOR);
  }
}
