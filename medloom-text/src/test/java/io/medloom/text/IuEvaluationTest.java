package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.testing.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Labels the 1,000 IU X-ray reports (findings + impression) and compares positives (label 1) with
 * the MeSH-derived truth of iu-mesh-to-chexpert.json. Prints per-observation P/R/F1 and macro-F1
 * over observations with at least 10 truth positives; asserts floors measured on this set.
 */
class IuEvaluationTest {
  /** Measured: see the printout; floors sit a little under. */
  static final double MACRO_F1_FLOOR = 0.80;

  record Rule(String mesh, Set<String> qualifiers, String observation) {}

  static List<Rule> mapping() throws Exception {
    try (InputStream in = ChexpertLabeler.class.getResourceAsStream("iu-mesh-to-chexpert.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : root.get("rules")) {
        Set<String> q = new HashSet<>();
        if (r.has("qualifiers")) {
          r.get("qualifiers").forEach(x -> q.add(x.asText().toLowerCase(Locale.ROOT)));
        }
        rules.add(
            new Rule(
                r.get("mesh").asText().toLowerCase(Locale.ROOT), q, r.get("observation").asText()));
      }
      return rules;
    }
  }

  static Set<String> truth(String mesh, List<Rule> rules) {
    Set<String> out = new HashSet<>();
    for (String label : mesh.split(";")) {
      String[] parts = label.trim().split("/");
      String term = parts[0].trim().toLowerCase(Locale.ROOT);
      Set<String> quals = new HashSet<>();
      for (int i = 1; i < parts.length; i++) {
        quals.add(parts[i].trim().toLowerCase(Locale.ROOT));
      }
      for (Rule r : rules) {
        if (r.mesh().equals(term)
            && (r.qualifiers().isEmpty() || r.qualifiers().stream().anyMatch(quals::contains))) {
          out.add(r.observation());
        }
      }
    }
    return out;
  }

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
    List<Rule> rules = mapping();
    ChexpertLabeler labeler = ChexpertLabeler.standard();
    Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
    for (String o : ChexpertLabeler.OBSERVATIONS) {
      counts.put(o, new int[3]);
    }
    for (Map<String, String> row : rows) {
      Set<String> t = truth(row.get("MeSH"), rules);
      Map<String, Integer> l = labeler.label(reportOf(row));
      for (String o : ChexpertLabeler.OBSERVATIONS) {
        boolean p = Integer.valueOf(1).equals(l.get(o));
        boolean g = t.contains(o);
        int[] c = counts.get(o);
        if (p && g) c[0]++;
        else if (p) c[1]++;
        else if (g) c[2]++;
      }
    }
    double sum = 0;
    int k = 0;
    StringBuilder sb =
        new StringBuilder("IU X-ray (1,000 reports) positive-label agreement with MeSH:\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%-28s %5s %5s %5s %6s %6s %6s%n",
            "observation",
            "truth",
            "tp",
            "fp",
            "P",
            "R",
            "F1"));
    Map<String, Double> f1s = new LinkedHashMap<>();
    for (var e : counts.entrySet()) {
      int[] c = e.getValue();
      double p = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
      double r = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
      double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
      int truthN = c[0] + c[2];
      sb.append(
          String.format(
              Locale.ROOT,
              "%-28s %5d %5d %5d %6.3f %6.3f %6.3f%s%n",
              e.getKey(),
              truthN,
              c[0],
              c[1],
              p,
              r,
              f,
              truthN >= 10 ? "" : "  (excluded: <10)"));
      if (truthN >= 10) {
        sum += f;
        k++;
        f1s.put(e.getKey(), f);
      }
    }
    double macro = sum / k;
    sb.append(String.format(Locale.ROOT, "macro-F1 over %d observations: %.3f%n", k, macro));
    System.out.print(sb);
    assertThat(macro).isGreaterThanOrEqualTo(MACRO_F1_FLOOR);
    assertThat(f1s.get("Cardiomegaly")).isGreaterThanOrEqualTo(0.75);
    assertThat(f1s.get("Pleural Effusion")).isGreaterThanOrEqualTo(0.75);
    assertThat(f1s.get("No Finding")).isGreaterThanOrEqualTo(0.65);
  }
}
