package io.medloom.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
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
    // Children of every state in flat arrays (state -> range in child/label), then breadth-first:
    // a state's fail link is the longest proper suffix that is also a path from the root, and its
    // outputs include those of its fail state, which is shallower and so already complete.
    int[] start = new int[states + 1];
    for (long k : keys) {
      if (k >= 0) {
        start[(int) (k >>> 16) + 1]++;
      }
    }
    for (int i = 0; i < states; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, states);
    int[] child = new int[states];
    char[] label = new char[states];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] >= 0) {
        int at = fill[(int) (keys[i] >>> 16)]++;
        child[at] = values[i];
        label[at] = (char) (keys[i] & 0xffff);
      }
    }
    int[] queue = new int[states];
    int head = 0;
    int tail = 0;
    for (int i = start[0]; i < start[1]; i++) {
      fail[child[i]] = 0;
      queue[tail++] = child[i];
    }
    while (head < tail) {
      int s = queue[head++];
      for (int i = start[s]; i < start[s + 1]; i++) {
        char c = label[i];
        int f = fail[s];
        int next;
        while ((next = get(f, c)) < 0 && f != 0) {
          f = fail[f];
        }
        int target = child[i];
        fail[target] = Math.max(next, 0);
        String[] inherited = outputs[fail[target]];
        if (inherited != null) {
          for (String id : inherited) {
            outputs[target] = append(outputs[target], id);
          }
        }
        queue[tail++] = target;
      }
    }
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
