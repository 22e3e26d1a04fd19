package io.medloom.io.dicom.codec;

/**
 * The bit stream of a JPEG-LS scan (ITU-T T.87 A.1): after a 0xFF byte only seven bits of the next
 * byte are data (its top bit is a stuffed zero); 0xFF followed by a byte with the top bit set is a
 * marker and ends the scan.
 */
final class JlsBits {
  private final byte[] data;
  private int pos;
  private long buffer;
  private int count;
  private boolean afterFF;
  private boolean atMarker;

  JlsBits(byte[] data, int pos) {
    this.data = data;
    this.pos = pos;
  }

  private void fill() throws CodecException {
    while (count <= 56) {
      if (atMarker || pos >= data.length) {
        if (count > 0) {
          return;
        }
        throw new CodecException("JPEG-LS scan ends before all samples are decoded");
      }
      int b = data[pos] & 0xff;
      if (afterFF) {
        if ((b & 0x80) != 0) {
          atMarker = true;
          pos--; // back at the 0xFF that starts the marker
          continue;
        }
        buffer |= (long) b << (57 - count);
        count += 7;
      } else {
        buffer |= (long) b << (56 - count);
        count += 8;
      }
      afterFF = b == 0xFF;
      pos++;
    }
  }

  int bit() throws CodecException {
    if (count < 1) {
      fill();
    }
    int v = (int) (buffer >>> 63);
    buffer <<= 1;
    count--;
    return v;
  }

  int bits(int n) throws CodecException {
    if (n == 0) {
      return 0;
    }
    if (n > 24) {
      return bits(n - 16) << 16 | bits(16);
    }
    if (count < n) {
      fill();
      if (count < n) {
        throw new CodecException("JPEG-LS scan ends before all samples are decoded");
      }
    }
    int v = (int) (buffer >>> (64 - n));
    buffer <<= n;
    count -= n;
    return v;
  }

  /** Counts zero bits up to (and consumes) the next one bit. */
  int zeros() throws CodecException {
    int n = 0;
    while (true) {
      if (count == 0) {
        fill();
      }
      if (buffer == 0) {
        n += count;
        buffer = 0;
        count = 0;
        if (n > 65536) {
          throw new CodecException("JPEG-LS data holds an endless run of zero bits");
        }
        continue;
      }
      int z = Long.numberOfLeadingZeros(buffer);
      if (z >= count) {
        n += count;
        count = 0;
        buffer = 0;
        continue;
      }
      buffer <<= z + 1;
      count -= z + 1;
      return n + z;
    }
  }

  /** The byte position after the scan data, at the marker that ended it. */
  int endPosition() {
    int p = Math.max(0, pos - 1);
    while (p + 1 < data.length) {
      if ((data[p] & 0xff) == 0xFF && (data[p + 1] & 0x80) != 0) {
        return p;
      }
      p++;
    }
    return data.length;
  }
}
