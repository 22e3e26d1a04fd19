package io.medloom.phantom;

import static io.medloom.phantom.PhantomFindings.*;

import io.medloom.phantom.Lesions.Device;
import io.medloom.phantom.Lesions.Effusion;
import io.medloom.phantom.Lesions.Nodular;
import io.medloom.phantom.Lesions.Pneumothorax;
import io.medloom.phantom.Lesions.StudyTruth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a radiology-style report from the study truth. The mention status of each finding is
 * decided once (present / uncertain / absent / not mentioned) and every sentence about that finding
 * is generated from that status, so {@code reported} is exact by construction. "The lungs are
 * clear." is only used to negate consolidation; nodules and masses are negated only by explicit
 * sentences.
 */
final class ReportWriter {
  record Report(
      String indication,
      String findingsText,
      String impressionText,
      Map<String, String> reported) {}

  private final SplittableRandom r;
  private final StudyTruth t;
  private final Map<String, String> status = new LinkedHashMap<>();
  private final List<String> body = new ArrayList<>();
  private final List<String> impression = new ArrayList<>();

  private ReportWriter(SplittableRandom r, StudyTruth t) {
    this.r = r;
    this.t = t;
    for (String f : FINDINGS.subList(1, FINDINGS.size())) {
      status.put(f, NOT_MENTIONED);
    }
  }

  static Report write(
      long seed, int patient, int study, PatientModel p, StudyTruth t, boolean hasLateral) {
    ReportWriter w = new ReportWriter(Seeds.rng(seed, Seeds.REPORT, patient, study), t);
    String indication = Indications.pick(w.r, t, p);
    if (w.r.nextDouble() < 0.5) {
      w.body.add(
          hasLateral
              ? w.pick(
                  "PA and lateral views of the chest.",
                  "PA and lateral chest radiographs were obtained.",
                  "Two views of the chest.")
              : w.pick("Single PA view of the chest.", "PA chest radiograph."));
    }
    w.devices();
    w.lungs();
    w.pleura();
    w.heart();
    if (p.ageYears() > 62 && w.r.nextDouble() < 0.4) {
      w.body.add(
          w.pick(
              "Degenerative changes of the thoracic spine.",
              "Mild degenerative changes in the thoracic spine."));
    } else if (w.r.nextDouble() < 0.35) {
      w.body.add(
          w.pick(
              "No acute osseous abnormality.",
              "The visualized bones are intact.",
              "Osseous structures are unremarkable."));
    }
    if (w.impression.isEmpty()) {
      w.impression.add(
          w.pick(
              "No acute cardiopulmonary abnormality.",
              "No acute cardiopulmonary process.",
              "Normal chest radiograph.",
              "No radiographic evidence of acute disease."));
    }
    return new Report(
        indication, String.join(" ", w.body), String.join(" ", w.impression), w.status);
  }

  private void devices() {
    if (!t.has(SUPPORT_DEVICES)) {
      if (r.nextDouble() < 0.08) {
        set(SUPPORT_DEVICES, ABSENT);
        body.add("No lines or tubes.");
      }
      return;
    }
    set(SUPPORT_DEVICES, PRESENT);
    for (Device d : t.devices()) {
      switch (d.name()) {
        case "endotracheal tube" ->
            body.add(
                pick(
                    "Endotracheal tube terminates in the mid trachea above the carina.",
                    "An endotracheal tube is in place with its tip above the carina.",
                    "ET tube in satisfactory position."));
        case "central venous catheter" ->
            body.add(
                pick(
                    cap(d.access())
                        + " central venous catheter with tip in the superior vena cava.",
                    "A " + d.access() + " central line terminates in the SVC.",
                    cap(d.access())
                        + " approach central venous catheter is present, tip at the cavoatrial region."));
        default ->
            body.add(
                pick(
                    "Nasogastric tube courses below the diaphragm into the stomach.",
                    "An enteric tube is seen with its tip in the stomach."));
      }
    }
    impression.add(
        pick(
            "Support devices as described.",
            "Lines and tubes in satisfactory position.",
            "Support devices in expected position."));
  }

