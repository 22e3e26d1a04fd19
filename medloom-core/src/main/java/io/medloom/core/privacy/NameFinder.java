package io.medloom.core.privacy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds person names in free text with word lists and context, in one pass over the words.
 *
 * <p>The evidence, strongest first: a title ("Dr.", "dr", "Mrs"); a person field ("Patient:",
 * "Attending:"); a cue in running text ("discussed with", "d/w", "per", "her son") or after the
 * name ("was notified"); a credential after the name ("Karen Liu, MD"); a given name followed by a
 * surname ("John Smith", "Smith, John"); and last a listed name alone ("Nguyen"). The weaker the
 * evidence, the more a word must look like a name: capitalised, on a name list, and not on the
 * clinical allow list (clinical vocabulary, eponyms, common English words), so that "Mass", "Gray",
 * "Bell", "Hill" or "Wells" in a finding stay, while "Dr. Bell" goes. A name-like word followed by
 * an eponym head ("Murphy sign", "Wells score") is never taken without a title.
 */
final class NameFinder {
  private enum Mode {
    TITLE,
    WEAK_TITLE,
    FIELD,
    CUE,
    LIST_CUE,
    BY_CUE,
    CREDENTIAL
  }

  private static final Pattern FIELD_GAP =
      Pattern.compile("[ \\t]*(?:\\(\\w{4},\\w{4}\\))?[ \\t]*:[ \\t]*");
  private static final Pattern CUE_GAP = Pattern.compile("[ \\t]*[,:]?[ \\t]+|[ \\t]*[,:]");
  private static final int MAX_NAME_WORDS = 4;

  private final WordLists w;
  private final Set<String> titles;
  private final Set<String> weakTitles;
  private final Set<String> fields;
  private final Set<String> cues;
  private final Set<String> listCues;
  private final Set<String> byCues;
  private final Set<String> posts;
  private final Set<String> credentials;
  private final Set<String> particles;
  private final Set<String> suffixes;
  private final Set<String> stops;
  private final Set<String> heads;

  /** Last words of the cue phrases, and first words of the post cues: cheap pre-checks. */
  private final Set<String> cueLast;

  private final Set<String> postFirst;

  NameFinder(WordLists w) {
    this.w = w;
    this.titles = w.cues("title");
    this.weakTitles = w.cues("weaktitle");
    this.fields = w.cues("field");
    this.cues = w.cues("cue");
    this.listCues = w.cues("listcue");
    this.byCues = w.cues("bycue");
    this.posts = w.cues("post");
    this.credentials = w.cues("credential");
    this.particles = w.cues("particle");
    this.suffixes = w.cues("suffix");
    this.stops = w.cues("stop");
    this.heads = w.cues("eponymhead");
    Set<String> last = new HashSet<>();
    for (Set<String> kind : List.of(fields, cues, listCues, byCues)) {
      for (String phrase : kind) {
        String[] parts = phrase.split("[ /]");
        last.add(parts[parts.length - 1]);
      }
    }
    this.cueLast = Set.copyOf(last);
    Set<String> first = new HashSet<>();
    for (String phrase : posts) {
      first.add(phrase.split(" ")[0]);
    }
    this.postFirst = Set.copyOf(first);
  }

  List<Redaction> find(String text) {
    List<Tok> toks = Tok.tokenize(text);
    int n = toks.size();
    boolean[] mark = new boolean[n];
    for (int i = 0; i < n; i++) {
      String key = toks.get(i).key();
      if (i + 1 < n) {
        if (titles.contains(key) || weakTitles.contains(key)) {
          title(text, toks, i, mark);
        }
        if (cueLast.contains(key)) {
          cueEndingAt(text, toks, i, mark);
        }
        if (postFirst.contains(toks.get(i + 1).key())) {
          post(text, toks, i, mark);
        }
      }
      if (key.length() == 1 || credentials.contains(key)) {
        credential(text, toks, i, mark);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!mark[i]) {
        pair(text, toks, i, mark);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!mark[i] && single(text, toks, i)) {
        mark[i] = true;
      }
    }
    return spans(text, toks, mark);
  }

  // ---- evidence rules ----

