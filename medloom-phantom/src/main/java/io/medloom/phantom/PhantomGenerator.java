package io.medloom.phantom;

import static io.medloom.phantom.PhantomFindings.CARDIOMEGALY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic generator of synthetic chest radiographs ("phantoms") with exact masks and matching
 * report text. The same (seed, n) gives the same slots and the same pixels, from any thread, in any
 * order: every random stream is derived from (seed, patient, study, purpose) and the generator
 * keeps no mutable state.
 */
public final class PhantomGenerator {
  private final long seed;
  private final int renderSize;

  public PhantomGenerator(long seed, int renderSize) {
    if (renderSize < 128 || renderSize > 1024) {
      throw new IllegalArgumentException("renderSize must be in 128..1024: " + renderSize);
    }
    this.seed = seed;
    this.renderSize = renderSize;
  }

  public long seed() {
    return seed;
  }

  public int renderSize() {
    return renderSize;
  }

  /**
   * Exactly n slots, filled patient by patient (1, 2, ...): each patient has 1-3 studies, each
   * study a PA view and usually (70%) a lateral view.
   */
  public List<PhantomSlot> layout(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    List<PhantomSlot> out = new ArrayList<>(n);
    for (int patient = 1; out.size() < n; patient++) {
      int studies = studyCount(seed, patient);
      for (int study = 1; study <= studies && out.size() < n; study++) {
        out.add(new PhantomSlot(out.size(), patient, study, PhantomSlot.PA));
        if (hasLateral(seed, patient, study) && out.size() < n) {
          out.add(new PhantomSlot(out.size(), patient, study, PhantomSlot.LATERAL));
        }
      }
    }
    return List.copyOf(out);
  }

  static int studyCount(long seed, int patient) {
    double u = Seeds.rng(seed, Seeds.LAYOUT, patient).nextDouble();
    return u < 0.45 ? 1 : u < 0.8 ? 2 : 3;
  }

  static boolean hasLateral(long seed, int patient, int study) {
    return Seeds.rng(seed, Seeds.LAYOUT, patient, study).nextDouble() < 0.7;
  }

  /** Renders one slot. Pure function of (seed, renderSize, slot); safe to call concurrently. */
  public PhantomImage render(PhantomSlot slot) {
    if (slot == null) {
      throw new IllegalArgumentException("slot must not be null");
    }
    int p = slot.patientNumber();
    int s = slot.studyNumber();
    StudyPlan plan = StudyPlan.of(seed, p, s);
    boolean pa = PhantomSlot.PA.equals(slot.view());
    Rendering r =
        pa
            ? PaRenderer.render(seed, p, s, plan, renderSize)
            : LateralRenderer.render(seed, p, s, plan, renderSize);

    List<PhantomRegion> anatomy = r.anatomyRegions();
    List<PhantomRegion> lesions = new ArrayList<>(r.lesions);
    byte[] heart = r.anatomy.get("heart");
    if (pa) {
      String ctr =
          String.format(
              Locale.ROOT,
              "%.2f",
              ctr(heart, r.anatomy.get("right lung"), r.anatomy.get("left lung"), renderSize));
      anatomy = withAttribute(anatomy, "heart", "ctr", ctr);
      if (plan.truth().has(CARDIOMEGALY)) {
        lesions.add(
            0,
            new PhantomRegion(
                CARDIOMEGALY, CARDIOMEGALY, "cardiac silhouette", heart, Map.of("ctr", ctr)));
      }
    } else if (plan.truth().has(CARDIOMEGALY)) {
      lesions.add(
          0,
          new PhantomRegion(
              CARDIOMEGALY,
              CARDIOMEGALY,
              "cardiac silhouette",
              heart,
              Map.of("ctr", String.format(Locale.ROOT, "%.2f", plan.truth().ctr()))));
    }
    ReportWriter.Report rep =
        ReportWriter.write(seed, p, s, plan.patient(), plan.truth(), hasLateral(seed, p, s));
    String patientId = String.format(Locale.ROOT, "PHP-%06d", p);
    return new PhantomImage(
        patientId,
        patientId + "-S" + s,
        slot.view(),
        plan.patient().sex(),
        plan.patient().ageYears(),
        renderSize,
        renderSize,
        r.pixels,
        anatomy,
        lesions,
        plan.truth().findings(),
        rep.reported(),
        rep.indication(),
        rep.findingsText(),
        rep.impressionText());
  }

  /**
   * Cardiothoracic ratio measured on the masks: widest horizontal extent of the heart over the
   * widest extent between the outer edges of the two lungs.
   */
  static double ctr(byte[] heart, byte[] lungR, byte[] lungL, int n) {
    int[] h = colRange(heart, n);
    int[] a = colRange(lungR, n);
    int[] b = colRange(lungL, n);
    int left = Math.min(a[0], b[0]);
    int right = Math.max(a[1], b[1]);
    return (h[1] - h[0] + 1) / (double) (right - left + 1);
  }

  private static int[] colRange(byte[] m, int n) {
    int lo = n;
    int hi = -1;
    for (int j = 0; j < n; j++) {
      int row = j * n;
      for (int i = 0; i < n; i++) {
        if (m[row + i] != 0) {
          lo = Math.min(lo, i);
          hi = Math.max(hi, i);
        }
      }
    }
    return new int[] {lo, hi};
  }

  private static List<PhantomRegion> withAttribute(
      List<PhantomRegion> in, String name, String key, String value) {
    List<PhantomRegion> out = new ArrayList<>(in.size());
    for (PhantomRegion r : in) {
      if (r.name().equals(name)) {
        Map<String, String> at = new LinkedHashMap<>(r.attributes());
        at.put(key, value);
        out.add(new PhantomRegion(r.name(), r.finding(), r.location(), r.mask(), at));
      } else {
        out.add(r);
      }
    }
    return out;
  }
}
