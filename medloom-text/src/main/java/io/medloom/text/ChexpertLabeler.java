package io.medloom.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CheXpert-style report labels for the 14 observations: 1 (positive), 0 (negative), -1 (uncertain)
 * or blank (key absent). Per observation the mentions aggregate as CheXpert's labeler does:
 * positive beats uncertain beats negative. "No Finding" is 1 when the report has text and no other
 * observation except Support Devices is positive or uncertain; otherwise blank. Empty or null
 * reports give an empty map (all blank). Thread-safe; no allocation per sentence.
 */
public final class ChexpertLabeler {
  public static final List<String> OBSERVATIONS =
      List.of(
          "No Finding",
          "Enlarged Cardiomediastinum",
          "Cardiomegaly",
          "Lung Opacity",
          "Lung Lesion",
          "Edema",
          "Consolidation",
          "Pneumonia",
          "Atelectasis",
          "Pneumothorax",
          "Pleural Effusion",
          "Pleural Other",
          "Fracture",
          "Support Devices");

  static final int NO_FINDING = 0;
  static final int SUPPORT_DEVICES = 13;

  /** Internal codes: 0 blank, 1 negative, 2 uncertain, 3 positive (higher wins). */
  private static final int[] RANK = {3, 1, 2}; // by Engine existence PRESENT, ABSENT, UNCERTAIN

  private static final ChexpertLabeler STANDARD = new ChexpertLabeler(Engine.standard());

  private final Engine engine;
  private final ThreadLocal<int[]> scratch = ThreadLocal.withInitial(() -> new int[14]);

  private ChexpertLabeler(Engine engine) {
    this.engine = engine;
    if (!engine.lex.observations.equals(OBSERVATIONS)) {
      throw new IllegalStateException(
          "observations.json must list the 14 CheXpert observations in order");
    }
  }

  public static ChexpertLabeler standard() {
    return STANDARD;
  }

  /** observation -> 1, 0 or -1; observations left blank are absent from the map. */
  public Map<String, Integer> label(String reportText) {
    int[] v = codes(reportText);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        out.put(OBSERVATIONS.get(i), toValue(v[i]));
      }
    }
    return out;
  }

  /**
   * Fast path: fills {@code out} (length 14, CheXpert order) with 1, 0, -1 or {@link
   * Integer#MIN_VALUE} for blank. No per-report allocation.
   */
  public void labelInto(String reportText, int[] out) {
    int[] v = codes(reportText);
    for (int i = 0; i < 14; i++) {
      out[i] = v[i] == 0 ? Integer.MIN_VALUE : toValue(v[i]);
    }
  }

  private static int toValue(int code) {
    return code == 3 ? 1 : code == 2 ? -1 : 0;
  }

  private int[] codes(String reportText) {
    int[] v = scratch.get();
    java.util.Arrays.fill(v, 0);
    if (reportText == null || !Engine.hasText(reportText)) {
      return v;
    }
    engine.scan(
        reportText,
        (tag, obs, anatomy, existence, sentence, start, end, ss, se) -> {
          if (obs > 0) {
            int r = RANK[existence];
            if (r > v[obs]) {
              v[obs] = r;
            }
          }
        });
    boolean any = false;
    for (int i = 1; i < 14; i++) {
      if (i != SUPPORT_DEVICES && v[i] >= 2) {
        any = true;
        break;
      }
    }
    v[NO_FINDING] = any ? 0 : 3;
    return v;
  }
}
