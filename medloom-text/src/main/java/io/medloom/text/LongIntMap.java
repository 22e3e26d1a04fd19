package io.medloom.text;

import java.util.Arrays;

/** Open-addressing long -> int map (no boxing). */
final class LongIntMap {
  private long[] keys;
  private int[] vals;
  private int size;

  LongIntMap(int cap) {
    keys = new long[cap];
    vals = new int[cap];
    Arrays.fill(vals, -1);
  }

  private static int mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return (int) k;
  }

  int get(long k) {
    int mask = keys.length - 1;
    for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
      if (vals[i] < 0) {
        return -1;
      }
      if (keys[i] == k) {
        return vals[i];
      }
    }
  }

  void put(long k, int v) {
    if ((size + 1) * 2 > keys.length) {
      long[] ok = keys;
      int[] ov = vals;
      keys = new long[ok.length * 2];
      vals = new int[ok.length * 2];
      Arrays.fill(vals, -1);
      size = 0;
      for (int i = 0; i < ok.length; i++) {
        if (ov[i] >= 0) {
          put(ok[i], ov[i]);
        }
      }
    }
    int mask = keys.length - 1;
    for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
      if (vals[i] < 0) {
        keys[i] = k;
        vals[i] = v;
        size++;
        return;
      }
      if (keys[i] == k) {
        vals[i] = v;
        return;
      }
    }
  }
}
