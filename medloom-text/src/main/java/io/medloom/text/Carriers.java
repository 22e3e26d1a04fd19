package io.medloom.text;

import static io.medloom.text.Lexicon.*;
import static io.medloom.text.WordClasses.*;

/**
 * Finds the size qualifier of a carrier term ("heart size", "mediastinal contours") by structure:
 * an attributive qualifier just before it ("enlarged heart", "enlargement of the cardiac
 * silhouette"), else the predicate after it ("the heart is normal in size"), also across a
 * coordinated subject list ("heart size, mediastinal contour, and pulmonary vascularity are within
 * normal limits"). A qualifier that modifies another noun ("large hiatal hernia") or lies in
 * another clause ("heart size enlarged, stable mediastinal contours") is not the carrier's.
 */
final class Carriers {
  private static final int BACK = 3;
  private static final int AHEAD = 10;

  private Carriers() {}

  /** Index into the qualifier selection, or -1. */
  static int qualifier(Lexicon lex, Engine.Work w, int n, int s, int e) {
    int[] qs = w.sel[CAT_QUALIFIER];
    int nq = w.selN[CAT_QUALIFIER];
    // 1. attributive: ends at most BACK words before the carrier, nothing clausal between
    int best = -1;
    for (int q = 0; q < nq; q++) {
      int qe = Math.min(qs[3 * q + 1], s); // "normal size of the heart" may share a word
      if (qs[3 * q] < s && s - qe <= BACK && plainGap(lex, w, qe, s)) {
        if (best < 0 || qs[3 * q] > qs[3 * best]) {
          best = q;
        }
      }
    }
    if (best >= 0) {
      return best;
    }
    // 2. predicate: the first free qualifier ahead in the clause
    boolean object = isObject(lex, w, s);
    boolean listOnly = true; // nothing but list material since the last carrier or comma
    int words = 0;
    for (int y = e; y < n; ) {
      int t = w.id[y];
      if (t == COLON && y == e && y + 1 < n) {
        y++; // the carrier is a label and the qualifier its answer ("Heart: enlarged")
        continue;
      }
      if (t == SEMI || t == COLON || isTerminator(lex, w, y)) {
        return -1;
      }
      int q = qualifierAt(w, y);
      if (q >= 0) {
        int qe = qs[3 * q + 1];
        if (!modifiesNoun(lex, w, qe, n)) {
          return q;
        }
        listOnly = false;
        y = qe;
        continue;
      }
      int f = findingAt(w, y);
      if (f >= 0) {
        if (lex.findingArr[w.sel[CAT_FINDING][3 * f + 2]].kind != K_CARRIER) {
          return -1; // a finding has its own predicate
        }
        y = w.sel[CAT_FINDING][3 * f + 1];
        continue;
      }
      if (t == COMMA) {
        if (!listOnly || object) {
          return -1;
        }
        y++;
        continue;
      }
      int c = lex.cls(t);
      if ((c & (W_FILLER | W_CONJ)) == 0 && !anatomyAt(w, y)) {
        listOnly = false;
      }
      if (++words > AHEAD) {
        return -1;
      }
      y++;
    }
    return -1;
  }

  private static boolean plainGap(Lexicon lex, Engine.Work w, int from, int to) {
    for (int x = from; x < to; x++) {
      int t = w.id[x];
      if (t == COMMA || t == SEMI || t == COLON || (lex.cls(t) & W_VERB) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The carrier is the object of a preposition ("in the middle mediastinum"). */
  private static boolean isObject(Lexicon lex, Engine.Work w, int s) {
    for (int x = s - 1; x >= 0 && x >= s - 3; x--) {
      int t = w.id[x];
      if (t == COMMA || t == SEMI || t == COLON) {
        return false;
      }
      if ((lex.cls(t) & W_PREP) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTerminator(Lexicon lex, Engine.Work w, int y) {
    int[] trig = w.sel[CAT_TRIGGER];
    for (int k = 0; k < w.selN[CAT_TRIGGER]; k++) {
      if (trig[3 * k] == y && (lex.trigMask[trig[3 * k + 2]] & TERM) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A finding, carrier or anatomy term starts right after the qualifier: it is attributive. A
   * trigger or 'with' right after it ends the predicate ("heart size normal without vascular
   * congestion", "heart size normal with clear lungs").
   */
  private static boolean modifiesNoun(Lexicon lex, Engine.Work w, int qe, int n) {
    for (int x = qe; x < n && x <= qe + 1; x++) {
      if (triggerAt(lex, w, x)) {
        return false;
      }
      if (findingAt(w, x) >= 0 || anatomyAt(w, x)) {
        return true;
      }
      if (w.id[x] < FIRST_WORD || (lex.cls(w.id[x]) & (W_CONJ | W_VERB | W_PREP | W_FSTOP)) != 0) {
        return false;
      }
    }
    return false;
  }

  private static boolean triggerAt(Lexicon lex, Engine.Work w, int y) {
    int k = startAt(w.sel[CAT_TRIGGER], w.selN[CAT_TRIGGER], y);
    return k >= 0 && lex.trigMask[w.sel[CAT_TRIGGER][3 * k + 2]] != PSEUDO;
  }

  private static int qualifierAt(Engine.Work w, int y) {
    return startAt(w.sel[CAT_QUALIFIER], w.selN[CAT_QUALIFIER], y);
  }

  private static int findingAt(Engine.Work w, int y) {
    return startAt(w.sel[CAT_FINDING], w.selN[CAT_FINDING], y);
  }

  private static boolean anatomyAt(Engine.Work w, int y) {
    return startAt(w.sel[CAT_ANATOMY], w.selN[CAT_ANATOMY], y) >= 0;
  }

  private static int startAt(int[] sel, int count, int y) {
    for (int k = 0; k < count; k++) {
      if (sel[3 * k] == y) {
        return k;
      }
      if (sel[3 * k] > y) {
        return -1;
      }
    }
    return -1;
  }
}
