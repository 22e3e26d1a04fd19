package io.medloom.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word-sense rules of senses.json: a finding word whose context cue says it is used in another
 * sense is re-tagged ("granulomatous infection" is a calcification) or dropped ("mass effect").
 * Immutable after construction.
 */
final class Senses {
  /**
   * One rule: cue word ids before/after, and the finding entry of the other sense (-1 = none). With
   * {@code keepOnCue} the cues mark the finding's own sense instead: the word is in the other sense
   * unless a cue is near ("pleural line" is a pneumothorax sign only at the apex, with absent lung
   * markings, or where a pneumothorax is discussed). With {@code linkedBy} an after-cue counts only
   * when one of those words lies between the finding and the cue: the cue is then the cause the
   * clause gives for the finding ("mediastinal contour is prominent due to a tortuous aorta"), not
   * a second finding beside it ("widened mediastinum and a tortuous aorta"). A coordinator between
   * the linking word and the cue ends the link ("opacity due to atelectasis and a hiatal hernia"),
   * as does another finding between them ("likely pneumonia with a small hiatal hernia"): the cause
   * given is that finding, the cue a second one beside it.
   */
  record Rule(
      int[] before,
      int[] after,
      int[] linkedBy,
      int window,
      boolean acronym,
      boolean keepOnCue,
      int asEntry,
      int asTag) {}

  final int window;
  private final Rule[] rules;

  /** Word ids that end a link ("and", "or", "versus"): see {@link Rule}. */
  private final int[] coordinators;

  /** Rule indexes by finding entry, or null. */
  private final int[][] byEntry;

  Senses(Lexicon lex, JsonTree json) {
    window = json.get("window").asInt();
    coordinators = ids(lex, json.get("linkEnds"));
    List<Rule> list = new ArrayList<>();
    List<int[]> links = new ArrayList<>(); // {entry, rule}
    for (JsonTree r : json.get("senses")) {
      String as = r.get("as").asText();
      int asEntry = -1;
      int asTag = -1;
      if (!as.isEmpty()) {
        asTag = lex.tagIdOf(as);
        asEntry = lex.addDetachedFinding(lex.tagEntries.get(asTag));
      }
      int rule = list.size();
      int win = r.has("window") ? r.get("window").asInt() : window;
      list.add(
          new Rule(
              ids(lex, r.get("before")),
              ids(lex, r.get("after")),
              ids(lex, r.get("linkedBy")),
              win,
              r.path("acronym").asBoolean(false),
              r.path("keepOnCue").asBoolean(false),
              asEntry,
              asTag));
      for (JsonTree w : r.get("words")) {
        int e = lex.entryOf(w.asText(), Lexicon.CAT_FINDING);
        if (e < 0) {
          throw new IllegalStateException("senses.json: '" + w.asText() + "' is no finding term");
        }
        links.add(new int[] {e, rule});
      }
    }
    rules = list.toArray(new Rule[0]);
    int max = links.stream().mapToInt(l -> l[0]).max().orElse(-1);
    byEntry = new int[max + 1][];
    for (int[] l : links) {
      int[] cur = byEntry[l[0]];
      int[] nx = cur == null ? new int[1] : Arrays.copyOf(cur, cur.length + 1);
      nx[nx.length - 1] = l[1];
      byEntry[l[0]] = nx;
    }
  }