  private void lungs() {
    boolean cons = t.has(CONSOLIDATION);
    boolean nod = t.has(NODULE);
    boolean mass = t.has(MASS);
    if (cons) {
      var c = t.consolidation();
      String where = ChestGeometry.sideName(c.side()) + " " + c.zone() + " zone";
      if (r.nextDouble() < 0.35) {
        set(CONSOLIDATION, UNCERTAIN);
        body.add(
            pick(
                "Patchy opacity in the " + where + " may represent atelectasis or consolidation.",
                "Hazy " + where + " opacity, possibly early pneumonia.",
                "Ill-defined opacity in the " + where + "; infection cannot be excluded."));
        impression.add(
            pick(
                cap(where) + " opacity: atelectasis versus consolidation.",
                "Possible " + where + " pneumonia."));
      } else {
        set(CONSOLIDATION, PRESENT);
        body.add(
            pick(
                "Patchy airspace opacity in the " + where + " consistent with consolidation.",
                "There is focal consolidation in the " + where + ".",
                cap(where) + " consolidation."));
        impression.add(
            pick(
                cap(where)
                    + " consolidation, likely pneumonia in the appropriate clinical setting.",
                cap(where) + " pneumonia."));
      }
    }
    if (nod) {
      Nodular n = t.nodule();
      String where = n.location();
      if (n.sizeMm() < 12 && r.nextDouble() < 0.6) {
        set(NODULE, UNCERTAIN);
        body.add(
            pick(
                "Cannot exclude a small nodule in the " + where + ".",
                "Possible "
                    + n.sizeMm()
                    + " mm nodular opacity in the "
                    + where
                    + ", which may represent a nipple shadow.",
                "Questionable small nodule in the " + where + "."));
        impression.add(
            pick(
                "Possible small " + where + " nodule; consider repeat with nipple markers.",
                "Questionable " + where + " nodule."));
      } else {
        set(NODULE, PRESENT);
        body.add(
            pick(
                cap(where) + " nodule measuring " + n.sizeMm() + " mm.",
                "A " + n.sizeMm() + " mm nodule is seen in the " + where + ".",
                "There is a "
                    + n.sizeMm()
                    + " mm rounded opacity in the "
                    + where
                    + ", compatible with a pulmonary nodule."));
        impression.add(
            pick(
                cap(where) + " pulmonary nodule (" + n.sizeMm() + " mm); CT chest recommended.",
                n.sizeMm() + " mm " + where + " nodule. Recommend CT for further evaluation."));
      }
    }
    if (mass) {
      Nodular m = t.mass();
      String cm = String.format(Locale.ROOT, "%.1f cm", m.sizeMm() / 10.0);
      set(MASS, PRESENT);
      body.add(
          pick(
              "There is a " + cm + " lobulated mass in the " + m.location() + ".",
              cap(m.location()) + " mass measuring " + m.sizeMm() + " mm.",
              "Large " + m.location() + " mass measuring approximately " + cm + "."));
      impression.add(
          pick(
              cap(m.location()) + " mass, suspicious for malignancy. CT recommended.",
              cm + " " + m.location() + " mass. Further evaluation with CT is recommended."));
    }
    if (!cons) {
      double u = r.nextDouble();
      if (u < 0.45) {
        set(CONSOLIDATION, ABSENT);
        body.add(
            nod || mass
                ? "No focal consolidation."
                : pick(
                    "The lungs are clear.",
                    "Lungs are clear bilaterally.",
                    "No focal consolidation."));
      } else if (u < 0.75) {
        set(CONSOLIDATION, ABSENT);
        body.add(pick("No focal airspace consolidation.", "There is no focal consolidation."));
      }
    }
    if (!nod && !mass && r.nextDouble() < 0.3) {
      set(NODULE, ABSENT);
      set(MASS, ABSENT);
      body.add(pick("No pulmonary nodules or masses.", "No suspicious pulmonary nodule or mass."));
    } else if (!nod && r.nextDouble() < 0.15) {
      set(NODULE, ABSENT);
      body.add("No suspicious pulmonary nodules.");
    } else if (!mass && r.nextDouble() < 0.15) {
      set(MASS, ABSENT);
      body.add("No lung mass.");
    }
  }

