package io.medloom.phantom;

import static org.assertj.core.api.Assertions.*;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.*;

class PhantomGeneratorTest {
  private static final int SIZE = 192;
  private static final PhantomGenerator GEN = new PhantomGenerator(20240611L, SIZE);
  private static final List<String> NON_NORMAL =
      PhantomFindings.FINDINGS.subList(1, PhantomFindings.FINDINGS.size());

  @Test
  void rejectsBadRenderSize() {
    assertThatThrownBy(() -> new PhantomGenerator(1, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renderSize must be in 128..1024: 100");
    assertThatThrownBy(() -> new PhantomGenerator(1, 2048))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GEN.layout(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameSeedGivesSameSlotsAndBytes() {
    PhantomGenerator other = new PhantomGenerator(20240611L, SIZE);
    List<PhantomSlot> a = GEN.layout(12);
    assertThat(other.layout(12)).isEqualTo(a);
    // Render in reverse order on the second generator: order must not matter.
    for (int i = a.size() - 1; i >= 0; i--) {
      PhantomImage x = GEN.render(a.get(i));
      PhantomImage y = other.render(a.get(i));
      assertThat(y.pixels()).isEqualTo(x.pixels());
      assertThat(y.findingsText()).isEqualTo(x.findingsText());
      assertThat(y.lesions()).hasSameSizeAs(x.lesions());
    }
    PhantomImage different = new PhantomGenerator(99L, SIZE).render(a.get(0));
    assertThat(different.pixels()).isNotEqualTo(GEN.render(a.get(0)).pixels());
  }

  @Test
  void renderIsThreadSafe() throws Exception {
    List<PhantomSlot> slots = GEN.layout(8);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Map<Integer, Future<PhantomImage>> futures = new HashMap<>();
      for (PhantomSlot s : slots) {
        futures.put(s.index(), pool.submit(() -> GEN.render(s)));
      }
      for (PhantomSlot s : slots) {
        assertThat(futures.get(s.index()).get().pixels()).isEqualTo(GEN.render(s).pixels());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void layoutHasSeveralStudiesPerPatientAndBothViews() {
    List<PhantomSlot> slots = GEN.layout(200);
    assertThat(slots).hasSize(200);
    Map<Integer, Set<Integer>> studies = new HashMap<>();
    Set<String> views = new HashSet<>();
    for (int i = 0; i < slots.size(); i++) {
      PhantomSlot s = slots.get(i);
      assertThat(s.index()).isEqualTo(i);
      studies.computeIfAbsent(s.patientNumber(), k -> new HashSet<>()).add(s.studyNumber());
      views.add(s.view());
    }
    assertThat(views).containsExactlyInAnyOrder("PA", "LATERAL");
    assertThat(studies.values().stream().anyMatch(v -> v.size() >= 2)).isTrue();
    assertThat(studies.values().stream().allMatch(v -> v.size() <= 3)).isTrue();
    // Patients are filled one after another.
    for (int i = 1; i < slots.size(); i++) {
      assertThat(slots.get(i).patientNumber())
          .isGreaterThanOrEqualTo(slots.get(i - 1).patientNumber());
    }
  }

  @Test
  void masksAreNonEmptyAndSized() {
    for (PhantomSlot s : GEN.layout(10)) {
      PhantomImage im = GEN.render(s);
      assertThat(im.width()).isEqualTo(SIZE);
      assertThat(im.pixels()).hasSize(SIZE * SIZE);
      List<String> names = im.anatomy().stream().map(PhantomRegion::name).toList();
      assertThat(names)
          .contains("right lung", "left lung", "heart", "mediastinum", "spine", "diaphragm");
      for (PhantomRegion r : concat(im.anatomy(), im.lesions())) {
        assertThat(r.mask()).as(r.name()).hasSize(SIZE * SIZE);
        assertThat(r.area()).as(r.name()).isPositive().isLessThan(SIZE * SIZE);
        for (byte b : r.mask()) {
          assertThat(b == 0 || b == 1).isTrue();
        }
      }
      for (PhantomRegion r : im.lesions()) {
        assertThat(PhantomFindings.FINDINGS).contains(r.finding());
        assertThat(im.findings()).contains(r.finding());
        assertThat(r.location()).isNotEmpty();
      }
    }
  }

  @Test
  void paViewPutsPatientRightOnImageLeft() {
    for (PhantomSlot s : GEN.layout(12)) {
      if (!s.view().equals("PA")) {
        continue;
      }
      PhantomImage im = GEN.render(s);
      assertThat(centroidX(im.region("right lung").mask()))
          .isLessThan(centroidX(im.region("left lung").mask()));
    }
  }

  @Test
  void cardiomegalyHasCtrAboveHalfMeasuredOnMasks() {
    int seen = 0;
    for (PhantomSlot s : GEN.layout(150)) {
      if (!s.view().equals("PA")) {
        continue;
      }
      PhantomImage im = GEN.render(s);
      double ctr = ctr(im);
      if (im.findings().contains("cardiomegaly")) {
        seen++;
        assertThat(ctr).isGreaterThan(0.5);
        PhantomRegion lesion =
            im.lesions().stream()
                .filter(r -> r.finding().equals("cardiomegaly"))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(lesion.attributes().get("ctr"))).isGreaterThan(0.5);
      } else {
        assertThat(ctr).isBetween(0.33, 0.5);
      }
      if (seen >= 3) {
        break;
      }
    }
    assertThat(seen).isPositive();
  }

  @Test
  void findingsAndReportedAreConsistent() {
    int uncertain = 0;
    int normal = 0;
    int studies = 0;
    for (PhantomSlot s : GEN.layout(160)) {
      if (!s.view().equals("PA")) {
        continue;
      }
      studies++;
      PhantomImage im = GEN.render(s);
      List<String> f = im.findings();
      assertThat(f).isNotEmpty();
      assertThat(PhantomFindings.FINDINGS).containsAll(f);
      // Sorted in FINDINGS order, "no finding" alone.
      assertThat(f)
          .isSortedAccordingTo(
              (a, b) -> PhantomFindings.FINDINGS.indexOf(a) - PhantomFindings.FINDINGS.indexOf(b));
      if (f.contains("no finding")) {
        assertThat(f).containsExactly("no finding");
        normal++;
      }
      assertThat(im.reported().keySet()).containsExactlyInAnyOrderElementsOf(NON_NORMAL);
      for (String k : NON_NORMAL) {
        String state = im.reported().get(k);
        assertThat(state).isIn("present", "absent", "uncertain", "not mentioned");
        if (f.contains(k)) {
          assertThat(state).as(k + " in " + im.findingsText()).isIn("present", "uncertain");
        } else {
          assertThat(state).as(k + " in " + im.findingsText()).isIn("absent", "not mentioned");
        }
        uncertain += state.equals("uncertain") ? 1 : 0;
      }
      assertThat(im.indication()).isNotBlank();
      assertThat(im.impressionText()).isNotBlank();
      for (PhantomRegion r : im.lesions()) {
        if (r.finding().equals("nodule") || r.finding().equals("mass")) {
          assertThat(im.findingsText()).containsIgnoringCase(r.location());
        }
      }
    }
    assertThat(normal).isBetween(studies / 5, studies * 3 / 5);
    assertThat(uncertain).isPositive();
  }

  @Test
  void lesionZoneMatchesThirdsOfLungHeight() {
    int checked = 0;
    for (PhantomSlot s : GEN.layout(200)) {
      if (!s.view().equals("PA")) {
        continue;
      }
      PhantomImage im = GEN.render(s);
      for (PhantomRegion r : im.lesions()) {
        if (!r.finding().equals("nodule") && !r.finding().equals("mass")) {
          continue;
        }
        String side = r.location().startsWith("right") ? "right lung" : "left lung";
        byte[] lung = im.region(side).mask();
        int top = SIZE;
        int bottom = -1;
        for (int p = 0; p < lung.length; p++) {
          if (lung[p] != 0) {
            top = Math.min(top, p / SIZE);
            bottom = Math.max(bottom, p / SIZE);
          }
        }
        double t = (centroidY(r.mask()) - top) / (bottom - top);
        String zone = t < 1 / 3.0 ? "upper" : t < 2 / 3.0 ? "middle" : "lower";
        assertThat(r.location()).contains(zone);
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  private static double ctr(PhantomImage im) {
    int[] h = cols(im.region("heart").mask());
    int[] a = cols(im.region("right lung").mask());
    int[] b = cols(im.region("left lung").mask());
    return (h[1] - h[0] + 1) / (double) (Math.max(a[1], b[1]) - Math.min(a[0], b[0]) + 1);
  }

  private static int[] cols(byte[] m) {
    int lo = SIZE;
    int hi = -1;
    for (int p = 0; p < m.length; p++) {
      if (m[p] != 0) {
        lo = Math.min(lo, p % SIZE);
        hi = Math.max(hi, p % SIZE);
      }
    }
    return new int[] {lo, hi};
  }

  private static double centroidX(byte[] m) {
    double sum = 0;
    int n = 0;
    for (int p = 0; p < m.length; p++) {
      if (m[p] != 0) {
        sum += p % SIZE;
        n++;
      }
    }
    return sum / n;
  }

  private static double centroidY(byte[] m) {
    double sum = 0;
    int n = 0;
    for (int p = 0; p < m.length; p++) {
      if (m[p] != 0) {
        sum += p / SIZE;
        n++;
      }
    }
    return sum / n;
  }

  private static List<PhantomRegion> concat(List<PhantomRegion> a, List<PhantomRegion> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
