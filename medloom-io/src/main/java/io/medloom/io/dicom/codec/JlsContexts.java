package io.medloom.io.dicom.codec;

/**
 * The adaptive state of a JPEG-LS scan (T.87 A.2 to A.7): the coding parameters, the 365 regular
 * contexts (A, B, C, N) and the two run-interruption contexts (A, N, Nn).
 */
final class JlsContexts {
  static final int[] J = {
    0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13,
    14, 15
  };

  final int maxval;
  final int near;
  final int t1;
  final int t2;
  final int t3;
  final int reset;
  final int range;
  final int qbpp;
  final int limit;

  final int[] a = new int[367];
  final int[] b = new int[367];
  final int[] c = new int[367];
  final int[] n = new int[367];
  final int[] nn = new int[367];

  JlsContexts(int precision, int maxval, int near, int[] thresholds, int reset) {
    this.maxval = maxval;
    this.near = near;
    this.reset = reset;
    range = (maxval + 2 * near) / (2 * near + 1) + 1;
    qbpp = log2ceil(range);
    int bpp = Math.max(2, log2ceil(maxval + 1));
    limit = 2 * (bpp + Math.max(8, bpp));
    int[] t = defaults(maxval, near);
    t1 = thresholds[0] != 0 ? thresholds[0] : t[0];
    t2 = thresholds[1] != 0 ? thresholds[1] : t[1];
    t3 = thresholds[2] != 0 ? thresholds[2] : t[2];
    int a0 = Math.max(2, (range + 32) / 64);
    for (int i = 0; i < 367; i++) {
      a[i] = a0;
      n[i] = 1;
    }
  }

  /** T.87 C.2.4.1.1: default thresholds for this MAXVAL and NEAR. */
  static int[] defaults(int maxval, int near) {
    int t1;
    int t2;
    int t3;
    if (maxval >= 128) {
      int factor = (Math.min(maxval, 4095) + 128) / 256;
      t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxval);
      t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxval);
      t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxval);
    } else {
      int factor = 256 / (maxval + 1);
      t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxval);
      t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxval);
      t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxval);
    }
    return new int[] {t1, t2, t3};
  }

  private static int clamp(int i, int j, int maxval) {
    return i > maxval || i < j ? j : i;
  }

  static int log2ceil(int v) {
    int k = 0;
    while ((1L << k) < v) {
      k++;
    }
    return k;
  }

  /** A.3.3: a local gradient quantized to -4..4. */
  int quantize(int d) {
    if (d <= -t3) {
      return -4;
    }
    if (d <= -t2) {
      return -3;
    }
    if (d <= -t1) {
      return -2;
    }
    if (d < -near) {
      return -1;
    }
    if (d <= near) {
      return 0;
    }
    if (d < t1) {
      return 1;
    }
    if (d < t2) {
      return 2;
    }
    if (d < t3) {
      return 3;
    }
    return 4;
  }

  /** A.6.1 and A.6.2: context update after a regular-mode sample. */
  void update(int q, int err) {
    b[q] += err * (2 * near + 1);
    a[q] += Math.abs(err);
    if (n[q] == reset) {
      a[q] >>= 1;
      b[q] >>= 1;
      n[q] >>= 1;
    }
    n[q]++;
    if (b[q] <= -n[q]) {
      b[q] += n[q];
      if (c[q] > -128) {
        c[q]--;
      }
      if (b[q] <= -n[q]) {
        b[q] = -n[q] + 1;
      }
    } else if (b[q] > 0) {
      b[q] -= n[q];
      if (c[q] < 127) {
        c[q]++;
      }
      if (b[q] > 0) {
        b[q] = 0;
      }
    }
  }

  /** A.7.2.2: update of a run-interruption context (365 + RItype). */
  void updateRun(int q, int err, int emErr, int riType) {
    if (err < 0) {
      nn[q]++;
    }
    a[q] += (emErr + 1 - riType) >> 1;
    if (n[q] == reset) {
      a[q] >>= 1;
      n[q] >>= 1;
      nn[q] >>= 1;
    }
    n[q]++;
  }

  /** Reconstructs a sample from prediction and error (A.4.5 modulo reduction, A.5 clamping). */
  int reconstruct(int px, int err) {
    int rx = px + err * (2 * near + 1);
    if (rx < -near) {
      rx += range * (2 * near + 1);
    } else if (rx > maxval + near) {
      rx -= range * (2 * near + 1);
    }
    return rx < 0 ? 0 : rx > maxval ? maxval : rx;
  }

  /** A.5.3 with the limit of A.7.1: a Golomb code of parameter k, escaped past {@code lim}. */
  /**
   * The Golomb parameter k: the least k with n·2^k ≥ a (A.5.1). In a valid stream k stays below the
   * sample's bit depth; a corrupt one can drive a context's counts so far apart (or n to 0) that a
   * shift in int arithmetic wraps and the search never ends, so it runs in long arithmetic and
   * refuses a k no stream of 16-bit samples can need.
   */
  static int golombK(int n, int a) throws CodecException {
    int k = 0;
    while (((long) n << k) < a) {
      if (++k > MAX_K) {
        throw new CodecException("JPEG-LS context state out of range (corrupt scan data)");
      }
    }
    return k;
  }

  /** Above any k a stream of up to 16-bit samples needs (k ≤ bits per sample + 1). */
  private static final int MAX_K = 24;

  int golomb(JlsBits in, int k, int lim) throws CodecException {
    int high = in.zeros();
    if (high >= lim - qbpp - 1) {
      return in.bits(qbpp) + 1;
    }
    if (k == 0) {
      return high;
    }
    return (high << k) + in.bits(k);
  }
}
