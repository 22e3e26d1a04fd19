package io.medloom.store.read;

import io.medloom.core.model.Text;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One caption per sample, the same rule everywhere (exports, training on image–text pairs): the
 * full generated description, else the report (findings then impression), else a caption or the
 * clinical notes, else "". Kept here in both of its forms, Java over decoded texts and SQL over the
 * stored column, so the two cannot drift apart.
 */
public final class Caption {
  private Caption() {}

  /** The caption of a sample's texts. */
  public static String of(List<Text> texts) {
    return of(texts, Text::kind, Text::text);
  }

  /** The caption of texts in any form, given how to read a text's kind and content. */
  public static <T> String of(List<T> texts, Function<T, String> kind, Function<T, String> text) {
    Optional<String> full = first(texts, kind, text, "desc.full");
    if (full.isPresent()) {
      return full.get();
    }
    Optional<String> findings = first(texts, kind, text, "report.findings");
    Optional<String> impression = first(texts, kind, text, "report.impression");
    if (findings.isPresent() || impression.isPresent()) {
      return findings.orElse("")
          + (findings.isPresent() && impression.isPresent() ? " " : "")
          + impression.orElse("");
    }
    return first(texts, kind, text, "caption")
        .or(() -> first(texts, kind, text, "clinical_notes"))
        .orElse("");
  }

  /** The first non-blank text of a kind. */
  public static <T> Optional<String> first(
      List<T> texts, Function<T, String> kind, Function<T, String> text, String wanted) {
    return texts.stream()
        .filter(t -> wanted.equals(kind.apply(t)))
        .map(text)
        .filter(s -> s != null && !s.isBlank())
        .findFirst();
  }

  /** The same rule as {@link #of}, as a DuckDB expression over the {@code texts} column. */
  public static String sql() {
    String f = firstSql("report.findings");
    String i = firstSql("report.impression");
    return "coalesce("
        + firstSql("desc.full")
        + ", CASE WHEN "
        + f
        + " IS NULL AND "
        + i
        + " IS NULL THEN NULL ELSE concat_ws(' ', "
        + f
        + ", "
        + i
        + ") END, "
        + firstSql("caption")
        + ", "
        + firstSql("clinical_notes")
        + ", '')";
  }

  private static String firstSql(String kind) {
    return "struct_extract(list_filter(texts, t -> t.kind = '"
        + kind
        + "' AND trim(coalesce(t.text, '')) <> '')[1], 'text')";
  }
}
