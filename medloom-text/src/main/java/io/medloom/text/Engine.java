package io.medloom.text;

import static io.medloom.text.Lexicon.*;
import static io.medloom.text.WordClasses.*;

import java.util.Arrays;

/**
 * The scanner shared by {@link ReportParser}, {@link ChexpertLabeler} and {@link TripletExtractor}:
 * sections -> sentences -> tokens -> trie matches -> negation/uncertainty scopes that follow the
 * sentence's structure ({@link Scopes}) -> word senses ({@link Senses}) -> mentions, reported to a
 * {@link Sink} with primitive arguments. Immutable; scratch buffers are per thread.
 */
final class Engine {
  static final int PRESENT = 0;
  static final int ABSENT = 1;
  static final int UNCERTAIN = 2;
  private static final int INF = Scopes.INF;

  interface Sink {
    /** One mention; obs is -1 when the finding counts for no observation, anatomy -1 if none. */
    void mention(
        int tag,
        int obs,
        int anatomy,
        int existence,
        int sentence,
        int start,
        int end,
        int sentStart,
        int sentEnd);
  }

  final Lexicon lex;
  private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);

  Engine(Lexicon lex) {
    this.lex = lex;
  }

  private static final Engine STANDARD = new Engine(new Lexicon());

  static Engine standard() {
    return STANDARD;
  }

  /** Scratch arrays reused per thread. */
  static final class Work {
    final IntList sections = new IntList(24);
    final IntList sentences = new IntList(64);
    char[] chars = new char[4096];
    char[] lower = new char[4096]; // each word's lower-cased chars, written by tokenize
    int[] ts = new int[256];
    int[] te = new int[256];
    int[] id = new int[256];
    final int[] covered = new int[CATS];
    final int[] bestEntry = new int[CATS];
    final int[] bestEnd = new int[CATS];
    int[] negD = new int[256];
    int[] uncD = new int[256];
    int[] barrier = new int[256];
    int[] hypD = new int[256];
    // selected matches per category: start, end, entry
    int[][] sel = new int[CATS][3 * 64];
    int[] selN = new int[CATS];
    int stop;

    void ensure(int n) {
      if (ts.length >= n) {
        return;
      }
      int c = Math.max(n, ts.length * 2);
      ts = new int[c];
      te = new int[c];
      id = new int[c];
      negD = new int[c];
      uncD = new int[c];
      barrier = new int[c];
      hypD = new int[c];
    }

    void addSel(int cat, int s, int e, int entry) {
      int n = selN[cat] * 3;
      if (n + 3 > sel[cat].length) {
        sel[cat] = Arrays.copyOf(sel[cat], sel[cat].length * 2);
      }
      sel[cat][n] = s;
      sel[cat][n + 1] = e;
      sel[cat][n + 2] = entry;
      selN[cat]++;
    }
  }

  /** Scans the findings, impression and other sections of {@code report}. */
  void scan(String report, Sink sink) {
    if (report == null || report.isEmpty()) {
      return;
    }
    Work w = work.get();
    int len = report.length();
    if (w.chars.length < len) {
      w.chars = new char[Math.max(len, w.chars.length * 2)];
      w.lower = new char[w.chars.length];
    }
    char[] t = w.chars; // every pass below reads the report from this one copy
    report.getChars(0, len, t, 0);
    w.sections.clear();
    ReportSections.scan(t, len, w.sections);
    int sentIdx = 0;
    for (int i = 0; i < w.sections.size; i += 3) {
      int code = w.sections.a[i];
      if (code != ReportSections.FINDINGS
          && code != ReportSections.IMPRESSION
          && code != ReportSections.OTHER) {
        continue;
      }
      w.sentences.clear();
      SentenceSplitter.boundaries(t, w.sections.a[i + 1], w.sections.a[i + 2], w.sentences);
      for (int k = 0; k < w.sentences.size; k += 2) {
        int from = w.sentences.a[k];
        int to = w.sentences.a[k + 1];
        // a run-on "sentence" longer than MAX_TOKENS tokens is read in consecutive chunks, which
        // keeps the per-sentence work linear (scopes never span more than a few words anyway)
        while (from < to) {
          from = sentence(t, from, to, sentIdx, w, sink);
        }
        sentIdx++;
      }
    }
  }

  /** True when the scanned sections hold any word (used for the No Finding rule). */
  static boolean hasText(String report) {
    if (report == null) {
      return false;
    }
    for (int i = 0; i < report.length(); i++) {
      if (Character.isLetterOrDigit(report.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static final int MAX_TOKENS = 256;

  /** Tokenizes from {@code from}; stops after MAX_TOKENS tokens and records where in w.stop. */
  private int tokenize(char[] t, int from, int to, Work w) {
    int n = 0;
    int i = from;
    while (i < to) {
      if (n >= MAX_TOKENS) {
        break;
      }
      char c = t[i];
      if (Chars.isLetterOrDigit(c)) {
        int s = i;
        boolean allX = true;
        int h = 0; // the word's hash (Vocab.hash), taken in the same pass
        char[] low = w.lower;
        while (i < to && Chars.isLetterOrDigit(t[i])) {
          char d = Chars.toLowerCase(t[i]);
          if (d != 'x') {
            allX = false;
          }
          low[i] = d;
          h = 31 * h + d;
          i++;
        }
        if (allX && i - s >= 2) {
          continue; // de-identification placeholder (XXXX): dropped from the token stream
        }
        w.ensure(n + 1);
        w.ts[n] = s;
        w.te[n] = i;
        w.id[n] = lex.vocab.lookupLower(low, s, i, h);
        n++;
      } else {
        int pid =
            c == ','
                ? COMMA
                : c == ';' ? SEMI : c == ':' || answerDash(t, i, from, to) ? COLON : -1;
        if (pid >= 0) {
          w.ensure(n + 1);
          w.ts[n] = i;
          w.te[n] = i + 1;
          w.id[n] = pid;
          n++;
        }
        i++;
      }
    }
    w.stop = i;
    return n;
  }

  /**
   * A dash set apart by spaces, a double dash or an en/em dash joins a label to its answer as a
   * colon does ("Pneumothorax - none", "Heart -- enlarged"); a hyphen inside a word or number
   * ("T8-T10", "well-defined") or a list bullet at the sentence start is no separator.
   */
  static boolean answerDash(char[] t, int i, int from, int to) {
    char c = t[i];
    if ((c != '-' && c != '\u2013' && c != '\u2014')
        || (c == '-' && i + 1 < to && t[i + 1] == '-')) {
      return false; // not a dash, or not the last hyphen of a run (one separator per run)
    }
    int b = i - 1;
    while (b >= from && t[b] == '-') {
      b--;
    }
    boolean spaceBefore = b >= from && Chars.isWhitespace(t[b]);
    boolean wordBefore = false;
    for (int x = b; x >= from; x--) {
      if (Chars.isLetterOrDigit(t[x])) {
        wordBefore = true;
        break;
      }
    }
    if (!wordBefore) {
      return false; // a bullet
    }
    if (c != '-' || b < i - 1) {
      return true; // en/em dash or the last of a run of hyphens
    }
    return spaceBefore && (i + 1 >= to || Chars.isWhitespace(t[i + 1]));
  }

  /** Processes the sentence (or its next chunk); returns where the next chunk starts. */
  private int sentence(char[] t, int from, int to, int sentIdx, Work w, Sink sink) {
    int n = tokenize(t, from, to, w);
    int next = w.stop >= to ? to : w.stop;
    if (n == 0) {
      return to;
    }
    if (!match(w, n)) {
      return next;
    }
    // 3. scopes (structural), then affirmed alternatives ("A or B") become uncertain
    Scopes.compute(lex, w, n);
    Scopes.alternatives(lex, w);
    findings(t, from, to, sentIdx, w, sink, n);
    return next;
  }

  /** Step 4: every selected finding, in its sense, scope and anatomy, to the sink. */
  private void findings(char[] t, int from, int to, int sentIdx, Work w, Sink sink, int n) {
    // 4. findings
    int[] fs = w.sel[CAT_FINDING];
    int nf = w.selN[CAT_FINDING];
    int sentStart = from;
    int sentEnd = to;
    for (int k = 0; k < nf; k++) {
      int s = fs[3 * k];
      int e = fs[3 * k + 1];
      int entry = fs[3 * k + 2];
      int sense = lex.senses.resolve(entry, s, e, w, n, t, lex);
      int hyp = Scopes.min(w.hypD, s, e);
      if (sense == Senses.DROP
          || (hyp < INF && (hyp != Scopes.PRIOR || state(w, s, e) != ABSENT))) {
        continue; // another sense, a condition / limitation, or a finding of an earlier study
      }
      FindingEntry fe = lex.findingArr[sense == Senses.KEEP ? entry : sense];
      int cs = w.ts[s];
      int ce = w.te[e - 1];
      if (fe.kind == K_NORMAL) {
        if (excepted(w, e, n, fs, nf)) {
          continue; // "clear lungs except for atelectasis" denies nothing for sure
        }
        for (int o = 0; o < fe.obs.length; o++) {
          sink.mention(
              fe.tags[o], fe.obs[o], fe.anatomy, ABSENT, sentIdx, cs, ce, sentStart, sentEnd);
        }
        continue;
      }
      int existence;
      int anatomy;
      if (fe.kind == K_CARRIER) {
        int best = Carriers.qualifier(lex, w, n, s, e);
        if (best < 0) {
          continue;
        }
        int[] qs = w.sel[CAT_QUALIFIER];
        int qS = qs[3 * best];
        int qE = qs[3 * best + 1];
        int kind = lex.qualKind[qs[3 * best + 2]];
        int qState = state(w, qS, qE);
        int cState = state(w, s, e);
        if (kind == Q_NORMAL) {
          if (qState == ABSENT) {
            continue; // "not normal": leave to other mentions
          }
          existence = ABSENT;
        } else if (kind == Q_BORDERLINE) {
          existence = UNCERTAIN;
        } else if (qState == ABSENT || cState == ABSENT) {
          existence = ABSENT;
        } else if (qState == UNCERTAIN || cState == UNCERTAIN) {
          existence = UNCERTAIN;
        } else {
          existence = PRESENT;
        }
        cs = Math.min(cs, w.ts[qS]);
        ce = Math.max(ce, w.te[qE - 1]);
        anatomy = fe.anatomy;
      } else {
        existence = state(w, s, e);
        anatomy = anatomyFor(w, s, e, n);
        if (anatomy < 0) {
          anatomy = lex.tagDefaultAnatomy[fe.tags[0]];
        }
      }
      for (int o = 0; o < fe.obs.length; o++) {
        int ex = fe.hedged[o] && existence == PRESENT ? UNCERTAIN : existence;
        sink.mention(fe.tags[o], fe.obs[o], anatomy, ex, sentIdx, cs, ce, sentStart, sentEnd);
      }
    }
  }

  /**
   * Trie matches, selected leftmost-longest per category in the same left-to-right walk: at each
   * start the longest match per category is taken when no earlier selection of that category covers
   * the start.
   */
  private boolean match(Work w, int n) {
    int[] covered = w.covered;
    int[] bestEntry = w.bestEntry;
    int[] bestEnd = w.bestEnd;
    for (int c = 0; c < CATS; c++) {
      w.selN[c] = 0;
      covered[c] = 0;
    }
    boolean anyFinding = false;
    for (int i = 0; i < n; i++) {
      int first = w.id[i];
      if (first < FIRST_WORD || lex.child(0, first) < 0) {
        continue; // no phrase starts here (most tokens)
      }
      for (int c = 0; c < CATS; c++) {
        bestEntry[c] = -1;
      }
      int node = 0;
      boolean answer = false;
      for (int j = i, skipped = 0; j < n && j - i - skipped < lex.maxDepth; j++) {
        int tid = w.id[j];
        if (tid < FIRST_WORD) {
          // "Lungs: clear" is the normal statement "lungs clear" written as a label and its answer
          if (tid == COLON && j > i && !answer && node != 0) {
            answer = true;
            skipped++;
            continue;
          }
          break;
        }
        int child = lex.child(node, tid);
        if (child < 0) {
          // an adverb inside a phrase ("cannot be completely excluded", "not clearly seen") is
          // read past, so each trigger need not be listed with every intensifier
          if (j > i && skipped < 2 && (lex.cls(tid) & W_SKIP) != 0) {
            skipped++;
            continue;
          }
          break;
        }
        node = child;
        for (int c = 0; c < CATS; c++) {
          int e = lex.entry(node, c);
          if (e >= 0 && (!answer || (c == CAT_FINDING && lex.findingArr[e].kind == K_NORMAL))) {
            bestEntry[c] = e;
            bestEnd[c] = j + 1;
          }
        }
      }
      for (int c = 0; c < CATS; c++) {
        if (bestEntry[c] >= 0 && i >= covered[c]) {
          w.addSel(c, i, bestEnd[c], bestEntry[c]);
          covered[c] = bestEnd[c];
          if (c == CAT_FINDING) {
            anyFinding = true;
          }
        }
      }
    }
    return anyFinding;
  }

  /** An exception word after a normal statement, followed by a finding that counts. */
  private boolean excepted(Work w, int e, int n, int[] fs, int nf) {
    for (int x = e; x < n; x++) {
      int t = w.id[x];
      if (t == SEMI || t == COLON) {
        return false;
      }
      if ((lex.cls(t) & W_EXCEPT) != 0) {
        for (int k = 0; k < nf; k++) {
          if (fs[3 * k] > x) {
            for (int o : lex.findingArr[fs[3 * k + 2]].obs) {
              if (o > 0) {
                return true;
              }
            }
          }
        }
        return false;
      }
    }
    return false;
  }

  private static int state(Work w, int s, int e) {
    int nd = INF;
    int ud = INF;
    for (int x = s; x < e; x++) {
      nd = Math.min(nd, w.negD[x]);
      ud = Math.min(ud, w.uncD[x]);
    }
    if (nd == INF && ud == INF) {
      return PRESENT;
    }
    return nd < ud ? ABSENT : UNCERTAIN;
  }

  /** Nearest anatomy term in the same clause; else a side word just before; else -1. */
  private int anatomyFor(Work w, int s, int e, int n) {
    int[] as = w.sel[CAT_ANATOMY];
    int na = w.selN[CAT_ANATOMY];
    int best = -1;
    int bestDist = INF;
    int side = -1;
    int sideDist = INF;
    for (int k = 0; k < na; k++) {
      int a0 = as[3 * k];
      int a1 = as[3 * k + 1];
      if (overlapsFinding(w, a0, a1)) {
        continue; // anatomy words inside a finding term ("pleural" of "pleural effusion")
      }
      int lo = a1 <= s ? a1 : e;
      int hi = a1 <= s ? s : a0;
      if (clauseBreak(w, lo, hi)) {
        continue;
      }
      int dist = hi - lo;
      int ent = lex.anatEntry[as[3 * k + 2]];
      if (ent < 0) {
        if (a1 <= s && dist <= 3 && dist < sideDist) {
          sideDist = dist;
          side = -ent - 1;
        }
        continue;
      }
      if (a1 > s) {
        dist += 1; // prefer anatomy before ("right lower lobe consolidation") on ties
      }
      if (dist < bestDist) {
        bestDist = dist;
        best = ent;
      }
    }
    return best >= 0 ? best : side;
  }

  private static boolean overlapsFinding(Work w, int a0, int a1) {
    int[] fs = w.sel[CAT_FINDING];
    for (int k = 0; k < w.selN[CAT_FINDING]; k++) {
      if (fs[3 * k] < a1 && fs[3 * k + 1] > a0) {
        return true;
      }
    }
    return false;
  }

  private boolean clauseBreak(Work w, int lo, int hi) {
    for (int x = lo; x < hi; x++) {
      int tid = w.id[x];
      if (tid == COMMA || tid == SEMI || tid == COLON) {
        return true;
      }
    }
    // a terminator between also breaks the clause
    int[] trig = w.sel[CAT_TRIGGER];
    for (int k = 0; k < w.selN[CAT_TRIGGER]; k++) {
      int t0 = trig[3 * k];
      if (t0 >= lo && t0 < hi && (lex.trigMask[trig[3 * k + 2]] & TERM) != 0) {
        return true;
      }
    }
    return false;
  }
}