  private void title(String text, List<Tok> toks, int i, boolean[] mark) {
    Tok t = toks.get(i);
    String gap = Tok.gap(text, toks, i + 1);
    boolean period = gap.startsWith(".");
    if (!(gap.isBlank() || period && gap.substring(1).isBlank()) || gap.contains("\n")) {
      return;
    }
    Mode mode;
    if (titles.contains(t.key())) {
      // "DR", "MS", "MR" without a period may be abbreviations (radiography, sclerosis, MR).
      mode = t.upper() && !period ? Mode.WEAK_TITLE : Mode.TITLE;
    } else if (weakTitles.contains(t.key()) && !t.lower()) {
      mode = Mode.WEAK_TITLE;
    } else {
      return;
    }
    run(text, toks, i + 1, mode, mark);
  }

  private void cueEndingAt(String text, List<Tok> toks, int i, boolean[] mark) {
    String after = Tok.gap(text, toks, i + 1);
    StringBuilder phrase = new StringBuilder();
    for (int len = 1; len <= 4 && i - len + 1 >= 0; len++) {
      int s = i - len + 1;
      if (len == 1) {
        phrase.append(toks.get(s).key());
      } else {
        String g = Tok.gap(text, toks, s + 1).strip();
        if (!(g.isEmpty() || g.equals("/"))) {
          return;
        }
        phrase.insert(0, toks.get(s).key() + (g.isEmpty() ? " " : g));
      }
      String p = phrase.toString();
      if (fields.contains(p) && FIELD_GAP.matcher(after).matches()) {
        run(text, toks, i + 1, Mode.FIELD, mark);
        return;
      }
      Mode mode =
          byCues.contains(p)
              ? Mode.BY_CUE
              : cues.contains(p) ? Mode.CUE : listCues.contains(p) ? Mode.LIST_CUE : null;
      if (mode != null && CUE_GAP.matcher(after).matches()) {
        run(text, toks, i + 1, mode, mark);
        return;
      }
    }
  }

  private void post(String text, List<Tok> toks, int i, boolean[] mark) {
    Tok t = toks.get(i);
    if (mark[i] || !t.alpha() || stops.contains(t.key()) || !(t.cap() || t.upper())) {
      return;
    }
    String next = toks.get(i + 1).key();
    String two = i + 2 < toks.size() ? next + " " + toks.get(i + 2).key() : "";
    if (!posts.contains(next) && !posts.contains(two)) {
      return;
    }
    if (!Tok.gap(text, toks, i + 1).isBlank()) {
      return;
    }
    boolean ok = t.upper() ? listed(t.key()) : listed(t.key()) || !allowed(t.key());
    if (ok && !t.initial()) {
      mark[i] = true;
      if (i > 0 && !mark[i - 1] && Tok.gap(text, toks, i).isBlank()) {
        Tok p = toks.get(i - 1);
        if ((p.cap() || p.upper()) && w.firstNames.contains(p.key())) {
          mark[i - 1] = true;
        }
      }
    }
  }

  private void credential(String text, List<Tok> toks, int i, boolean[] mark) {
    Tok t = toks.get(i);
    if (i == 0 || t.lower()) {
      return;
    }
    String key = t.key();
    if (key.length() == 1 && i + 1 < toks.size() && Tok.gap(text, toks, i + 1).equals(".")) {
      key = key + "." + toks.get(i + 1).key(); // "M.D.", "D.O."
    }
    if (!credentials.contains(key)) {
      return;
    }
    String before = Tok.gap(text, toks, i);
    boolean comma = before.strip().equals(",");
    if (!(comma || before.isBlank()) || before.contains("\n")) {
      return;
    }
    if ((key.equals("do") || key.equals("pa")) && !comma) {
      return;
    }
    List<Integer> taken = new ArrayList<>();
    boolean real = false;
    for (int k = i - 1; k >= 0 && taken.size() < MAX_NAME_WORDS; k--) {
      Tok c = toks.get(k);
      if (k < i - 1) {
        String g = Tok.gap(text, toks, k + 1);
        String s = g.strip();
        boolean ok =
            g.isBlank() || s.equals(".") && c.initial() || s.equals(",") && taken.size() == 1;
        if (!ok || g.contains("\n")) {
          break;
        }
      }
      if (particles.contains(c.key()) && !taken.isEmpty()) {
        taken.add(k);
        continue;
      }
      if (!accept(text, toks, k, Mode.CREDENTIAL, false)) {
        break;
      }
      taken.add(k);
      real |= !c.initial();
    }
    if (real) {
      taken.forEach(k -> mark[k] = true);
    }
  }

