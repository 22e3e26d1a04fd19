package io.medloom.annotate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The curated knowledge base of findings and organs ({@code knowledge.json} next to this class):
 * definition, typical appearance per modality, related findings and a cited source per entry.
 * {@link #lookup} retrieves an entry by name or synonym, case-insensitively, ignoring a leading
 * side word ("right lung" finds "lung").
 */
public final class KnowledgeBase {
  static final String RESOURCE = "knowledge.json";

  /**
   * One entry.
   *
   * @param kind "finding" or "organ"
   * @param definition one sentence, free of side/zone/intensity words (quoted in descriptions)
   * @param appearance modality ("CR/DX", "CT", "US", "MR") to typical appearance
   * @param source the cited public source
   */
  public record Entry(
      String name,
      String kind,
      List<String> synonyms,
      String definition,
      Map<String, String> appearance,
      List<String> related,
      String source) {
    public Entry {
      synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
      appearance = appearance == null ? Map.of() : Map.copyOf(appearance);
      related = related == null ? List.of() : List.copyOf(related);
    }
  }

  private record Document(String about, List<Entry> entries) {}

  private static final class Holder {
    static final KnowledgeBase STANDARD = load();
  }

  private final List<Entry> entries;
  private final Map<String, Entry> byKey = new HashMap<>();

  KnowledgeBase(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    for (Entry e : this.entries) {
      put(e.name(), e);
      e.synonyms().forEach(s -> put(s, e));
    }
  }

  /** The shipped knowledge base, loaded once. */
  public static KnowledgeBase standard() {
    return Holder.STANDARD;
  }

  static KnowledgeBase load() {
    try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new KnowledgeBase(new ObjectMapper().readValue(in, Document.class).entries());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The entry named {@code findingOrOrgan} or having it as a synonym. */
  public Optional<Entry> lookup(String findingOrOrgan) {
    if (findingOrOrgan == null) {
      return Optional.empty();
    }
    String k = key(findingOrOrgan);
    Entry e = byKey.get(k);
    if (e == null) {
      e = byKey.get(key(Anatomy.sideless(k)));
    }
    return Optional.ofNullable(e);
  }

  private void put(String name, Entry e) {
    Entry old = byKey.putIfAbsent(key(name), e);
    if (old != null && old != e) {
      throw new IllegalStateException(
          "'" + name + "' names both " + old.name() + " and " + e.name());
    }
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT)
        .replace('_', ' ')
        .replace('-', ' ')
        .strip()
        .replaceAll("\\s+", " ");
  }
}
