package io.medloom.core.source;

import static io.medloom.core.Checks.checkArgument;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How much one input may cost a reader, checked against what a file <em>declares</em> before any
 * memory is reserved: every reader (PNG, JPEG, TIFF, DICOM, NIfTI, NPY/NPZ) multiplies the
 * dimensions of its header out and asks here first, and compressed content is read through {@link
 * #limit}, so a small file that promises gigabytes is refused in microseconds instead of ending the
 * build with an {@link OutOfMemoryError}.
 *
 * <p>Refusals are {@link BudgetExceededException}s (an {@link IOException}: the input is rejected
 * with the reason, the build goes on).
 *
 * @param maxPixels largest 2-D image (width x height) an input may hold: {@code --max-pixels}
 * @param maxBytes most bytes the decoded content of one input may occupy (all frames, slices,
 *     channels, or all arrays of an archive), and the most bytes a compressed stream may expand to
 */
public record ReadBudget(long maxPixels, long maxBytes) {
  /**
   * Decoded bytes allowed per pixel of {@code --max-pixels}: 8 covers the widest sample any reader
   * keeps (a float64, or four 16-bit channels).
   */
  public static final long BYTES_PER_PIXEL = 8;

  public ReadBudget {
    checkArgument(maxPixels > 0, "max pixels must be positive: %s", maxPixels);
    checkArgument(maxBytes > 0, "max bytes must be positive: %s", maxBytes);
  }

  /**
   * The budget a build uses for {@code --max-pixels}: {@value #BYTES_PER_PIXEL} bytes per pixel,
   * but never more than a quarter of the Java heap, because a few inputs are decoded at once and
   * each decoder briefly holds a copy or two; raise {@code -Xmx} to read larger inputs.
   */
  public static ReadBudget forPixels(long maxPixels) {
    long bytes = Math.min(saturatedMultiply(maxPixels, BYTES_PER_PIXEL), heapShare());
    return new ReadBudget(maxPixels, Math.max(1, bytes));
  }

  /** The default budget of a build: {@link SourceContext#DEFAULT_MAX_PIXELS}. */
  public static ReadBudget standard() {
    return forPixels(SourceContext.DEFAULT_MAX_PIXELS);
  }

  private static long heapShare() {
    long max = Runtime.getRuntime().maxMemory();
    return max == Long.MAX_VALUE ? Long.MAX_VALUE : max / 4;
  }

  /** Refuses an image plane of {@code width x height} pixels larger than {@link #maxPixels}. */
  public void checkPixels(long width, long height, String what) throws BudgetExceededException {
    if (width <= 0 || height <= 0) {
      throw new BudgetExceededException(
          what + " has a zero or negative size " + width + "x" + height);
    }
    long pixels = saturatedMultiply(width, height);
    if (pixels > maxPixels) {
      throw new BudgetExceededException(
          what
              + " of "
              + width
              + "x"
              + height
              + " = "
              + pixels
              + " pixels exceeds the limit of "
              + maxPixels
              + " (--max-pixels; a decompression bomb or a lying header if the file is small)");
    }
  }

  /**
   * Refuses content that would take more than {@link #maxBytes} bytes once decoded: {@code factors}
   * are multiplied out (dimensions, channels, bytes per value) without overflow.
   */
  public void checkBytes(String what, long... factors) throws BudgetExceededException {
    long bytes = product(factors);
    if (bytes > maxBytes) {
      throw new BudgetExceededException(
          what
              + " needs "
              + (bytes == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(bytes))
              + " bytes, more than the read budget of "
              + maxBytes
              + " bytes per input ("
              + BYTES_PER_PIXEL
              + " bytes x --max-pixels, at most a quarter of the Java heap)");
    }
  }

  /** The product of {@code factors}, {@link Long#MAX_VALUE} when it overflows or one is < 0. */
  public static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f < 0) {
        return Long.MAX_VALUE;
      }
      p = saturatedMultiply(p, f);
    }
    return p;
  }

  private static long saturatedMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
  }

  /** A budget whose byte allowance is what is left after {@code used} bytes were spent. */
  public ReadBudget remaining(long used) throws BudgetExceededException {
    if (used >= maxBytes) {
      throw new BudgetExceededException(
          "the input has used its read budget of " + maxBytes + " bytes");
    }
    return new ReadBudget(maxPixels, maxBytes - used);
  }

  /**
   * {@code in}, failing with a {@link BudgetExceededException} naming {@code what} as soon as more
   * than {@link #maxBytes} bytes have been read from it: wrap decompressing streams (gzip, zip
   * entries, deflated DICOM) in this, so a bomb stops at the budget however it was built.
   */
  public InputStream limit(InputStream in, String what) {
    return limit(in, maxBytes, what);
  }

  /** {@code in}, failing once more than {@code max} bytes were read from it. */
  public static InputStream limit(InputStream in, long max, String what) {
    return new Limited(in, max, what);
  }

  /** A {@link ReadBudget} refusal: the input is too large for the budget, or its header lies. */
  public static final class BudgetExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    public BudgetExceededException(String message) {
      super(message);
    }
  }

  private static final class Limited extends FilterInputStream {
    private final long max;
    private final String what;
    private long count;

    Limited(InputStream in, long max, String what) {
      super(in);
      this.max = max;
      this.what = what;
    }

    private void add(long n) throws BudgetExceededException {
      count += n;
      if (count > max) {
        throw new BudgetExceededException(
            what
                + " expands to more than the read budget of "
                + max
                + " bytes (a decompression bomb, or raise --max-pixels / -Xmx if it is real)");
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      add(s);
      return s;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
