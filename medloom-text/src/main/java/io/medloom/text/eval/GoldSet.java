package io.medloom.text.eval;

import io.medloom.text.ChexpertLabeler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gold sentences with expected CheXpert labels. Text format, one sentence per line: {@code
 * sentence<TAB>labels}, {@code #} starts a comment line; labels are space-separated codes (ECM, CM,
 * LO, LL, ED, CO, PN, AT, PTX, EFF, PO, FX, SD) each with a state suffix ({@code +} present, {@code
 * -} absent, {@code ?} uncertain), or {@code .} for none. No Finding is not written: it is derived
 * as CheXpert does (1 when no observation other than Support Devices is 1 or -1).
 */
public final class GoldSet {
  /** Code -> observation, in CheXpert order after No Finding. */
  public static final Map<String, String> CODES = codes();

  /** One gold sentence; {@code index} counts sentences from 0 in file order. */
  public record Item(int index, int line, String sentence, Map<String, Integer> expected) {
    public Item {
      expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
    }

    /** The fixed half this item belongs to: even index develops rules, odd index is held out. */
    public boolean heldOut() {
      return (index & 1) == 1;
    }
  }

  private GoldSet() {}

  private static Map<String, String> codes() {
    String[] c = {"ECM", "CM", "LO", "LL", "ED", "CO", "PN", "AT", "PTX", "EFF", "PO", "FX", "SD"};
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < c.length; i++) {
      m.put(c[i], ChexpertLabeler.OBSERVATIONS.get(i + 1));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Parses the text format; a malformed line fails with its line number and content. */
  public static List<Item> parse(String text) {
    List<Item> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      int tab = l.indexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException("gold line " + (i + 1) + ": no <TAB>labels: " + l);
      }
      String sentence = l.substring(0, tab).trim();
      String labels = l.substring(tab + 1).trim();
      Map<String, Integer> exp = new LinkedHashMap<>();
      if (!labels.equals(".")) {
        for (String code : labels.split("\\s+")) {
          char s = code.charAt(code.length() - 1);
          String obs = CODES.get(code.substring(0, code.length() - 1));
          int v = s == '+' ? 1 : s == '-' ? 0 : s == '?' ? -1 : 99;
          if (obs == null || v == 99 || exp.containsKey(obs)) {
            throw new IllegalArgumentException(
                "gold line " + (i + 1) + ": bad or repeated label '" + code + "': " + l);
          }
          exp.put(obs, v);
        }
      }
      boolean finding = false;
      for (Map.Entry<String, Integer> e : exp.entrySet()) {
        if (!e.getKey().equals("Support Devices") && e.getValue() != 0) {
          finding = true;
        }
      }
      Map<String, Integer> ordered = new LinkedHashMap<>();
      if (!finding) {
        ordered.put("No Finding", 1);
      }
      for (String o : ChexpertLabeler.OBSERVATIONS) {
        if (exp.containsKey(o)) {
          ordered.put(o, exp.get(o));
        }
      }
      out.add(new Item(out.size(), i + 1, sentence, ordered));
    }
    return out;
  }
}
