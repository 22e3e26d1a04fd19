package io.medloom.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled vocabularies: every phrase of rules.json, findings.json, observations.json and
 * anatomy.json as a path of word ids in one token trie. Each trie node holds at most one entry per
 * category (trigger, finding, qualifier, anatomy); matching is a walk from every token position
 * (leftmost-longest per category), no regular expressions. Immutable after construction.
 */
final class Lexicon {
  static final int CAT_TRIGGER = 0;
  static final int CAT_FINDING = 1;
  static final int CAT_QUALIFIER = 2;
  static final int CAT_ANATOMY = 3;
  static final int CATS = 4;

  // trigger type bits
  static final int PRE_NEG = 1;
  static final int POST_NEG = 2;
  static final int PRE_UNC = 4;
  static final int POST_UNC = 8;
  static final int PSEUDO = 16;
  static final int TERM = 32;
  static final int BI_UNC = 64;
  static final int PRE_HYP = 128;
  static final int POST_HYP = 256;
  static final int PRIOR_STUDY = 512;

  /**
   * An uncertainty trigger that links a finding to what it may mean ("opacity suspicious for
   * pneumonia"): it hedges that meaning, and after a denied finding denies it ("no consolidation
   * suspicious for pneumonia").
   */
  static final int LINK = 1024;

  // finding entry kinds
  static final int K_TERM = 0;
  static final int K_CARRIER = 1;
  static final int K_NORMAL = 2;

  // qualifier kinds
  static final int Q_ENLARGED = 0;
  static final int Q_NORMAL = 1;
  static final int Q_BORDERLINE = 2;

  // special token ids
  static final int UNK = 0;
  static final int COMMA = 1;
  static final int SEMI = 2;
  static final int COLON = 3;
  static final int FIRST_WORD = 4;

  /** A finding-category entry: (tag, observation) pairs plus anatomy. */
  static final class FindingEntry {
    final int kind;
    final int[] tags;
    final int[] obs;
    final int anatomy;
    final boolean[] hedged;

    FindingEntry(int kind, int[] tags, int[] obs, int anatomy) {
      this(kind, tags, obs, anatomy, new boolean[tags.length]);
    }

    FindingEntry(int kind, int[] tags, int[] obs, int anatomy, boolean[] hedged) {
      this.kind = kind;
      this.tags = tags;
      this.obs = obs;
      this.anatomy = anatomy;
      this.hedged = hedged;
    }
  }

  final Vocab vocab = new Vocab();
  final List<String> observations;
  final String[] tagNames;
  final int[] tagDefaultAnatomy;
  final List<String> anatomyNames = new ArrayList<>();
  final Map<String, Integer> anatomyIds = new HashMap<>();
  final int maxScope;
  final int biWindow;

  /** Word-class bits by token id (0 for UNK and punctuation). */
  int[] wordClass;

  /** Word senses (senses.json); senseOf[finding entry] lists the rules for that word, or null. */
  final Senses senses;

  // per-category entry payloads
  final List<Integer> triggerMasks = new ArrayList<>();
  final List<FindingEntry> findings = new ArrayList<>();
  final List<Integer> qualifierKinds = new ArrayList<>();
  final List<Integer> anatomyEntries =
      new ArrayList<>(); // anatomy id; negative = -(side fallback)-1

  final int[] sideFallback = new int[4]; // unused slot 0
  int[] trigMask;
  FindingEntry[] findingArr;
  int[] qualKind;
  int[] anatEntry;

  // trie
  private final LongIntMap edges = new LongIntMap(1 << 14);
  private int nodes = 1;
  private int[] out = new int[CATS * 1024];
  int maxDepth;

  /** The root's children by token id (the trie walk's first step, taken from every token). */
  private int[] rootChild;

  /** The plain entry of each finding tag, by tag id (targets of sense re-tagging). */
  final List<FindingEntry> tagEntries = new ArrayList<>();

  private final Map<String, Integer> tagIds = new LinkedHashMap<>();
  private final Map<String, Integer> obsIds = new HashMap<>();

