package io.medloom.core.privacy;

import static io.medloom.core.Checks.notNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes identifiers from free text and puts a category tag in their place ({@code [NAME]}, {@code
 * [DATE]}, {@code [AGE]}, {@code [ADDRESS]}, {@code [ZIP]}, {@code [LOCATION]}, {@code [PHONE]},
 * {@code [EMAIL]}, {@code [URL]}, {@code [IP]}, {@code [SSN]}, {@code [ID]}, {@code [HOSPITAL]}).
 *
 * <p>Three finders run over the text: the regular expressions of {@code scrub-patterns.tsv} (dates
 * with or without a year, ages over 89, addresses, ZIP codes, phone/fax/pager numbers, e-mail,
 * URLs, IP addresses, SSNs, record/accession/chart numbers, hospital names), the {@link NameFinder}
 * (name lists plus titles, cues and a clinical allow list), and the sample's own identifiers.
 * Overlapping findings are merged. This is a best-effort scrubber measured on a test corpus, not a
 * certified HIPAA Safe Harbor or expert-determination de-identification.
 */
public final class TextScrubber {
  private static final String RESOURCE = "scrub-patterns.tsv";

  /** One pattern rule of the resource file, as loaded. */
  public record Rule(String name, PhiCategory category, Pattern pattern) {}

  private final PatternRules patterns;
  private final NameFinder names;

  private TextScrubber(PatternRules patterns, NameFinder names) {
    this.patterns = patterns;
    this.names = names;
  }

  private static final class Standard {
    static final TextScrubber INSTANCE = create();

    private static TextScrubber create() {
      WordLists words = WordLists.load();
      return new TextScrubber(PatternRules.load(RESOURCE, words), new NameFinder(words));
    }
  }

  /** The rules and word lists shipped with MedLoom, loaded once (the scrubber is immutable). */
  public static TextScrubber standard() {
    return Standard.INSTANCE;
  }

  public List<Rule> rules() {
    return patterns.rules().stream()
        .map(r -> new Rule(r.name(), r.category(), r.pattern()))
        .toList();
  }

  /** The text with every identifier found replaced by its category tag. */
  public String scrub(String text, Collection<String> knownIds) {
    return redact(text, find(text, knownIds));
  }

  /**
   * The identifiers found in {@code text}, sorted and not overlapping. {@code knownIds} are the
   * sample's own patient/study ids: long ones are removed wherever they appear unglued, short ones
   * (under 4 characters) only as whole words that are not measurements (see {@link KnownIds}).
   */
  public List<Redaction> find(String text, Collection<String> knownIds) {
    notNull(text, "text");
    notNull(knownIds, "knownIds");
    List<Redaction> found = new ArrayList<>();
    List<Integer> priority = new ArrayList<>();
    KnownIds.find(text, knownIds, found);
    while (priority.size() < found.size()) {
      priority.add(-1);
    }
    patterns.find(text, found, priority);
    int nameRank = patterns.rules().size();
    for (Redaction r : names.find(text)) {
      found.add(r);
      priority.add(nameRank);
    }
    return merge(found, priority);
  }

  /** Overlapping findings become one, tagged with the category of the highest-priority one. */
  private static List<Redaction> merge(List<Redaction> found, List<Integer> priority) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> found.get(i).start()));
    List<Redaction> out = new ArrayList<>();
    int i = 0;
    while (i < order.size()) {
      Redaction r = found.get(order.get(i));
      int start = r.start();
      int end = r.end();
      int best = order.get(i);
      int j = i + 1;
      while (j < order.size() && found.get(order.get(j)).start() < end) {
        int k = order.get(j);
        end = Math.max(end, found.get(k).end());
        if (priority.get(k) < priority.get(best)) {
          best = k;
        }
        j++;
      }
      out.add(new Redaction(start, end, found.get(best).category()));
      i = j;
    }
    return out;
  }

  /** {@code text} with each (sorted, non-overlapping) redaction replaced by its tag. */
  public static String redact(String text, List<Redaction> redactions) {
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Redaction r : redactions) {
      out.append(text, at, r.start()).append(r.category().tag());
      at = r.end();
    }
    return out.append(text, at, text.length()).toString();
  }
}
