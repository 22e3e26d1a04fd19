package io.medloom.core.privacy;

import static io.medloom.core.Checks.notNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes identifiers from free text: the patterns of {@code scrub-patterns.tsv} (dates, phone
 * numbers, e-mail addresses, record numbers, titled names) and any identifier of the sample itself
 * that the caller knows (its patient and study ids), each replaced by a bracketed placeholder so a
 * reader sees that something was removed.
 */
public final class TextScrubber {
  private static final String RESOURCE = "scrub-patterns.tsv";

  /** One pattern of the resource file. */
  public record Rule(String name, Pattern pattern, String replacement) {}

  private final List<Rule> rules;

  public TextScrubber(List<Rule> rules) {
    this.rules = List.copyOf(notNull(rules, "rules"));
  }

  /** The rules shipped with MedLoom. */
  public static TextScrubber standard() {
    try (InputStream in = TextScrubber.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      List<Rule> rules = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 3) {
          throw new IllegalStateException(
              RESOURCE + " line " + n + " needs 3 tab-separated fields");
        }
        rules.add(new Rule(f[0], Pattern.compile(f[1]), f[2]));
      }
      return new TextScrubber(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The text without identifiers. {@code knownIds} are removed wherever they appear as a whole
   * token; ids shorter than 4 characters are skipped, since "5" or "17" would also erase clinical
   * numbers.
   */
  public String scrub(String text, Collection<String> knownIds) {
    String out = text;
    for (String id : knownIds) {
      if (id != null && id.strip().length() >= 4) {
        out =
            Pattern.compile("(?<![\\w-])" + Pattern.quote(id.strip()) + "(?![\\w-])")
                .matcher(out)
                .replaceAll("[ID]");
      }
    }
    for (Rule rule : rules) {
      out = rule.pattern().matcher(out).replaceAll(Matcher.quoteReplacement(rule.replacement()));
    }
    return out;
  }
}
