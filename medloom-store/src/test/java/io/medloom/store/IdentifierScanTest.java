package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The all-at-once search against the obvious one-identifier-at-a-time search. */
class IdentifierScanTest {
  @Test
  void findsUidsNestedInEachOtherAndInsidePaths() {
    IdentifierScan scan =
        new IdentifierScan(List.of("1.2.3.4", "1.2.3.4.5", "2.3.4.5", "PAT001", "ab", " 777 "));
    assertThat(scan.searched()).isEqualTo(4); // "ab" and "777" are shorter than 4
    // A dot is not a digit: the study UID 1.2.3.4 is in clear inside its series UID 1.2.3.4.5.
    assertThat(scan.find("studies/1.2.3.4.5/series/9"))
        .containsExactly("1.2.3.4", "1.2.3.4.5", "2.3.4.5");
    assertThat(scan.find("x/pat001/y")).containsExactly("PAT001");
    assertThat(scan.find("11.2.3.4")).isEmpty(); // a longer number
    assertThat(scan.find("2.3.4.56")).isEmpty();
    assertThat(scan.find("")).isEmpty();
  }

  @Test
  void agreesWithANaiveSearchOnRandomText() {
    Random r = new Random(7);
    String alphabet = "0123456789ab./_P";
    for (int round = 0; round < 300; round++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 1 + r.nextInt(12); i++) {
        ids.add(random(r, alphabet, 1 + r.nextInt(7)));
      }
      IdentifierScan scan = new IdentifierScan(ids);
      for (int t = 0; t < 20; t++) {
        String text = random(r, alphabet, r.nextInt(60));
        if (r.nextBoolean() && !ids.isEmpty()) {
          int at = r.nextInt(text.length() + 1);
          String id = ids.get(r.nextInt(ids.size()));
          text = text.substring(0, at) + id.toUpperCase(Locale.ROOT) + text.substring(at);
        }
        assertThat(scan.find(text)).as("%s in %s", ids, text).isEqualTo(naive(ids, text));
      }
    }
  }

  private static Set<String> naive(List<String> ids, String text) {
    Set<String> found = new TreeSet<>();
    String t = text.toLowerCase(Locale.ROOT);
    for (String id : ids) {
      String s = id.strip();
      if (s.length() < IdentifierScan.MIN_LENGTH) {
        continue;
      }
      String l = s.toLowerCase(Locale.ROOT);
      for (int at = t.indexOf(l); at >= 0; at = t.indexOf(l, at + 1)) {
        int end = at + l.length();
        boolean left =
            Character.isDigit(l.charAt(0)) && at > 0 && Character.isDigit(t.charAt(at - 1));
        boolean right =
            Character.isDigit(l.charAt(l.length() - 1))
                && end < t.length()
                && Character.isDigit(t.charAt(end));
        if (!left && !right) {
          found.add(s);
          break;
        }
      }
    }
    return found;
  }

  private static String random(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
