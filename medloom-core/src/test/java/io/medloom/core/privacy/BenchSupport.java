package io.medloom.core.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What bench/phi prints: the corpus and IU tables (kept here, beside the test corpus reader). */
final class BenchSupport {
  private BenchSupport() {}

  static String report(Path iuCsv, boolean show) throws IOException {
    TextScrubber s = TextScrubber.standard();
    StringBuilder out = new StringBuilder();
    for (String half : System.getProperty("phi.halves", "tune,heldout").split(",")) {
      ScrubEvaluation e =
          new ScrubEvaluation()
              .addPhi(s, PhiCorpus.load("phi-" + half))
              .addClean(
                  s,
                  PhiCorpus.load("clean-" + half).stream().map(PhiCorpus.Sentence::text).toList());
      out.append(e.table("PHI corpus, " + half + " half:"));
      if (show) {
        e.missed.forEach(m -> out.append("    missed ").append(m).append('\n'));
        e.lost.forEach(m -> out.append("    lost ").append(m).append('\n'));
      }
    }
    List<IuReports.Report> iu = IuReports.read(iuCsv);
    for (int part = 0; part < 2; part++) {
      List<IuReports.Report> rows = part == 0 ? iu.subList(0, 500) : iu.subList(500, iu.size());
      ScrubEvaluation e =
          new ScrubEvaluation().addClean(s, rows.stream().map(IuReports.Report::text).toList());
      out.append(
          String.format(
              Locale.ROOT,
              "IU reports %s (%d reports, findings+impression, XXXX marks not counted): %d/%d words lost = %.3f%%%n",
              part == 0
                  ? "uid order 1-500 (seen by the allow list)"
                  : "uid order 501-1000 (unseen)",
              rows.size(),
              e.cleanLost,
              e.cleanWords,
              100 * e.cleanLoss()));
      if (show || part == 1) {
        e.lost.forEach(
            m ->
                out.append("    lost ")
                    .append(m.length() > 160 ? m.substring(0, 160) + "…" : m)
                    .append('\n'));
      }
    }
    return out.toString();
  }

  static List<String> iuTexts(Path iuCsv) throws IOException {
    return IuReports.read(iuCsv).stream().map(IuReports.Report::text).toList();
  }
}
