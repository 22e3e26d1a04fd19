package io.medloom.io.numpy;

import io.medloom.core.source.ReadBudget;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one numpy {@code .npy} array (format versions 1.0, 2.0 and 3.0) with the JDK only. Object
 * arrays are refused: their payload is a pickle, and unpickling untrusted data runs code.
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** numpy itself refuses headers over 10000 bytes by default; allow more, but not gigabytes. */
  static final int MAX_HEADER = 1 << 20;

  /** A Java byte[] holds at most this many bytes. */
  private static final long MAX_DATA = Integer.MAX_VALUE - 8;

  private NpyReader() {}

  /** Reads a file within the {@linkplain ReadBudget#standard() standard} read budget. */
  public static NpyArray read(Path p) throws IOException {
    return read(p, ReadBudget.standard());
  }

  /** Reads a file; an array larger than the budget (or than the file) is refused unread. */
  public static NpyArray read(Path p, ReadBudget budget) throws IOException {
    long size = Files.size(p);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
      return read(in, p.toString(), budget, size);
    }
  }

  /** Reads exactly one array from the stream (the stream is left just after its data). */
  public static NpyArray read(InputStream in) throws IOException {
    return read(in, "npy stream", ReadBudget.standard(), -1);
  }

  /**
   * Reads one array whose data must fit {@code budget}; {@code available} is how many bytes the
   * stream holds at most (-1 when unknown, e.g. a compressed zip entry), so that a header promising
   * more than the file has is refused before its data is read.
   */
  static NpyArray read(InputStream in, String src, ReadBudget budget, long available)
      throws IOException {
    byte[] pre = in.readNBytes(8);
    if (pre.length < 8 || !Arrays.equals(pre, 0, 6, MAGIC, 0, 6)) {
      throw new IOException(
          src + ": bad npy magic " + hex(pre, 6) + ", expected 93 4e 55 4d 50 59 (\\x93NUMPY)");
    }
    int major = pre[6] & 0xff;
    int minor = pre[7] & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw new IOException(
          src
              + ": unsupported npy format version "
              + major
              + "."
              + minor
              + " (supported: 1.0, 2.0, 3.0)");
    }
    // v1 has a 2-byte little-endian header length; v2/v3 widened it to 4 bytes.
    byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
    if (lenBytes.length < (major == 1 ? 2 : 4)) {
      throw new IOException(src + ": truncated npy preamble (no header length)");
    }
    long headerLen = 0;
    for (int i = lenBytes.length - 1; i >= 0; i--) {
      headerLen = headerLen << 8 | (lenBytes[i] & 0xff);
    }
    if (headerLen > MAX_HEADER) {
      throw new IOException(
          src + ": npy header length " + headerLen + " exceeds the " + MAX_HEADER + "-byte limit");
    }
    byte[] hb = in.readNBytes((int) headerLen);
    if (hb.length < headerLen) {
      throw new IOException(
          src + ": truncated npy header: expected " + headerLen + " bytes, actual " + hb.length);
    }
    // v1/v2 headers are latin-1; v3 allows UTF-8 (for unicode field names).
    String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader h = NpyHeader.parse(text, src);
    NpyDtype dt;
    try {
      dt = NpyDtype.parse(h.descr());
    } catch (IllegalArgumentException e) {
      throw new IOException(src + ": " + e.getMessage(), e);
    }
    long count = 1;
    for (int d : h.shape()) {
      count *= d;
      if (count * Math.max(1, dt.itemSize()) > MAX_DATA) {
        throw new IOException(
            src
                + ": shape "
                + Arrays.toString(h.shape())
                + " of "
                + h.descr()
                + " is more than the "
                + MAX_DATA
                + " bytes a Java array holds");
      }
    }
    long bytes = count * dt.itemSize();
    budget.checkBytes(src + ": array " + Arrays.toString(h.shape()) + " of " + h.descr(), bytes);
    long start = 8 + lenBytes.length + headerLen;
    if (available >= 0 && start + bytes > available) {
      throw new IOException(
          src
              + ": truncated npy data: shape "
              + Arrays.toString(h.shape())
              + " of "
              + h.descr()
              + " needs "
              + bytes
              + " bytes, the file holds "
              + Math.max(0, available - start));
    }
    // Without a known length readNBytes grows its buffer as data arrives, so a lying shape cannot
    // force a large allocation; with one, the checks above make the exact allocation safe.
    byte[] data = available >= 0 ? readExactly(in, (int) bytes) : in.readNBytes((int) bytes);
    if (data.length < bytes) {
      throw new IOException(
          src
              + ": truncated npy data: shape "
              + Arrays.toString(h.shape())
              + " of "
              + h.descr()
              + " needs "
              + bytes
              + " bytes, actual "
              + data.length);
    }
    return new NpyArray(h.descr(), h.shape(), h.fortranOrder(), data);
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] data = new byte[n];
    int got = in.readNBytes(data, 0, n);
    return got == n ? data : java.util.Arrays.copyOf(data, got);
  }

  private static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
    }
    return b.length == 0 ? "(empty)" : s.toString();
  }
}
