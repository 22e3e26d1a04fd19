package io.medloom.core;

import java.util.Objects;

/**
 * Argument checks whose messages show the offending value, so an error says whose fault it is.
 *
 * <p>Modelled on Guava's {@code Preconditions}; kept here so that core depends on nothing but
 * Jackson.
 */
public final class Checks {
  private Checks() {}

  /** Throws {@link IllegalArgumentException} with a formatted message when {@code ok} is false. */
  public static void checkArgument(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  /** Returns {@code value}, or throws a {@link NullPointerException} naming the field. */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  /** Returns {@code value} when it is neither null nor blank. */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    checkArgument(!value.isBlank(), "%s must not be blank: '%s'", name, value);
    return value;
  }
}
