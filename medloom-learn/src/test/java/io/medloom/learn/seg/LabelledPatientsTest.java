package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** {@code --label-fraction} labels whole patients, the same ones in every build of a folder. */
class LabelledPatientsTest {

  /** 20 patients with 1–3 images each; {@code key} names patient p as a build would. */
  private static List<SegSample> samples(IntFunction<String> key) {
    List<SegSample> out = new ArrayList<>();
    for (int p = 0; p < 20; p++) {
      for (int i = 0; i <= p % 3; i++) {
        out.add(
            new SegSample(
                out.size(), "busi:case%02d-%d".formatted(p, i), key.apply(p), null, null));
      }
    }
    return out;
  }

  private static Set<String> labelledIds(List<SegSample> ts, double fraction) {
    boolean[] labelled = SegTraining.labelledByPatient(ts, fraction, 42);
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < labelled.length; i++) {
      if (labelled[i]) {
        ids.add(ts.get(i).id());
      }
    }
    return ids;
  }

  @Test
  void twoBuildsWithDifferentPatientKeysLabelTheSamePatients() {
    // Two builds without a key file: each hashes patient ids with its own secret, so the keys
    // differ and sort differently; the labelled images must not.
    List<SegSample> first = samples(p -> "%08x".formatted((p * 0x9E3779B1L) & 0xffffffffL));
    List<SegSample> second = samples(p -> "%08x".formatted((p * 0x85EBCA6BL + 7) & 0xffffffffL));
    for (double f : new double[] {0.1, 0.3, 0.5}) {
      assertThat(labelledIds(second, f)).isEqualTo(labelledIds(first, f));
    }
  }

  @Test
  void labelsCeilOfTheFractionOfPatientsWithAllTheirImages() {
    List<SegSample> ts = samples(p -> "key" + p);
    Set<String> ids = labelledIds(ts, 0.3);
    Set<String> patients = new TreeSet<>();
    for (SegSample s : ts) {
      if (ids.contains(s.id())) {
        patients.add(s.patientKey());
      }
    }
    assertThat(patients).hasSize(6);
    for (SegSample s : ts) {
      assertThat(ids.contains(s.id())).isEqualTo(patients.contains(s.patientKey()));
    }
  }
}