  private void pair(String text, List<Tok> toks, int i, boolean[] mark) {
    Tok a = toks.get(i);
    if (!w.isName(a.key()) || !a.alpha() || !(a.cap() || a.upper()) || i + 1 >= toks.size()) {
      return;
    }
    int j = i + 1;
    String g = Tok.gap(text, toks, j);
    if (g.contains("\n")) {
      return;
    }
    if (w.surnames.contains(a.key()) && g.strip().equals(",") && g.endsWith(" ")) {
      Tok b = toks.get(j); // "Smith, John"
      if ((b.cap() || b.upper())
          && w.firstNames.contains(b.key())
          && (!allowed(a.key()) || !allowed(b.key()))
          && !headFollows(text, toks, j)) {
        mark[i] = true;
        mark[j] = true;
        extend(text, toks, j, mark);
      }
      return;
    }
    if (!w.firstNames.contains(a.key()) || !g.isBlank()) {
      return;
    }
    if (toks.get(j).initial() && j + 1 < toks.size()) {
      String g2 = Tok.gap(text, toks, j + 1).strip();
      if (g2.isEmpty() || g2.equals(".")) {
        j++; // "John A. Smith"
      }
    }
    Tok b = toks.get(j);
    if (!b.alpha() || stops.contains(b.key()) || b.initial() || headFollows(text, toks, j)) {
      return;
    }
    boolean bSurname = w.surnames.contains(b.key()) || listed(b.key());
    boolean ok;
    if (a.upper() || b.upper()) {
      ok = a.upper() && b.upper() && bSurname && (!allowed(a.key()) || !allowed(b.key()));
    } else {
      ok = b.cap() && (!allowed(a.key()) || bSurname) && (bSurname || !allowed(b.key()));
    }
    if (ok) {
      for (int k = i; k <= j; k++) {
        mark[k] = true;
      }
      extend(text, toks, j, mark);
    }
  }

  private boolean single(String text, List<Tok> toks, int i) {
    Tok t = toks.get(i);
    return t.alpha()
        && (t.cap() || t.upper())
        && t.key().length() >= 3
        && !stops.contains(t.key())
        && listed(t.key())
        && !allowed(t.key())
        && !w.places.contains(t.key())
        && !headFollows(text, toks, i)
        && !(i + 1 < toks.size() && toks.get(i + 1).cap() && headFollows(text, toks, i + 1));
  }

  /** Adds a trailing initial, surname or "Jr." after a found name. */
  private void extend(String text, List<Tok> toks, int j, boolean[] mark) {
    int k = j + 1;
    if (k < toks.size() && Tok.gap(text, toks, k).isBlank()) {
      Tok c = toks.get(k);
      if (suffixes.contains(c.key())
          || c.initial()
          || c.cap() && w.surnames.contains(c.key()) && !allowed(c.key())) {
        mark[k] = true;
      }
    }
  }

  /** Marks the name words from {@code j} on, as far as they look like a name under the mode. */
  private void run(String text, List<Tok> toks, int j, Mode mode, boolean[] mark) {
    int taken = 0;
    int initials = 0;
    int k = j;
    boolean lastInitial = false;
    while (k < toks.size() && taken < MAX_NAME_WORDS) {
      Tok t = toks.get(k);
      if (k > j) {
        String g = Tok.gap(text, toks, k);
        String s = g.strip();
        boolean comma =
            s.equals(",") && (mode == Mode.FIELD || taken == 1 && w.firstNames.contains(t.key()));
        boolean ok = s.isEmpty() || s.equals(".") && lastInitial || comma;
        if (!ok || g.contains("\n")) {
          break;
        }
      } else if (titles.contains(t.key()) || weakTitles.contains(t.key())) {
        return; // "per Dr. X": the title rule takes it
      }
      if (taken > 0 && suffixes.contains(t.key())) {
        mark[k] = true;
        break;
      }
      if (particles.contains(t.key())
          && k + 1 < toks.size()
          && !toks.get(k + 1).lower()
          && Tok.gap(text, toks, k + 1).isBlank()) {
        mark[k++] = true;
        continue;
      }
      if (taken > 0 && mode != Mode.TITLE && headFollows(text, toks, k)) {
        for (int i = j; i < k; i++) {
          mark[i] = false; // "Sister Mary Joseph nodule", "Terry Thomas sign": an eponym
        }
        return;
      }
      if (!accept(text, toks, k, mode, taken == 0)
          || isLabel(text, toks, k)
          || credentialAt(text, toks, k)) {
        break;
      }
      mark[k] = true;
      lastInitial = t.initial();
      initials += lastInitial ? 1 : 0;
      taken++;
      k++;
    }
    if (taken > 0 && initials == taken && (mode == Mode.CUE || mode == Mode.LIST_CUE)) {
      for (int i = j; i < k; i++) {
        mark[i] = false; // "patient B": a letter alone after a weak cue is not a name
      }
    }
  }

