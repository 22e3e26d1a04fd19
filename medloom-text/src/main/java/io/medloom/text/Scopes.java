package io.medloom.text;

import static io.medloom.text.Lexicon.*;
import static io.medloom.text.WordClasses.*;

import java.util.Arrays;

/**
 * Negation and uncertainty scopes that follow the sentence's structure (rules.json "scope" and
 * "syntax"): a trigger governs the noun phrase next to it and a coordinated list it heads ("no A,
 * B, or C", "A and B are not seen"), never a clause of its own. Fills, per token, the distance in
 * words to the nearest negation and uncertainty trigger whose scope covers it (INF when none).
 * Stateless; works on the scanner's per-thread buffers.
 */
final class Scopes {
  static final int INF = Integer.MAX_VALUE / 4;

  /** hypD mark of a prior-study clause (a hypothetical's is 1): only its denials still count. */
  static final int PRIOR = 2;

  private Scopes() {}

  static void compute(Lexicon lex, Engine.Work w, int n) {
    Arrays.fill(w.negD, 0, n, INF);
    Arrays.fill(w.uncD, 0, n, INF);
    Arrays.fill(w.hypD, 0, n, INF);
    int[] trig = w.sel[CAT_TRIGGER];
    int nt = w.selN[CAT_TRIGGER];
    int[] barrier = w.barrier;
    Arrays.fill(barrier, 0, n, 0);
    for (int k = 0; k < nt; k++) {
      int m = lex.trigMask[trig[3 * k + 2]];
      if (m != PSEUDO && m != PRIOR_STUDY) { // a study reference is read through by other scopes
        for (int x = trig[3 * k]; x < trig[3 * k + 1]; x++) {
          barrier[x] = 1;
        }
      }
    }
    for (int k = 0; k < nt; k++) {
      int s = trig[3 * k];
      int e = trig[3 * k + 1];
      int mask = lex.trigMask[trig[3 * k + 2]];
      if ((mask & (PSEUDO | TERM)) != 0) {
        continue;
      }
      if ((mask & PRIOR_STUDY) != 0) {
        // "atelectasis ... on old CT scans": a finding located on another study is not asserted
        // for this one, unless the clause carries it forward ("again seen", "stable since")
        // an opening "On the prior CT, ..." sets the scene for the clause after its comma
        int main = s == 0 ? introEnd(w, n, e) : -1;
        if (!persistsInClause(lex, w, n, s, e)
            && (main < 0 || !persistsInClause(lex, w, n, main + 1, main + 1))) {
          clause(w, n, s - 1, -1, PRIOR);
          clause(w, n, e, 1, PRIOR);
          if (main >= 0) {
            clause(w, n, main + 1, 1, PRIOR);
          }
        }
        continue;
      }
      if ((mask & (PRE_HYP | POST_HYP)) != 0) {
        clause(w, n, (mask & PRE_HYP) != 0 ? e : s - 1, (mask & PRE_HYP) != 0 ? 1 : -1, 1);
        continue;
      }
      if ((mask & BI_UNC) != 0) {
        phrase(lex, w, n, e, 1, w.uncD);
        phrase(lex, w, n, s - 1, -1, w.uncD);
        continue;
      }
      boolean unc = (mask & (PRE_UNC | POST_UNC)) != 0;
      if ((mask & LINK) != 0 && s > 0 && w.id[s - 1] >= FIRST_WORD && w.negD[s - 1] < INF) {
        // "no focal consolidation suspicious for pneumonia": what a denied finding would mean is
        // denied with it (earlier triggers' scopes are already filled)
        unc = false;
      }
      // a phrase that is both negation and uncertainty counts as uncertainty
      int[] d = unc ? w.uncD : w.negD;
      if ((mask & (PRE_NEG | PRE_UNC)) != 0) {
        forward(lex, w, n, e, d, !unc);
      }
      if ((mask & (POST_NEG | POST_UNC)) != 0) {
        int named = unc && (mask & PRE_UNC) == 0 ? predicateFinding(lex, w, n, e) : -1;
        if (named >= 0) {
          // "the opacity is likely pneumonia": the hedge names what the subject may be; it
          // governs that finding, as "likely" before it would, and leaves the subject affirmed
          forward(lex, w, n, named, d, false);
        } else {
          backward(lex, w, n, s, d);
        }
      }
      if (s >= 2 && w.id[s - 1] == COLON && answersAlone(lex, w, n, e)) {
        label(w, s - 1, d);
      }
    }
  }