  private void pleura() {
    boolean eff = t.has(EFFUSION);
    boolean ptx = t.has(PNEUMOTHORAX);
    if (eff) {
      List<Effusion> es = t.effusions();
      boolean small = es.stream().allMatch(e -> "small".equals(e.size()));
      if (es.size() == 2) {
        set(EFFUSION, PRESENT);
        body.add(
            pick(
                small ? "Small bilateral pleural effusions." : "Bilateral pleural effusions.",
                "Bilateral pleural effusions, "
                    + (es.get(0).height() >= es.get(1).height()
                        ? "right greater than left."
                        : "left greater than right.")));
        impression.add(pick("Bilateral pleural effusions.", "Bilateral effusions."));
      } else {
        Effusion e = es.get(0);
        String side = ChestGeometry.sideName(e.side());
        if (small && r.nextDouble() < 0.5) {
          set(EFFUSION, UNCERTAIN);
          body.add(
              pick(
                  "Possible small " + side + " pleural effusion.",
                  "Blunting of the "
                      + side
                      + " costophrenic angle may represent a small effusion "
                      + "or pleural thickening."));
          impression.add("Possible small " + side + " pleural effusion.");
        } else {
          set(EFFUSION, PRESENT);
          body.add(
              pick(
                  cap(e.size()) + " " + side + " pleural effusion.",
                  "There is a "
                      + e.size()
                      + " "
                      + side
                      + " pleural effusion with blunting of the "
                      + side
                      + " costophrenic angle.",
                  cap(side) + " pleural effusion, " + e.size() + " in size."));
          impression.add(cap(e.size()) + " " + side + " pleural effusion.");
        }
      }
    }
    if (ptx) {
      Pneumothorax px = t.pneumothorax();
      String side = ChestGeometry.sideName(px.side());
      if ("small".equals(px.size()) && r.nextDouble() < 0.4) {
        set(PNEUMOTHORAX, UNCERTAIN);
        body.add(
            pick(
                "Possible small " + side + " apical pneumothorax.",
                "A faint line at the " + side + " apex may represent a small pneumothorax."));
        impression.add("Possible small " + side + " apical pneumothorax; consider repeat imaging.");
      } else {
        set(PNEUMOTHORAX, PRESENT);
        body.add(
            pick(
                cap(px.size()) + " " + side + " apical pneumothorax.",
                "There is a "
                    + px.size()
                    + " "
                    + side
                    + " pneumothorax with a visible pleural line "
                    + "at the apex.",
                cap(side)
                    + " apical pneumothorax measuring approximately "
                    + Math.round(px.gap() * 10)
                    + " mm."));
        impression.add(cap(px.size()) + " " + side + " pneumothorax.");
      }
    }
    double u = r.nextDouble();
    if (!eff && !ptx && u < 0.75) {
      set(EFFUSION, ABSENT);
      set(PNEUMOTHORAX, ABSENT);
      body.add(
          pick(
              "No pleural effusion or pneumothorax.",
              "No pneumothorax or pleural effusion.",
              "There is no pleural effusion or pneumothorax."));
    } else if (!eff && u < 0.8) {
      set(EFFUSION, ABSENT);
      body.add(pick("No pleural effusion.", "No effusion."));
    } else if (!ptx && u < 0.85) {
      set(PNEUMOTHORAX, ABSENT);
      body.add("No pneumothorax.");
    }
  }

  private void heart() {
    if (t.has(CARDIOMEGALY)) {
      if (t.ctr() < 0.58 && r.nextDouble() < 0.4) {
        set(CARDIOMEGALY, UNCERTAIN);
        body.add(
            pick(
                "Borderline enlargement of the cardiac silhouette.",
                "The heart size is at the upper limits of normal to mildly enlarged."));
        impression.add("Possible mild cardiomegaly.");
      } else {
        set(CARDIOMEGALY, PRESENT);
        body.add(
            pick(
                "The heart is enlarged.",
                "Cardiomegaly.",
                "The cardiac silhouette is enlarged.",
                t.ctr() > 0.6
                    ? "Moderate enlargement of the cardiac silhouette."
                    : "Mild cardiomegaly."));
        impression.add(pick("Cardiomegaly.", "Enlarged cardiac silhouette."));
      }
    } else if (r.nextDouble() < 0.85) {
      set(CARDIOMEGALY, ABSENT);
      body.add(
          pick(
              "Heart size is normal.",
              "The cardiomediastinal silhouette is within normal limits.",
              "Normal heart size.",
              "The heart is not enlarged."));
    } else {
      body.add("The mediastinal contours are unremarkable.");
    }
  }

  private void set(String finding, String state) {
    status.put(finding, state);
  }

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String cap(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
