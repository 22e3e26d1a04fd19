package io.medloom.io.dicom.codec;

import java.io.IOException;

/**
 * A compressed stream that does not follow its standard, or uses a feature this decoder does not
 * support.
 */
public final class CodecException extends IOException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }
}
