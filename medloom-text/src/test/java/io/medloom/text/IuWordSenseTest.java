package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code text triplets} on the IU X-ray reports: every occurrence of an ambiguous finding word
 * (test resource senses/iu-word-senses.tsv, read by hand) gets the finding tag of its sense, and no
 * triplet uses the word in another sense.
 */
class IuWordSenseTest {
  /** The tag each word gets in its default (finding) sense. */
  static final Map<String, String> DEFAULT_TAG =
      Map.ofEntries(
          Map.entry("infection", "pneumonia"),
          Map.entry("infections", "pneumonia"),
          Map.entry("infectious", "pneumonia"),
          Map.entry("density", "opacity"),
          Map.entry("densities", "opacity"),
          Map.entry("displaced", "shift"),
          Map.entry("displacement", "shift"),
          Map.entry("line", "line"),
          Map.entry("lines", "line"),
          Map.entry("tube", "tube"),
          Map.entry("tubes", "tube"),
          Map.entry("mass", "mass"),
          Map.entry("masses", "mass"),
          Map.entry("lesion", "lesion"),
          Map.entry("lesions", "lesion"),
          Map.entry("leads", "pacemaker"),
          Map.entry("tip", "tip"),
          Map.entry("tips", "tip"),
          Map.entry("marker", "device"),
          Map.entry("markers", "device"),
          Map.entry("collapse", "collapse"),
          Map.entry("collapsed", "collapse"),
          Map.entry("emphysema", "emphysema"),
          Map.entry("edema", "edema"));

  @Test
  void everyAmbiguousWordHasTheTagOfItsSense() throws Exception {
    Path dir = SharedData.require("iu-xray-reports");
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (Map<String, String> r : IuEvaluationTest.rows(dir.resolve("indiana_reports.csv"))) {
      rows.put(r.get("uid"), r);
    }
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (InputStream in = getClass().getResourceAsStream("senses/iu-word-senses.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        Map<String, String> row = rows.get(f[0]);
        String findings = row.getOrDefault("findings", "");
        String report = IuEvaluationTest.reportOf(row);
        int base =
            f[1].equals("findings") ? "FINDINGS: ".length() : report.indexOf("IMPRESSION: ") + 12;
        int s = base + Integer.parseInt(f[2]);
        int e = s + f[3].length();
        assertThat(report.substring(s, e).toLowerCase(java.util.Locale.ROOT))
            .as("word at uid %s %s %s", f[0], f[1], f[2])
            .isEqualTo(f[3]);
        String expected = f[4];
        String def = DEFAULT_TAG.get(f[3]);
        List<Triplet> ts = TripletExtractor.standard().extract(report);
        List<String> covering = new ArrayList<>();
        String sentence = null;
        for (Triplet t : ts) {
          if (t.span()[0] <= s && t.span()[1] >= e) {
            covering.add(t.finding());
          }
        }
        for (Mention m : ReportParser.standard().mentions(report)) {
          if (m.start() <= s && m.end() >= e) {
            sentence = m.sentenceText();
          }
        }
        boolean ok;
        if (expected.equals("-")) {
          ok = covering.isEmpty();
        } else if (expected.equals(def)) {
          ok = covering.contains(def);
        } else {
          int[] sent = sentenceAround(report, s);
          ok =
              !covering.contains(def)
                  && ts.stream()
                      .anyMatch(
                          t ->
                              t.finding().equals(expected)
                                  && t.span()[0] >= sent[0]
                                  && t.span()[1] <= sent[1]);
        }
        if (!ok) {
          wrong.add(
              f[0]
                  + " "
                  + f[3]
                  + "@"
                  + f[2]
                  + " expected "
                  + expected
                  + " got "
                  + covering
                  + (sentence == null ? "" : " in: " + sentence));
        }
        checked++;
      }
    }
    System.out.println(
        "IU word senses: " + checked + " occurrences checked, " + wrong.size() + " wrong");
    assertThat(checked).isGreaterThan(100);
    assertThat(wrong).isEmpty();
  }

  /** Start and end of the sentence holding offset s. */
  static int[] sentenceAround(String report, int s) {
    for (Sentence x : SentenceSplitter.split(report)) {
      if (x.start() <= s && s < x.end()) {
        return new int[] {x.start(), x.end()};
      }
    }
    return new int[] {s, s};
  }
}
