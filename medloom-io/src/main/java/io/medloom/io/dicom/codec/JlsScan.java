package io.medloom.io.dicom.codec;

/**
 * Decodes the lines of one JPEG-LS scan (T.87 annex A): regular mode with median edge detection and
 * context-adaptive Golomb codes, run mode over flat stretches. Lines are kept with one sample of
 * padding on each side so the neighbours Ra, Rb, Rc, Rd of the edge samples follow A.2.1.
 */
final class JlsScan {
  private final JlsContexts ctx;
  private final JlsBits in;
  private final int width;

  JlsScan(JlsContexts ctx, JlsBits in, int width) {
    this.ctx = ctx;
    this.in = in;
    this.width = width;
  }

  /**
   * Decodes one line into {@code cur[1..width]} given {@code prev} (the line above, or zeros);
   * returns the updated run index of this component.
   */
  int line(int[] prev, int[] cur, int runIndex) throws CodecException {
    prev[width + 1] = prev[width];
    cur[0] = prev[1];
    int x = 1;
    while (x <= width) {
      int ra = cur[x - 1];
      int rb = prev[x];
      int rc = prev[x - 1];
      int rd = prev[x + 1];
      int d1 = rd - rb;
      int d2 = rb - rc;
      int d3 = rc - ra;
      int near = ctx.near;
      if (Math.abs(d1) <= near && Math.abs(d2) <= near && Math.abs(d3) <= near) {
        int[] state = {runIndex};
        x = run(prev, cur, x, ra, state);
        runIndex = state[0];
        continue;
      }
      cur[x] = regular(ctx.quantize(d1), ctx.quantize(d2), ctx.quantize(d3), ra, rb, rc);
      x++;
    }
    return runIndex;
  }

  /**
   * Sample-interleaved mode (ILV 2): the components of a pixel are coded in turn with one set of
   * contexts; run mode applies when every component is flat, and a run covers whole pixels.
   */
  int pixelLine(int[][] prev, int[][] cur, int runIndex) throws CodecException {
    int n = cur.length;
    for (int c = 0; c < n; c++) {
      prev[c][width + 1] = prev[c][width];
      cur[c][0] = prev[c][1];
    }
    int near = ctx.near;
    int[] q1 = new int[n];
    int[] q2 = new int[n];
    int[] q3 = new int[n];
    int x = 1;
    while (x <= width) {
      boolean flat = true;
      for (int c = 0; c < n; c++) {
        q1[c] = ctx.quantize(prev[c][x + 1] - prev[c][x]);
        q2[c] = ctx.quantize(prev[c][x] - prev[c][x - 1]);
        q3[c] = ctx.quantize(prev[c][x - 1] - cur[c][x - 1]);
        flat &= q1[c] == 0 && q2[c] == 0 && q3[c] == 0;
      }
      if (!flat) {
        for (int c = 0; c < n; c++) {
          cur[c][x] = regular(q1[c], q2[c], q3[c], cur[c][x - 1], prev[c][x], prev[c][x - 1]);
        }
        x++;
        continue;
      }
      int remaining = width - x + 1;
      int count = 0;
      while (in.bit() == 1) {
        int step = Math.min(1 << JlsContexts.J[runIndex], remaining - count);
        count += step;
        if (step == 1 << JlsContexts.J[runIndex] && runIndex < 31) {
          runIndex++;
        }
        if (count == remaining) {
          break;
        }
      }
      boolean interrupted = count < remaining;
      if (interrupted) {
        count += in.bits(JlsContexts.J[runIndex]);
        if (count >= remaining) {
          throw new CodecException("JPEG-LS run longer than its line");
        }
      }
      for (int c = 0; c < n; c++) {
        int ra = cur[c][x - 1];
        for (int i = 0; i < count; i++) {
          cur[c][x + i] = ra;
        }
      }
      x += count;
      if (interrupted) {
        for (int c = 0; c < n; c++) {
          int ra = cur[c][x - 1];
          int rb = prev[c][x];
          int err = interruptionError(0, runIndex);
          cur[c][x] = ctx.reconstruct(rb, rb >= ra ? err : -err);
        }
        runIndex = Math.max(0, runIndex - 1);
        x++;
      }
    }
    return runIndex;
  }

