package io.medloom.core.source;

import static io.medloom.core.Checks.notBlank;

/**
 * One option of a source kind ({@code KIND:LOCATION?name=value}), as {@code build --help} lists it
 * and as {@link Sources#check} accepts it.
 *
 * @param name the option name; a name ending in an upper-case placeholder after a dot ({@code
 *     classes.COL}, {@code text.KIND}) stands for every name with that prefix
 * @param value what the value looks like, e.g. {@code separate|merged} or {@code COL}
 * @param description one line: what it does and its default
 */
public record SourceOption(String name, String value, String description) {
  public SourceOption {
    notBlank(name, "option name");
    notBlank(value, "option value");
    notBlank(description, "option description");
  }

  public static SourceOption of(String name, String value, String description) {
    return new SourceOption(name, value, description);
  }

  /** The prefix of a family of options ({@code classes.} for {@code classes.COL}), else empty. */
  public String prefix() {
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return "";
    }
    String placeholder = name.substring(dot + 1);
    return placeholder.chars().allMatch(c -> Character.isUpperCase(c) || c == '_')
        ? name.substring(0, dot + 1)
        : "";
  }

  /** Whether {@code key}, as written after {@code ?}, is this option. */
  public boolean matches(String key) {
    String prefix = prefix();
    return prefix.isEmpty()
        ? key.equals(name)
        : key.startsWith(prefix) && key.length() > prefix.length();
  }

  /**
   * The values this option allows, when {@link #value} lists them ({@code separate|merged}); empty
   * when it describes them by a placeholder ({@code COL}, {@code N}, {@code every:K}).
   */
  public java.util.List<String> choices() {
    java.util.List<String> out = java.util.List.of(value.split("\\|"));
    boolean literal =
        out.stream()
            .allMatch(
                v ->
                    !v.isEmpty() && v.chars().noneMatch(c -> Character.isUpperCase(c) || c == '*'));
    return literal ? out : java.util.List.of();
  }

  /** {@code name=value}, as help shows it. */
  public String synopsis() {
    return name + "=" + value;
  }
}
