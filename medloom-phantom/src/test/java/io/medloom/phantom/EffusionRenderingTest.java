package io.medloom.phantom;

import static org.assertj.core.api.Assertions.*;

import io.medloom.phantom.Lesions.Effusion;
import io.medloom.phantom.Lesions.StudyTruth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pleural effusions look like fluid: a small one only blunts the costophrenic angle, a large one
 * covers the hemidiaphragm (silhouette sign), and on the lateral film a moderate or large one is a
 * clear posterior basal opacity (each film rendered with and without its effusion).
 */
class EffusionRenderingTest {
  private static final long SEED = 5;
  private static final int N = 160;

  /** The first study 0 whose single effusion has this size. */
  private static StudyPlan planWith(String size) {
    for (int p = 0; p < 2000; p++) {
      StudyPlan plan = StudyPlan.of(SEED, p, 0);
      List<Effusion> es = plan.truth().effusions();
      if (es.size() == 1 && es.get(0).size().equals(size)) {
        return plan;
      }
    }
    throw new AssertionError("no study with a single " + size + " effusion");
  }

  private static StudyPlan withoutEffusion(StudyPlan plan) {
    StudyTruth t = plan.truth();
    List<String> findings = new ArrayList<>(t.findings());
    findings.remove(PhantomFindings.EFFUSION);
    StudyTruth dry =
        new StudyTruth(
            findings,
            t.ctr(),
            t.nodule(),
            t.mass(),
            List.of(),
            t.pneumothorax(),
            t.consolidation(),
            t.devices());
    return new StudyPlan(plan.patient(), plan.acquisition(), plan.geometry(), dry);
  }

  @Test
  void smallBluntsTheAngleLargeCoversTheDome() {
    for (String size : List.of("small", "large")) {
      StudyPlan plan = planWith(size);
      ChestGeometry g = plan.geometry();
      Effusion e = plan.truth().effusions().get(0);
      LesionField pa = new LesionField(g, plan.truth(), new Rendering(N), false);
      double medialLevel = pa.effusionSurface(e, 0);
      double domePeak = g.yD[ChestGeometry.idx(e.side())];
      // y grows downwards: a level above the dome's peak has the smaller y.
      if (size.equals("small")) {
        assertThat(medialLevel).as("small effusion stays below the dome").isGreaterThan(domePeak);
      } else {
        assertThat(medialLevel).as("large effusion covers the dome").isLessThan(domePeak);
      }
      assertThat(pa.effusionSurface(e, 1)).isCloseTo(g.yCp(e.side()) - e.height(), within(1e-9));
    }
  }

  @Test
  void moderateEffusionIsAClearOpacityOnTheLateralFilm() {
    StudyPlan plan = planWith("moderate");
    int p = plan.patient().number();
    Rendering wet = LateralRenderer.render(SEED, p, 0, plan, N);
    Rendering dry = LateralRenderer.render(SEED, p, 0, withoutEffusion(plan), N);
    byte[] mask =
        wet.lesions.stream()
            .filter(r -> r.finding().equals(PhantomFindings.EFFUSION))
            .findFirst()
            .orElseThrow()
            .mask();
    double sum = 0;
    int count = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] != 0) {
        sum += (wet.pixels[i] & 0xff) - (dry.pixels[i] & 0xff);
        count++;
      }
    }
    // About +17 gray levels when the fluid took only half of its hemithorax's air; +35 with all.
    assertThat(sum / count).as("mean brightening inside the effusion").isGreaterThan(25);
  }
}
