package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.phantom.PhantomGenerator;
import io.medloom.phantom.PhantomImage;
import io.medloom.phantom.PhantomSlot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The phantom's reports carry exact truth ({@link PhantomImage#reported()}). Mapping: cardiomegaly,
 * pleural effusion, pneumothorax, support devices to the CheXpert observation of the same name;
 * nodule and mass to Lung Lesion (combined: present beats uncertain beats absent); consolidation to
 * Consolidation or Pneumonia combined the same way, because the phantom writes its uncertain
 * consolidations as "possible pneumonia" / "infection cannot be excluded". Agreement F1 over
 * (report, finding) pairs mentioned by either side: a pair agrees when both give the same state.
 */
class PhantomAgreementTest {
  static int rank(String s) {
    return switch (s) {
      case "present" -> 3;
      case "uncertain" -> 2;
      case "absent" -> 1;
      default -> 0;
    };
  }

  static int rankOf(Integer label) {
    return label == null ? 0 : label == 1 ? 3 : label == -1 ? 2 : 1;
  }

  @Test
  void labelsAgreeWithPhantomTruth() {
    PhantomGenerator gen = new PhantomGenerator(20240611L, 128);
    List<PhantomSlot> slots = gen.layout(400);
    ChexpertLabeler labeler = ChexpertLabeler.standard();
    int tp = 0, fp = 0, fn = 0, n = 0;
    StringBuilder bad = new StringBuilder();
    for (PhantomSlot slot : slots) {
      PhantomImage img = gen.render(slot);
      Map<String, String> rep = img.reported();
      String text = img.findingsText() + "\n\n" + img.impressionText();
      Map<String, Integer> l = labeler.label(text);
      Object[][] pairs = {
        {"cardiomegaly", rank(rep.get("cardiomegaly")), rankOf(l.get("Cardiomegaly"))},
        {"pleural effusion", rank(rep.get("pleural effusion")), rankOf(l.get("Pleural Effusion"))},
        {"pneumothorax", rank(rep.get("pneumothorax")), rankOf(l.get("Pneumothorax"))},
        {"support devices", rank(rep.get("support devices")), rankOf(l.get("Support Devices"))},
        {
          "lung lesion",
          Math.max(rank(rep.get("nodule")), rank(rep.get("mass"))),
          rankOf(l.get("Lung Lesion"))
        },
        {
          "consolidation",
          rank(rep.get("consolidation")),
          Math.max(rankOf(l.get("Consolidation")), rankOf(l.get("Pneumonia")))
        },
      };
      for (Object[] p : pairs) {
        int truth = (Integer) p[1];
        int pred = (Integer) p[2];
        if (truth == 0 && pred == 0) {
          continue;
        }
        n++;
        if (truth == pred) {
          tp++;
        } else {
          if (pred != 0) fp++;
          if (truth != 0) fn++;
          if (bad.length() < 4000) {
            bad.append(p[0])
                .append(" truth=")
                .append(truth)
                .append(" pred=")
                .append(pred)
                .append(" :: ")
                .append(text)
                .append('\n');
          }
        }
      }
    }
    double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
    System.out.printf(
        Locale.ROOT,
        "phantom agreement: %d slots, %d mentioned pairs, tp=%d fp=%d fn=%d, F1=%.4f%n",
        slots.size(),
        n,
        tp,
        fp,
        fn,
        f1);
    System.out.print(bad);
    assertThat(n).isGreaterThan(500);
    assertThat(f1).isGreaterThanOrEqualTo(0.99);
  }
}
