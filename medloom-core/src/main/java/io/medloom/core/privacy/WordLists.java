package io.medloom.core.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The word lists of the scrubber, read once from the resources beside this class: name lists, the
 * clinical allow list (clinical words, eponyms, name-list entries that are common English words),
 * places larger than a state, and the name cues. All words are lower case.
 */
final class WordLists {
  final Set<String> firstNames;
  final Set<String> surnames;

  /** Words that are never taken for a name on a name-list hit alone. */
  final Set<String> allow;

  final Set<String> places;
  final Map<String, Set<String>> cues;

  private WordLists(
      Set<String> firstNames,
      Set<String> surnames,
      Set<String> allow,
      Set<String> places,
      Map<String, Set<String>> cues) {
    this.firstNames = firstNames;
    this.surnames = surnames;
    this.allow = allow;
    this.places = places;
    this.cues = cues;
  }

  static WordLists load() {
    Set<String> allow = new HashSet<>(words("clinical-words.txt"));
    allow.addAll(words("clinical-eponyms.txt"));
    allow.addAll(words("common-words.txt"));
    allow.addAll(words("clinical-services.txt"));
    Map<String, Set<String>> cues = new HashMap<>();
    for (String line : lines("name-cues.tsv")) {
      String[] f = line.split("\t");
      if (f.length != 2) {
        throw new IllegalStateException("name-cues.tsv: need 'kind<TAB>phrase': " + line);
      }
      cues.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1].toLowerCase(Locale.ROOT));
    }
    return new WordLists(
        Set.copyOf(words("first-names.txt")),
        Set.copyOf(words("surnames.txt")),
        Set.copyOf(allow),
        Set.copyOf(words("places.txt")),
        Map.copyOf(cues));
  }

  Set<String> cues(String kind) {
    return cues.getOrDefault(kind, Set.of());
  }

  boolean isName(String lower) {
    return firstNames.contains(lower) || surnames.contains(lower);
  }

  private static List<String> words(String resource) {
    List<String> out = new ArrayList<>();
    for (String line : lines(resource)) {
      out.add(line.strip().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The non-blank, non-comment lines of a resource. */
  static List<String> lines(String resource) {
    try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
