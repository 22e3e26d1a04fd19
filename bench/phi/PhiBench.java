import io.medloom.core.privacy.TextScrubber;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/phi: recall per category and clinical-word loss of MedLoom's text scrubber on the PHI test
 * corpus (tune and held-out halves) and on the IU X-ray reports, plus scrubbing throughput
 * (reports/s, one thread) against the scrubber MedLoom shipped before (its 9 regular expressions,
 * reproduced below as the peer).
 *
 * <p>Usage: java -cp core/classes:core/test-classes:. PhiBench CSV [ROUNDS] [show]
 */
public final class PhiBench {
  /** The previous scrubber: the rules of scrub-patterns.tsv before this version, verbatim. */
  static final String[][] OLD = {
    {"\\b[\\w.+-]+@[\\w-]+\\.[\\w.-]+\\b", "[EMAIL]"},
    {"(?i)\\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b", "[DATE]"},
    {"(?i)\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?,?\\s+\\d{4}\\b", "[DATE]"},
    {"\\b(?:19|20)\\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])\\b", "[DATE]"},
    {"\\b(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|[12]\\d|3[01])[-/.](?:19|20)?\\d{2}\\b", "[DATE]"},
    {"\\b(?:\\+?1[-. ]?)?\\(?\\d{3}\\)?[-. ]\\d{3}[-. ]\\d{4}\\b", "[PHONE]"},
    {"(?i)\\b(?:mrn|mr#|medical record(?: number| no\\.?)?|accession(?: number| no\\.?)?|patient id)\\s*[:#]?\\s*[A-Z0-9-]{3,}\\b", "[ID]"},
    {"\\b\\d{6,}\\b", "[ID]"},
    {"\\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\\.?\\s+[A-Z][a-zA-Z'-]+(?:\\s+[A-Z][a-zA-Z'-]+)?", "[NAME]"},
  };

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean show = args.length > 2 && args[2].equals("show");
    Class<?> eval = Class.forName("io.medloom.core.privacy.BenchSupport");
    Method report = eval.getDeclaredMethod("report", Path.class, boolean.class);
    report.setAccessible(true);
    System.out.print(report.invoke(null, csv, show));

    Method texts = eval.getDeclaredMethod("iuTexts", Path.class);
    texts.setAccessible(true);
    @SuppressWarnings("unchecked")
    List<String> reports = (List<String>) texts.invoke(null, csv);
    List<Pattern> old = new ArrayList<>();
    for (String[] r : OLD) {
      old.add(Pattern.compile(r[0]));
    }
    TextScrubber s = TextScrubber.standard();
    List<String> ids = List.of("4471", "7");
    double best = 0;
    double bestOld = 0;
    long sink = 0;
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      for (int k = 0; k < 10; k++) {
        for (String r : reports) {
          sink += s.scrub(r, ids).length();
        }
      }
      double rate = 10.0 * reports.size() / ((System.nanoTime() - t0) / 1e9);
      best = Math.max(best, rate);
      t0 = System.nanoTime();
      for (int k = 0; k < 10; k++) {
        for (String r : reports) {
          String out = r;
          for (String id : ids) {
            if (id.length() >= 4) {
              out = Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])").matcher(out).replaceAll("[ID]");
            }
          }
          for (int i = 0; i < old.size(); i++) {
            out = old.get(i).matcher(out).replaceAll(Matcher.quoteReplacement(OLD[i][1]));
          }
          sink += out.length();
        }
      }
      bestOld = Math.max(bestOld, 10.0 * reports.size() / ((System.nanoTime() - t0) / 1e9));
    }
    System.out.printf(
        Locale.ROOT,
        "phi-scrub: medloom %.0f reports/s, peer (previous 9-regex scrubber) %.0f reports/s, ratio %.2f"
            + " (IU findings+impression, %d reports x10, best of %d rounds, one thread; checksum %d)%n",
        best, bestOld, best / bestOld, reports.size(), rounds, sink % 997);
  }
}
