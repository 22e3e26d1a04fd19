package io.medloom.phantom;

import static io.medloom.phantom.PhantomFindings.*;

import io.medloom.phantom.Lesions.StudyTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Clinical indications loosely correlated with the truth (as real request forms are). */
final class Indications {
  private Indications() {}

  static String pick(SplittableRandom r, StudyTruth t, PatientModel p) {
    List<String> o = new ArrayList<>();
    if (t.has(CONSOLIDATION)) {
      o.add("Cough and fever.");
      o.add("Fever, rule out pneumonia.");
    }
    if (t.has(EFFUSION) || t.has(CARDIOMEGALY)) {
      o.add("Shortness of breath.");
      o.add("Dyspnea and leg swelling.");
    }
    if (t.has(PNEUMOTHORAX)) {
      o.add("Acute chest pain.");
      o.add("Sudden onset shortness of breath.");
    }
    if (t.has(NODULE) || t.has(MASS)) {
      o.add("Weight loss.");
      o.add("Hemoptysis.");
      o.add("Chronic cough.");
    }
    if (t.has(SUPPORT_DEVICES)) {
      o.add("Line and tube placement.");
      o.add("ICU patient, evaluate tube position.");
    }
    if (o.isEmpty() || r.nextDouble() < 0.15) {
      o.add("Preoperative evaluation.");
      o.add("Chest pain.");
      o.add("Cough.");
      o.add("Routine follow-up.");
      o.add("Shortness of breath.");
    }
    String base = o.get(r.nextInt(o.size()));
    if (r.nextDouble() < 0.35) {
      String who = (p.female() ? "woman" : "man");
      return p.ageYears() + "-year-old " + who + ". " + base;
    }
    return base;
  }
}
