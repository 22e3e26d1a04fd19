package io.medloom.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds raw identifiers inside strings, all at once (Aho–Corasick, so a million UIDs cost one pass
 * over each string, not a million): {@code 10000032} inside {@code files/p10/p10000032/s5…}, a
 * StudyInstanceUID inside {@code studies/<UID>/series/…}, {@code DOE^JOHN} inside a report.
 *
 * <p>The rules, chosen so a hit is a real leak and not an accident of digits:
 *
 * <ul>
 *   <li>identifiers shorter than {@link #MIN_LENGTH} characters are not searched (a 3-digit id
 *       matches numbers everywhere);
 *   <li>case does not matter ({@code p10000032/S5} is found as {@code P10000032/s5});
 *   <li>an identifier is found anywhere, also inside a longer word, except that a digit at either
 *       of its ends must not continue a longer number: {@code 1000003} is not found in {@code
 *       10000032} (another number), {@code 10000032} is found in {@code p10000032}.
 * </ul>
 */
final class IdentifierScan {
  static final int MIN_LENGTH = 4;

  /** Transitions of the trie as an open-addressing table: (state, char) to state. */
  private long[] keys = new long[1 << 10];

  private int[] values = new int[1 << 10];
  private int size;
  private int states = 1;
  private int[] fail = new int[1 << 10];

  /** Per state, the identifiers ending there (own and through fail links), or null. */
  private String[][] outputs = new String[1 << 10][];

  private final int searched;

  /** Lower-case form to the identifier as given, for messages. */
  private final java.util.Map<String, String> asGiven = new java.util.HashMap<>();

  IdentifierScan(Collection<String> identifiers) {
    Arrays.fill(keys, -1);
    Set<String> ids = new LinkedHashSet<>();
    for (String id : identifiers) {
      String s = lower(id.strip());
      if (s.length() >= MIN_LENGTH) {
        ids.add(s);
        asGiven.putIfAbsent(s, id.strip());
      }
    }
    searched = ids.size();
    for (String id : ids) {
      int state = 0;
      for (int i = 0; i < id.length(); i++) {
        int next = get(state, id.charAt(i));
        if (next < 0) {
          next = newState();
          put(state, id.charAt(i), next);
        }
        state = next;
      }
      outputs[state] = append(outputs[state], id);
    }
    buildFailLinks();
  }

  /** How many identifiers are searched (those of at least {@link #MIN_LENGTH} characters). */
  int searched() {
    return searched;
  }

  boolean isEmpty() {
    return searched == 0;
  }

  /** The identifiers found in {@code text}, as given, sorted. */
  Set<String> find(String text) {
    Set<String> found = new TreeSet<>();
    if (searched == 0 || text == null || text.isEmpty()) {
      return found;
    }
    String t = lower(text);
    int state = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      int next;
      while ((next = get(state, c)) < 0 && state != 0) {
        state = fail[state];
      }
      state = Math.max(next, 0);
      String[] out = outputs[state];
      if (out != null) {
        for (String id : out) {
          int start = i - id.length() + 1;
          if (bounded(t, start, i + 1, id)) {
            found.add(asGiven.get(id));
          }
        }
      }
    }
    return found;
  }

  /** Lower case char by char, so positions in the text stay where they were. */
  private static String lower(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toLowerCase(c[i]);
    }
    return new String(c);
  }

  private static boolean bounded(String t, int start, int end, String id) {
    boolean leftDigit = Character.isDigit(id.charAt(0));
    boolean rightDigit = Character.isDigit(id.charAt(id.length() - 1));
    return !(leftDigit && start > 0 && Character.isDigit(t.charAt(start - 1)))
        && !(rightDigit && end < t.length() && Character.isDigit(t.charAt(end)));
  }

  private void buildFailLinks() {
    // Breadth-first over the trie: a state's fail link is the longest proper suffix that is
    // also a path from the root; its outputs include those of the fail state.
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    List<List<long[]>> children = childrenByState();
    for (long[] e : children.get(0)) {
      fail[(int) e[1]] = 0;
      queue.add((int) e[1]);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (long[] e : children.get(s)) {
        char c = (char) e[0];
        int child = (int) e[1];
        int f = fail[s];
        int next;
        while ((next = get(f, c)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = Math.max(next, 0);
        String[] inherited = outputs[fail[child]];
        if (inherited != null) {
          for (String id : inherited) {
            outputs[child] = append(outputs[child], id);
          }
        }
        queue.add(child);
      }
    }
  }

  private List<List<long[]>> childrenByState() {
    List<List<long[]>> children = new ArrayList<>(states);
    for (int i = 0; i < states; i++) {
      children.add(new ArrayList<>(1));
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] >= 0) {
        int parent = (int) (keys[i] >>> 16);
        char c = (char) (keys[i] & 0xffff);
        children.get(parent).add(new long[] {c, values[i]});
      }
    }
    return children;
  }

  private int newState() {
    if (states == fail.length) {
      int n = states * 2;
      fail = Arrays.copyOf(fail, n);
      outputs = Arrays.copyOf(outputs, n);
    }
    return states++;
  }

  private static String[] append(String[] a, String s) {
    if (a == null) {
      return new String[] {s};
    }
    for (String x : a) {
      if (x.equals(s)) {
        return a;
      }
    }
    String[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = s;
    return b;
  }

  private int get(int state, char c) {
    long key = ((long) state << 16) | c;
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
      if (keys[i] < 0) {
        return -1;
      }
    }
  }

  private void put(int state, char c, int target) {
    if ((size + 1) * 2 > keys.length) {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      Arrays.fill(keys, -1);
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] >= 0) {
          insert(oldKeys[i], oldValues[i]);
        }
      }
    }
    insert(((long) state << 16) | c, target);
  }

  private void insert(long key, int target) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] >= 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = target;
    size++;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }
}
