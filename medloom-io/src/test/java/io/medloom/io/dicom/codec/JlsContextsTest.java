package io.medloom.io.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Golomb parameter search ends on any context state, valid or not. */
class JlsContextsTest {
  @Test
  void kIsTheLeastShiftThatReachesA() throws CodecException {
    assertThat(JlsContexts.golombK(4, 4)).isZero();
    assertThat(JlsContexts.golombK(4, 5)).isEqualTo(1);
    assertThat(JlsContexts.golombK(1, 1 << 16)).isEqualTo(16);
    assertThat(JlsContexts.golombK(3, 100)).isEqualTo(6);
  }

  @Test
  void aCorruptStateIsRefusedInsteadOfLoopingForever() {
    // Found by fuzzing: with int shifts, n << k wraps at k = 32 and the search never ended.
    assertThatThrownBy(() -> JlsContexts.golombK(0, 5))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> JlsContexts.golombK(1, Integer.MAX_VALUE))
        .isInstanceOf(CodecException.class);
  }
}