  private static int[] ids(Lexicon lex, JsonTree arr) {
    if (arr == null) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    for (JsonTree w : arr) {
      for (String word : Phrases.words(w.asText())) {
        out.add(lex.vocab.intern(word));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static final int KEEP = -2;
  static final int DROP = -1;

  /**
   * The sense of the finding matched at tokens [s, e) with entry {@code entry}: KEEP, DROP, or the
   * finding entry of the other sense.
   */
  int resolve(int entry, int s, int e, Engine.Work w, int n, char[] text, Lexicon lex) {
    int[] id = w.id;
    int[] selFindings = w.sel[Lexicon.CAT_FINDING];
    int nFindings = w.selN[Lexicon.CAT_FINDING];
    if (entry >= byEntry.length || byEntry[entry] == null) {
      return KEEP;
    }
    for (int r : byEntry[entry]) {
      Rule rule = rules[r];
      boolean applies =
          rule.acronym()
              ? acronym(text, w, s, n)
              : cue(rule.before(), rule.window(), id, s - 1, -1, n)
                  || (rule.linkedBy().length == 0
                      ? cue(rule.after(), rule.window(), id, e, 1, n)
                      : linkedCue(rule.linkedBy(), rule.after(), rule.window(), id, e, n, w));
      if (rule.keepOnCue()) {
        applies = !applies;
      }
      if (applies) {
        if (rule.asEntry() < 0) {
          return DROP;
        }
        // the other sense's own word nearby ("displaced rib fractures"): count that word only
        for (int k = 0; k < nFindings; k++) {
          int fs = selFindings[3 * k];
          if (fs != s
              && Math.abs(fs - s) <= window + 2
              && hasTag(lex.findingArr[selFindings[3 * k + 2]], rule.asTag())) {
            return DROP;
          }
        }
        return rule.asEntry();
      }
    }
    return KEEP;
  }

  private static boolean hasTag(Lexicon.FindingEntry fe, int tag) {
    for (int t : fe.tags) {
      if (t == tag) {
        return true;
      }
    }
    return false;
  }

  /** Token s is written in capitals (3+ letters) and its neighbours are not. */
  private static boolean acronym(char[] text, Engine.Work w, int s, int n) {
    if (!upper(text, w.ts[s], w.te[s]) || w.te[s] - w.ts[s] < 3) {
      return false;
    }
    return (s == 0 || !upper(text, w.ts[s - 1], w.te[s - 1]))
        && (s + 1 >= n || !upper(text, w.ts[s + 1], w.te[s + 1]));
  }

  private static boolean upper(char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Chars.isUpperCase(text[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * A cue word after a linking word, both within the window after {@code from}, same clause, with
   * no coordinator between the link and the cue. A comma sets off the cause ("prominent, due to a
   * tortuous aorta") when a linking word follows it, or encloses a one-word aside ("density,
   * unchanged, is due to a hiatal hernia").
   */
  private boolean linkedCue(
      int[] links, int[] cues, int window, int[] id, int from, int n, Engine.Work w) {
    int linkedAt = -1;
    for (int k = 0, x = from; k < window && x < n; k++, x++) {
      int t = id[x];
      boolean linked = linkedAt >= 0;
      if (t == Lexicon.COMMA && !linked && x + 1 < n && contains(links, id[x + 1])) {
        continue;
      }
      if (t == Lexicon.COMMA
          && x + 2 < n
          && id[x + 2] == Lexicon.COMMA
          && id[x + 1] >= Lexicon.FIRST_WORD) {
        x += 2;
        k += 2;
        continue;
      }
      if (t == Lexicon.COMMA || t == Lexicon.SEMI || t == Lexicon.COLON) {
        return false;
      }
      if (linked && contains(cues, t)) {
        return !findingBetween(w, linkedAt, x);
      }
      if (linked && contains(coordinators, t)) {
        linkedAt = -1;
      }
      if (contains(links, t)) {
        linkedAt = x;
      }
    }
    return false;
  }

  /**
   * A finding matched wholly between tokens {@code link} and {@code cue}: the link then names that
   * finding as the cause ("likely pneumonia with a small hiatal hernia"), not the cue.
   */
  private static boolean findingBetween(Engine.Work w, int link, int cue) {
    int[] sel = w.sel[Lexicon.CAT_FINDING];
    for (int k = 0, nf = w.selN[Lexicon.CAT_FINDING]; k < nf; k++) {
      if (sel[3 * k] > link && sel[3 * k + 1] <= cue) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(int[] ids, int t) {
    for (int c : ids) {
      if (c == t) {
        return true;
      }
    }
    return false;
  }

  /** A cue word within the window from {@code from} stepping by {@code step}, same clause. */
  private static boolean cue(int[] cues, int window, int[] id, int from, int step, int n) {
    if (cues.length == 0) {
      return false;
    }
    for (int k = 0, x = from; k < window && x >= 0 && x < n; k++, x += step) {
      int t = id[x];
      if (t == Lexicon.COMMA || t == Lexicon.SEMI || t == Lexicon.COLON) {
        return false;
      }
      for (int c : cues) {
        if (c == t) {
          return true;
        }
      }
    }
    return false;
  }
}
