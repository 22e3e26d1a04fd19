package io.medloom.io.dicom.codec;

/**
 * The entropy-coded segment of a JPEG scan read bit by bit (ITU-T T.81 F.2.2.5): a 0xFF byte is
 * followed by a stuffed 0x00; any other byte after 0xFF is a marker, where the data ends. Past a
 * marker the reader feeds zero bits, as libjpeg does, so a short segment decodes to flat blocks
 * rather than failing mid-image.
 */
final class JpegBits {
  private final byte[] data;
  private int pos;
  private int end;
  private long buffer;
  private int count;
  private int marker = -1;

  JpegBits(byte[] data, int pos, int end) {
    this.data = data;
    this.pos = pos;
    this.end = end;
  }

  private void fill() {
    while (count <= 56) {
      int b = 0;
      if (marker < 0 && pos < end) {
        b = data[pos] & 0xff;
        if (b == 0xFF) {
          int next = pos + 1 < end ? data[pos + 1] & 0xff : 0xD9;
          if (next == 0) {
            pos += 2;
          } else {
            marker = next;
            b = 0;
          }
        } else {
          pos++;
        }
      }
      buffer |= (long) b << (56 - count);
      count += 8;
    }
  }

  int bit() {
    if (count < 1) {
      fill();
    }
    int v = (int) (buffer >>> 63);
    buffer <<= 1;
    count--;
    return v;
  }

  int bits(int n) {
    if (n == 0) {
      return 0;
    }
    if (count < n) {
      fill();
    }
    int v = (int) (buffer >>> (64 - n));
    buffer <<= n;
    count -= n;
    return v;
  }

  /** Peeks 16 bits without consuming them (for table lookups). */
  int peek16() {
    if (count < 16) {
      fill();
    }
    return (int) (buffer >>> 48);
  }

  void skip(int n) {
    buffer <<= n;
    count -= n;
  }

  /** T.81 F.2.2.1 EXTEND: the n-bit value v as a signed difference. */
  static int extend(int v, int n) {
    return n == 0 ? 0 : v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
  }

  int receiveExtend(int n) {
    return extend(bits(n), n);
  }

  /** At a restart interval: drop the partial byte and step over the RSTn marker. */
  void restart() {
    buffer = 0;
    count = 0;
    if (marker >= 0xD0 && marker <= 0xD7) {
      pos += 2;
      marker = -1;
      return;
    }
    // No pending marker seen yet: find the next RSTn in the data.
    while (pos + 1 < end) {
      if ((data[pos] & 0xff) == 0xFF) {
        int m = data[pos + 1] & 0xff;
        if (m >= 0xD0 && m <= 0xD7) {
          pos += 2;
          marker = -1;
          return;
        }
      }
      pos++;
    }
  }

  /** The position after the segment: the marker that ended it. */
  int position() {
    return marker >= 0 ? pos : skipToMarker();
  }

  private int skipToMarker() {
    int p = pos;
    while (p + 1 < end) {
      int m = data[p + 1] & 0xff;
      if ((data[p] & 0xff) == 0xFF && m != 0 && (m < 0xD0 || m > 0xD7)) {
        return p;
      }
      p++;
    }
    return end;
  }
}
