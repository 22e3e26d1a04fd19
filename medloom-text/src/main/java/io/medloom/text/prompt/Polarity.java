package io.medloom.text.prompt;

/**
 * The three CheXpert-style label values a prompt can express. The integer codes are the ones label
 * files use (1 positive, 0 negative, -1 uncertain), so callers can pass raw label cells straight
 * in.
 */
public enum Polarity {
  POSITIVE(1),
  NEGATIVE(0),
  UNCERTAIN(-1);

  private final int code;

  Polarity(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * @throws IllegalArgumentException for anything but 1, 0 or -1; a blank label is "not mentioned"
   *     and has no sentence, so callers must skip it rather than map it to a polarity
   */
  public static Polarity of(int code) {
    for (Polarity p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "label value must be 1 (positive), 0 (negative) or -1 (uncertain): " + code);
  }
}
