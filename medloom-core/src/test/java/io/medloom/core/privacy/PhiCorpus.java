package io.medloom.core.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PHI test corpus ({@code phi-corpus/*.txt}): sentences with identifiers marked {@code
 * [[CATEGORY:text]]}. Parsing removes the marks and keeps each span's offsets; spans of category
 * {@code OWNID} are the sample's own ids and are also returned as the sentence's known ids, as the
 * build passes them to the scrubber.
 */
final class PhiCorpus {
  private static final Pattern MARK = Pattern.compile("\\[\\[([A-Z]+):([^\\]]+)\\]\\]");

  /** A marked identifier: characters {@code [start, end)} of the clean text. */
  record Span(int start, int end, String category) {}

  record Sentence(String text, List<Span> spans, List<String> ids) {}

  private PhiCorpus() {}

  static Sentence parse(String line) {
    StringBuilder text = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Matcher m = MARK.matcher(line);
    int at = 0;
    while (m.find()) {
      text.append(line, at, m.start());
      int s = text.length();
      text.append(m.group(2));
      spans.add(new Span(s, text.length(), m.group(1)));
      if (m.group(1).equals("OWNID")) {
        ids.add(m.group(2));
      }
      at = m.end();
    }
    text.append(line.substring(at));
    if (text.indexOf("[[") >= 0 || text.indexOf("]]") >= 0) {
      throw new IllegalArgumentException("unbalanced mark in: " + line);
    }
    return new Sentence(text.toString(), spans, ids);
  }

  /** The sentences of {@code phi-corpus/<name>.txt}, e.g. "phi-heldout" or "clean-tune". */
  static List<Sentence> load(String name) {
    String resource = "phi-corpus/" + name + ".txt";
    try (InputStream in = PhiCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Sentence> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(parse(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
