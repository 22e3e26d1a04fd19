package io.medloom.text;

import java.util.Arrays;

/** A growable int array, reused across calls to avoid allocation. */
final class IntList {
  int[] a;
  int size;

  IntList(int cap) {
    a = new int[Math.max(4, cap)];
  }

  void clear() {
    size = 0;
  }

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  int get(int i) {
    return a[i];
  }
}