  private int regular(int q1, int q2, int q3, int ra, int rb, int rc) throws CodecException {
    int sign = 1;
    if (q1 < 0 || (q1 == 0 && (q2 < 0 || (q2 == 0 && q3 < 0)))) {
      sign = -1;
      q1 = -q1;
      q2 = -q2;
      q3 = -q3;
    }
    int q = (q1 * 9 + q2) * 9 + q3;
    int px;
    if (rc >= Math.max(ra, rb)) {
      px = Math.min(ra, rb);
    } else if (rc <= Math.min(ra, rb)) {
      px = Math.max(ra, rb);
    } else {
      px = ra + rb - rc;
    }
    px += sign * ctx.c[q];
    px = px < 0 ? 0 : px > ctx.maxval ? ctx.maxval : px;
    int k = JlsContexts.golombK(ctx.n[q], ctx.a[q]);
    int m = ctx.golomb(in, k, ctx.limit);
    int err;
    if (ctx.near == 0 && k == 0 && 2 * ctx.b[q] <= -ctx.n[q]) {
      err = (m & 1) != 0 ? (m - 1) >> 1 : -(m >> 1) - 1;
    } else {
      err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
    }
    ctx.update(q, err);
    return ctx.reconstruct(px, sign * err);
  }

  /** Run mode from x (1-based); returns the next x to decode. state[0] is RUNindex. */
  private int run(int[] prev, int[] cur, int x, int ra, int[] state) throws CodecException {
    int remaining = width - x + 1;
    int count = 0;
    int runIndex = state[0];
    while (in.bit() == 1) {
      int step = Math.min(1 << JlsContexts.J[runIndex], remaining - count);
      count += step;
      if (step == 1 << JlsContexts.J[runIndex] && runIndex < 31) {
        runIndex++;
      }
      if (count == remaining) {
        break;
      }
    }
    boolean interrupted = count < remaining;
    if (interrupted) {
      count += in.bits(JlsContexts.J[runIndex]);
      if (count >= remaining) {
        throw new CodecException("JPEG-LS run longer than its line");
      }
    }
    for (int i = 0; i < count; i++) {
      cur[x + i] = ra;
    }
    x += count;
    if (!interrupted) {
      state[0] = runIndex;
      return x;
    }
    int rb = prev[x];
    cur[x] = interruption(ra, rb, runIndex);
    state[0] = Math.max(0, runIndex - 1);
    return x + 1;
  }

  /** A.7.2: the sample that ended a run. */
  private int interruption(int ra, int rb, int runIndex) throws CodecException {
    int riType = Math.abs(ra - rb) <= ctx.near ? 1 : 0;
    int err = interruptionError(riType, runIndex);
    if (riType == 1) {
      return ctx.reconstruct(ra, err);
    }
    return ctx.reconstruct(rb, rb >= ra ? err : -err);
  }

  /** The error of a run-interruption sample coded in context 365 + riType, with its update. */
  private int interruptionError(int riType, int runIndex) throws CodecException {
    int q = 365 + riType;
    int temp = riType == 0 ? ctx.a[q] : ctx.a[q] + (ctx.n[q] >> 1);
    int k = JlsContexts.golombK(ctx.n[q], temp);
    int em = ctx.golomb(in, k, ctx.limit - JlsContexts.J[runIndex] - 1);
    int t = em + riType;
    boolean map = (t & 1) != 0;
    int abs = (t + (map ? 1 : 0)) / 2;
    int err = ((k != 0 || 2 * ctx.nn[q] >= ctx.n[q]) == map) ? -abs : abs;
    ctx.updateRun(q, err, em, riType);
    return err;
  }
}
