package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scanner's fast character tests answer as {@link Character} does, for every char. */
class CharsTest {
  @Test
  void everyCharIsClassifiedAsCharacterDoes() {
    int differ = 0;
    for (int i = 0; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      if (Chars.isLetterOrDigit(c) != Character.isLetterOrDigit(c)
          || Chars.isLetter(c) != Character.isLetter(c)
          || Chars.isDigit(c) != Character.isDigit(c)
          || Chars.isWhitespace(c) != Character.isWhitespace(c)
          || Chars.isUpperCase(c) != Character.isUpperCase(c)
          || Chars.isLowerCase(c) != Character.isLowerCase(c)
          || Chars.toLowerCase(c) != Character.toLowerCase(c)) {
        differ++;
      }
    }
    assertThat(differ).isZero();
  }

  @Test
  void asciiSamples() {
    assertThat(Chars.isLetterOrDigit('@')).isFalse();
    assertThat(Chars.isLetterOrDigit('[')).isFalse();
    assertThat(Chars.isLetterOrDigit('`')).isFalse();
    assertThat(Chars.isLetterOrDigit('{')).isFalse();
    assertThat(Chars.isLetterOrDigit('Z')).isTrue();
    assertThat(Chars.toLowerCase('Q')).isEqualTo('q');
    assertThat(Chars.isWhitespace('\u001c')).isTrue();
    assertThat(Chars.isWhitespace('\u00a0')).isFalse();
  }
}