  /** Whether word {@code k} may be (part of) a name under the given evidence. */
  private boolean accept(String text, List<Tok> toks, int k, Mode mode, boolean first) {
    Tok t = toks.get(k);
    if (!t.alpha() || stops.contains(t.key()) || credentials.contains(t.key())) {
      return false;
    }
    if (mode == Mode.TITLE && first) {
      // "dr. jones" yes; "Dr. order" (a lower-case clinical word) no
      return !(t.lower() && t.key().length() > 3 && allowed(t.key()) && !listed(t.key()));
    }
    if (headFollows(text, toks, k)) {
      return false;
    }
    if (t.initial()) {
      return true;
    }
    boolean listed = listed(t.key());
    boolean allowed = allowed(t.key());
    if (mode == Mode.LIST_CUE) {
      return listed && (t.cap() || t.upper() || !allowed);
    }
    boolean by = mode == Mode.BY_CUE || mode == Mode.FIELD;
    if (t.lower()) {
      return mode == Mode.FIELD ? listed : listed && !allowed;
    }
    if (t.upper()) {
      return switch (mode) {
        case TITLE, WEAK_TITLE -> listed || !allowed && t.text().length() >= 4;
        case CUE -> listed || !allowed && t.text().length() >= 4;
        default -> listed || !allowed || by && t.text().length() <= 4;
      };
    }
    return t.cap() && (listed || !allowed);
  }

  /** A word followed by ":" is the label of the next field ("DOB:"), not part of a name. */
  private static boolean isLabel(String text, List<Tok> toks, int k) {
    int e = toks.get(k).end();
    while (e < text.length() && text.charAt(e) == ' ') {
      e++;
    }
    return e < text.length() && text.charAt(e) == ':';
  }

  /** Whether word {@code k} starts a credential ("MD", "M.D.", "RN"). */
  private boolean credentialAt(String text, List<Tok> toks, int k) {
    Tok t = toks.get(k);
    if (t.lower()) {
      return false;
    }
    String key = t.key();
    if (key.length() == 1 && k + 1 < toks.size() && Tok.gap(text, toks, k + 1).equals(".")) {
      key = key + "." + toks.get(k + 1).key();
    }
    return key.length() > 1 && credentials.contains(key);
  }

  private boolean headFollows(String text, List<Tok> toks, int k) {
    if (k + 1 >= toks.size() || !Tok.gap(text, toks, k + 1).isBlank()) {
      return false;
    }
    return heads.contains(toks.get(k + 1).key());
  }

  private boolean listed(String key) {
    if (w.isName(key)) {
      return true;
    }
    if (key.indexOf('-') < 0) {
      return false;
    }
    for (String part : key.split("-")) {
      if (!w.isName(part)) {
        return false;
      }
    }
    return true;
  }

  private boolean allowed(String key) {
    if (w.allow.contains(key)) {
      return true;
    }
    if (key.indexOf('-') < 0) {
      return false;
    }
    for (String part : key.split("-")) {
      if (w.allow.contains(part)) {
        return true;
      }
    }
    return false;
  }

  // ---- spans ----

  private static List<Redaction> spans(String text, List<Tok> toks, boolean[] mark) {
    List<Redaction> out = new ArrayList<>();
    int i = 0;
    while (i < toks.size()) {
      if (!mark[i]) {
        i++;
        continue;
      }
      int s = toks.get(i).start();
      int e = toks.get(i).end();
      int j = i + 1;
      while (j < toks.size() && mark[j]) {
        String g = Tok.gap(text, toks, j);
        String st = g.strip();
        boolean joinable = st.isEmpty() || st.equals(".") || st.equals(",") || st.equals("'");
        if (g.contains("\n") || !joinable) {
          break;
        }
        e = toks.get(j).end();
        j++;
      }
      out.add(new Redaction(s, e, PhiCategory.NAME));
      i = j;
    }
    return out;
  }
}