  /**
   * Where a finding begins within three words after a post-uncertainty trigger (or -1), with no
   * punctuation, preposition or conjunction before it: the trigger's phrase is then a predicate
   * naming that finding ("is likely pneumonia", "is likely to represent atelectasis"), not a
   * verdict on the subject ("pneumonia is likely", "pneumonia is likely in the right base").
   */
  private static int predicateFinding(Lexicon lex, Engine.Work w, int n, int e) {
    int[] fs = w.sel[CAT_FINDING];
    int nf = w.selN[CAT_FINDING];
    for (int x = e; x < n && x < e + 4; x++) {
      for (int k = 0; k < nf; k++) {
        if (fs[3 * k] == x) {
          return x;
        }
      }
      int t = w.id[x];
      boolean infinitive = x + 1 < n && (lex.cls(w.id[x + 1]) & W_VERB) != 0; // "to represent"
      if (t < FIRST_WORD
          || w.barrier[x] != 0
          || (lex.cls(t) & W_CONJ) != 0
          || ((lex.cls(t) & W_PREP) != 0 && !infinitive)) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * A trigger that is the whole answer after a colon ("Pneumothorax: none.", "Effusion: not seen"):
   * nothing but evidential words follow it in its clause.
   */
  private static boolean answersAlone(Lexicon lex, Engine.Work w, int n, int e) {
    for (int x = e; x < n; x++) {
      int t = w.id[x];
      if (t == COMMA || t == SEMI) {
        return true;
      }
      if ((lex.cls(t) & (W_EVID | W_VERB)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The label before a colon answered by a trigger, back to the clause start (a few words). */
  private static void label(Engine.Work w, int colon, int[] d) {
    int words = 0;
    for (int x = colon - 1; x >= 0 && words < 6; x--) {
      int t = w.id[x];
      if (t == COMMA || t == SEMI || t == COLON || w.barrier[x] != 0) {
        return;
      }
      d[x] = Math.min(d[x], ++words);
    }
  }

  private static boolean hardStop(Engine.Work w, int x) {
    int t = w.id[x];
    return t == SEMI || t == COLON || w.barrier[x] != 0;
  }

  /** A persistence word ("again", "stable", "unchanged") in the clause around [s, e). */
  private static boolean persistsInClause(Lexicon lex, Engine.Work w, int n, int s, int e) {
    for (int x = s - 1; x >= 0 && !clauseEnd(w.id[x]); x--) {
      if ((lex.cls(w.id[x]) & W_PERSIST) != 0) {
        return true;
      }
    }
    for (int x = e; x < n && !clauseEnd(w.id[x]); x++) {
      if ((lex.cls(w.id[x]) & W_PERSIST) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The comma that closes an opening phrase within two words after {@code e}, or -1. */
  private static int introEnd(Engine.Work w, int n, int e) {
    for (int x = e; x < n && x <= e + 2; x++) {
      if (w.id[x] == COMMA) {
        return x;
      }
      if (w.id[x] < FIRST_WORD) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean clauseEnd(int t) {
    return t == COMMA || t == SEMI || t == COLON;
  }

  /** A hypothetical's scope: the rest of the clause, up to a comma, ';' or ':'. */
  private static void clause(Engine.Work w, int n, int from, int step, int mark) {
    for (int x = from; x >= 0 && x < n; x += step) {
      int t = w.id[x];
      if (t == COMMA || t == SEMI || t == COLON) {
        return;
      }
      w.hypD[x] = Math.min(w.hypD[x], mark);
    }
  }

  /** A short scope that never crosses punctuation ("atelectasis versus pneumonia"). */
  private static void phrase(Lexicon lex, Engine.Work w, int n, int from, int step, int[] d) {
    int words = 0;
    for (int x = from; x >= 0 && x < n; x += step) {
      if (hardStop(w, x) || w.id[x] == COMMA || (lex.cls(w.id[x]) & W_VERB) != 0) {
        return;
      }
      if (++words > lex.biWindow) {
        return;
      }
      d[x] = Math.min(d[x], words);
    }
  }

  /** Forward over the governed phrase and the list it heads. */
  private static void forward(Lexicon lex, Engine.Work w, int n, int from, int[] d, boolean neg) {
    int words = 0;
    for (int x = from; x < n; x++) {
      if (hardStop(w, x)) {
        return;
      }
      int t = w.id[x];
      int c = lex.cls(t);
      if ((c & W_FSTOP) != 0) {
        return;
      }
      if ((c & W_VERB) != 0) {
        // "likely represents atelectasis": a hedge's own verb right after it
        if (neg || words > 0) {
          return;
        }
        continue;
      }
      if (t == COMMA || (c & W_CONJ) != 0) {
        // a comma right after the trigger separates adjectives ("no acute, displaced fracture")
        if (words > 0 && !continuesForward(lex, w, n, x, neg)) {
          return;
        }
        if (t == COMMA) {
          continue;
        }
      }
      if (++words > lex.maxScope) {
        return;
      }
      d[x] = Math.min(d[x], words);
    }
  }

  /**
   * At a comma or conjunction at {@code x}: does the list go on into the next segment? Not when
   * that segment is a clause of its own (a verb not followed by an evidential word: "no effusion,
   * the heart is enlarged") or, in a negation, holds a list breaker ("no pneumothorax, stable
   * cardiomegaly"); size words break after ',' or 'and' ("no pneumothorax, small effusion") but not
   * after 'or' ("no pneumothorax or small effusion"). Telegraphic lists need no conjunction ("no
   * focal consolidation, pleural effusion.").
   */
  private static boolean continuesForward(Lexicon lex, Engine.Work w, int n, int x, boolean neg) {
    int breakers = !neg ? 0 : (lex.cls(w.id[x]) & W_ALT) != 0 ? W_BREAK : W_BREAK | W_SIZE;
    for (int y = x + 1; y < n; y++) {
      int t = w.id[y];
      if (t == COMMA || hardStop(w, y)) {
        return true;
      }
      int c = lex.cls(t);
      if ((c & W_VERB) != 0) {
        return y + 1 < n && (lex.cls(w.id[y + 1]) & W_EVID) != 0;
      }
      if ((c & breakers) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Backward over the subject phrase of a post-trigger and the list it ends. */
  private static void backward(Lexicon lex, Engine.Work w, int n, int from, int[] d) {
    int x = from - 1;
    while (x >= 0 && (lex.cls(w.id[x]) & W_PREFIX) != 0 && w.barrier[x] == 0) {
      x--;
    }
    int words = 0;
    boolean conj = false;
    boolean neg = d == w.negD;
    for (; x >= 0; x--) {
      if (hardStop(w, x)) {
        return;
      }
      int t = w.id[x];
      int c = lex.cls(t);
      if ((c & W_VERB) != 0) {
        return;
      }
      if (t == COMMA || (c & W_CONJ) != 0) {
        if (t == COMMA && !conj) {
          return;
        }
        if (!previousSegmentIsListItem(lex, w, x, neg)) {
          return;
        }
        if (t == COMMA) {
          continue;
        }
        conj = true;
      }
      if (++words > lex.maxScope) {
        return;
      }
      d[x] = Math.min(d[x], words);
    }
  }

  private static boolean previousSegmentIsListItem(Lexicon lex, Engine.Work w, int x, boolean neg) {
    int breakers = neg ? W_BREAK : 0;
    for (int y = x - 1; y >= 0; y--) {
      int t = w.id[y];
      if (t == COMMA || hardStop(w, y)) {
        return true;
      }
      int c = lex.cls(t);
      if ((c & (W_VERB | breakers)) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Affirmed findings joined by an alternative word ("atelectasis or pneumonia", "and/or") are
   * uncertain: neither is asserted. Pairs in a negation scope are left alone ("no A or B").
   */
  static void alternatives(Lexicon lex, Engine.Work w) {
    int[] fs = w.sel[CAT_FINDING];
    int nf = w.selN[CAT_FINDING];
    for (int k = 0; k + 1 < nf; k++) {
      int e1 = fs[3 * k + 1];
      int s2 = fs[3 * (k + 1)];
      if (s2 - e1 < 1 || s2 - e1 > 4) {
        continue;
      }
      boolean alt = false;
      boolean ok = true;
      for (int x = e1; x < s2; x++) {
        int t = w.id[x];
        int c = lex.cls(t);
        if (t == COMMA || hardStop(w, x) || (c & W_VERB) != 0) {
          ok = false;
          break;
        }
        if ((c & W_ALT) != 0) {
          alt = true;
        }
      }
      if (!ok || !alt) {
        continue;
      }
      int s1 = fs[3 * k];
      int e2 = fs[3 * (k + 1) + 1];
      if (min(w.negD, s1, e1) < INF || min(w.negD, s2, e2) < INF) {
        continue;
      }
      for (int x = s1; x < e2; x++) {
        w.uncD[x] = Math.min(w.uncD[x], 1);
      }
    }
  }

  static int min(int[] d, int s, int e) {
    int m = INF;
    for (int x = s; x < e; x++) {
      m = Math.min(m, d[x]);
    }
    return m;
  }
}