  Lexicon() {
    Arrays.fill(out, -1);
    JsonTree rules = read("rules.json");
    JsonTree fjs = read("findings.json");
    JsonTree ojs = read("observations.json");
    JsonTree ajs = read("anatomy.json");

    List<String> obsList = new ArrayList<>();
    ojs.get("observations").forEach(n -> obsList.add(n.asText()));
    observations = List.copyOf(obsList);
    for (int i = 0; i < obsList.size(); i++) {
      obsIds.put(obsList.get(i), i);
    }

    JsonTree scope = rules.get("scope");
    maxScope = scope.get("maxWords").asInt();
    biWindow = scope.get("biWindow").asInt();

    // triggers: phrase -> type mask (a phrase may be in several categories)
    Map<String, Integer> masks = new LinkedHashMap<>();
    for (JsonTree cat : rules.get("triggers")) {
      int bit =
          switch (cat.get("category").asText()) {
            case "pre_negation" -> PRE_NEG;
            case "post_negation" -> POST_NEG;
            case "pre_uncertainty" -> PRE_UNC;
            case "link_uncertainty" -> PRE_UNC | LINK;
            case "post_uncertainty" -> POST_UNC;
            case "bi_uncertainty" -> BI_UNC;
            case "pre_hypothetical" -> PRE_HYP;
            case "post_hypothetical" -> POST_HYP;
            case "prior_study" -> PRIOR_STUDY;
            case "pseudo" -> PSEUDO;
            case "terminator" -> TERM;
            default -> throw new IllegalStateException("unknown trigger category " + cat);
          };
      for (JsonTree p : cat.get("phrases")) {
        for (String phrase : Phrases.expand(p.asText())) {
          masks.merge(phrase, bit, (a, b) -> a | b);
        }
      }
    }
    for (Map.Entry<String, Integer> e : masks.entrySet()) {
      int mask = e.getValue();
      if ((mask & PSEUDO) != 0) {
        mask = PSEUDO;
      }
      triggerMasks.add(mask);
      insert(e.getKey(), CAT_TRIGGER, triggerMasks.size() - 1, false);
    }
    JsonTree q = rules.get("qualifiers");
    String[] qn = {"enlarged", "normal", "borderline"};
    for (int k = 0; k < qn.length; k++) {
      for (JsonTree p : q.get(qn[k])) {
        qualifierKinds.add(k);
        insert(p.asText(), CAT_QUALIFIER, qualifierKinds.size() - 1, false);
      }
    }

    // anatomy
    JsonTree sides = ajs.get("sides");
    for (JsonTree region : ajs.get("regions")) {
      String canon = region.get("canonical").asText();
      if (canon.contains("{side}")) {
        for (Iterator<String> it = sides.fieldNames(); it.hasNext(); ) {
          String side = it.next();
          int id = anatomyId(canon.replace("{side}", side));
          for (JsonTree sw : sides.get(side)) {
            for (JsonTree t : region.get("terms")) {
              addAnatomy(t.asText().replace("{side}", sw.asText()), id);
            }
          }
        }
      } else {
        int id = anatomyId(canon);
        for (JsonTree t : region.get("terms")) {
          addAnatomy(t.asText(), id);
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonTree>> it = ajs.get("sideFallback").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonTree> e = it.next();
      int id = anatomyId(e.getValue().asText());
      anatomyEntries.add(-id - 1);
      insert(e.getKey(), CAT_ANATOMY, anatomyEntries.size() - 1, false);
    }

    // findings: ASG tags
    List<Integer> defAnat = new ArrayList<>();
    Map<String, String> signs = new LinkedHashMap<>();
    Map<String, FindingEntry> termEntries = new LinkedHashMap<>();
    for (JsonTree tag : fjs.get("tags")) {
      String name = tag.get("tag").asText();
      int id = tagIds.size();
      tagIds.put(name, id);
      String anat = tag.has("anatomy") ? tag.get("anatomy").asText() : "";
      defAnat.add(anat.isEmpty() ? -1 : anatomyId(anat));
      String ob = tag.get("observation").asText();
      int[] obs = ob.isEmpty() ? new int[] {-1} : new int[] {obsId(ob)};
      FindingEntry fe = new FindingEntry(K_TERM, new int[] {id}, obs, -1);
      tagEntries.add(fe);
      for (JsonTree s : tag.get("synonyms")) {
        termEntries.put(s.asText(), fe);
      }
      if (tag.has("signOf")) {
        signs.put(name, tag.get("signOf").asText());
      }
    }
    // a sign also yields the finding it is a sign of, hedged (present -> uncertain)
    for (Map.Entry<String, String> e : signs.entrySet()) {
      int sign = tagIds.get(e.getKey());
      int target = tagId(e.getValue());
      int targetObs = -1;
      for (JsonTree tag : fjs.get("tags")) {
        if (tag.get("tag").asText().equals(e.getValue())
            && !tag.get("observation").asText().isEmpty()) {
          targetObs = obsId(tag.get("observation").asText());
        }
      }
      FindingEntry fe =
          new FindingEntry(
              K_TERM,
              new int[] {sign, target},
              new int[] {-1, targetObs},
              -1,
              new boolean[] {false, true});
      for (Map.Entry<String, FindingEntry> t : termEntries.entrySet()) {
        if (t.getValue().kind == K_TERM
            && t.getValue().tags.length == 1
            && t.getValue().tags[0] == sign) {
          t.setValue(fe);
        }
      }
    }
    tagNames = tagIds.keySet().toArray(new String[0]);
    tagDefaultAnatomy = defAnat.stream().mapToInt(Integer::intValue).toArray();
    for (JsonTree t : ojs.get("terms")) {
      int tag = tagId(t.get("finding").asText());
      int[] obs = obsArray(t.get("observations"));
      int[] tags = new int[obs.length];
      Arrays.fill(tags, tag);
      FindingEntry fe = new FindingEntry(K_TERM, tags, obs, -1);
      for (JsonTree s : t.get("terms")) {
        termEntries.put(s.asText(), fe);
      }
    }
    for (JsonTree t : ojs.get("carriers")) {
      int[] obs = obsArray(t.get("observations"));
      int[] tags = new int[obs.length];
      for (int i = 0; i < obs.length; i++) {
        tags[i] = tagForObservation(observations.get(obs[i]));
      }
      FindingEntry fe =
          new FindingEntry(K_CARRIER, tags, obs, anatomyId(t.get("anatomy").asText()));
      for (JsonTree s : t.get("terms")) {
        termEntries.put(s.asText(), fe);
      }
    }
    for (JsonTree t : ojs.get("normalStatements")) {
      List<Integer> tg = new ArrayList<>();
      List<Integer> ob = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonTree>> it = t.get("absent").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonTree> e = it.next();
        for (JsonTree o : e.getValue()) {
          tg.add(tagId(e.getKey()));
          ob.add(obsId(o.asText()));
        }
      }
      FindingEntry fe =
          new FindingEntry(
              K_NORMAL,
              tg.stream().mapToInt(Integer::intValue).toArray(),
              ob.stream().mapToInt(Integer::intValue).toArray(),
              anatomyId(t.get("anatomy").asText()));
      for (JsonTree s : t.get("terms")) {
        termEntries.put(s.asText(), fe);
      }
    }
    for (Map.Entry<String, FindingEntry> e : termEntries.entrySet()) {
      findings.add(e.getValue());
      insert(e.getKey(), CAT_FINDING, findings.size() - 1, e.getValue().kind == K_TERM);
    }

    senses = new Senses(this, read("senses.json"));
    wordClass = WordClasses.load(rules.get("syntax"), vocab);
    trigMask = triggerMasks.stream().mapToInt(Integer::intValue).toArray();
    findingArr = findings.toArray(new FindingEntry[0]);
    qualKind = qualifierKinds.stream().mapToInt(Integer::intValue).toArray();
    anatEntry = anatomyEntries.stream().mapToInt(Integer::intValue).toArray();
    out = Arrays.copyOf(out, nodes * CATS);
    rootChild = new int[vocab.size()];
    for (int id = 0; id < rootChild.length; id++) {
      rootChild[id] = edges.get(id); // node 0's edges: key (0 << 32) | id
    }
  }

  private void addAnatomy(String term, int id) {
    anatomyEntries.add(id);
    insert(term, CAT_ANATOMY, anatomyEntries.size() - 1, true);
  }

  int anatomyId(String canon) {
    return anatomyIds.computeIfAbsent(
        canon,
        c -> {
          anatomyNames.add(c);
          return anatomyNames.size() - 1;
        });
  }

  private int tagId(String tag) {
    Integer id = tagIds.get(tag);
    if (id == null) {
      throw new IllegalStateException("unknown finding tag in observations.json: " + tag);
    }
    return id;
  }

  private int obsId(String ob) {
    Integer id = obsIds.get(ob);
    if (id == null) {
      throw new IllegalStateException("unknown observation: " + ob);
    }
    return id;
  }

  private int[] obsArray(JsonTree arr) {
    int[] r = new int[arr.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = obsId(arr.get(i).asText());
    }
    return r.length == 0 ? new int[] {-1} : r;
  }

  private int tagForObservation(String ob) {
    // the tag whose name equals the observation (lower case), else the first tag counting for it
    Integer direct = tagIds.get(ob.toLowerCase(java.util.Locale.ROOT));
    if (direct != null) {
      return direct;
    }
    throw new IllegalStateException("no finding tag for carrier observation " + ob);
  }

  private static JsonTree read(String name) {
    try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/medloom/text/" + name);
      }
      return JsonTree.read(in, "io/medloom/text/" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Inserts a phrase; with plurals, the last word also gets its plural form. First entry wins. */
  private void insert(String phrase, int cat, int entry, boolean plurals) {
    List<String> words = Phrases.words(phrase);
    if (words.isEmpty()) {
      return;
    }
    insertWords(words, cat, entry);
    if (plurals) {
      String last = words.get(words.size() - 1);
      String pl = plural(last);
      if (pl != null) {
        List<String> w2 = new ArrayList<>(words);
        w2.set(w2.size() - 1, pl);
        insertWords(w2, cat, entry);
      }
    }
  }

  private static String plural(String w) {
    if (w.length() < 3 || !Character.isLetter(w.charAt(w.length() - 1))) {
      return null;
    }
    if (w.endsWith("s")
        || w.endsWith("ed")
        || w.endsWith("ing")
        || w.endsWith("al")
        || w.endsWith("ar")
        || w.endsWith("ic")
        || w.endsWith("ous")
        || w.endsWith("ive")) {
      return null;
    }
    if (w.endsWith("y") && !"aeiou".contains(w.substring(w.length() - 2, w.length() - 1))) {
      return w.substring(0, w.length() - 1) + "ies";
    }
    if (w.endsWith("x") || w.endsWith("ch") || w.endsWith("sh")) {
      return w + "es";
    }
    return w + "s";
  }

  private void insertWords(List<String> words, int cat, int entry) {
    int node = 0;
    for (String w : words) {
      int id = vocab.intern(w);
      long key = ((long) node << 32) | id;
      int nx = edges.get(key);
      if (nx < 0) {
        nx = nodes++;
        if (nodes * CATS > out.length) {
          int old = out.length;
          out = Arrays.copyOf(out, old * 2);
          Arrays.fill(out, old, out.length, -1);
        }
        edges.put(key, nx);
      }
      node = nx;
    }
    maxDepth = Math.max(maxDepth, words.size());
    if (out[node * CATS + cat] < 0) {
      out[node * CATS + cat] = entry;
    }
  }

  /** Word-class bits of a token id (UNK and punctuation have none). */
  int cls(int tokenId) {
    return tokenId < wordClass.length ? wordClass[tokenId] : 0;
  }

  /** The entry of {@code cat} at the end of a phrase's trie path, or -1. */
  int entryOf(String phrase, int cat) {
    int node = 0;
    for (String w : Phrases.words(phrase)) {
      int id = vocab.lookup(w, 0, w.length());
      if (id == UNK) {
        return -1;
      }
      node = child(node, id);
      if (node < 0) {
        return -1;
      }
    }
    return node == 0 ? -1 : entry(node, cat);
  }

  /**
   * Adds a finding entry that no phrase reaches (a sense's re-tagged finding); returns its index.
   */
  int addDetachedFinding(FindingEntry fe) {
    findings.add(fe);
    return findings.size() - 1;
  }

  int tagIdOf(String tag) {
    return tagId(tag);
  }

  int child(int node, int tokenId) {
    if (node == 0 && rootChild != null) {
      return rootChild[tokenId]; // most walks end at the first word: no hashing for them
    }
    return edges.get(((long) node << 32) | tokenId);
  }

  int entry(int node, int cat) {
    return out[node * CATS + cat];
  }
}
