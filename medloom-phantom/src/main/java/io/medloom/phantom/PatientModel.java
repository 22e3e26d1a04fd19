package io.medloom.phantom;

import java.util.SplittableRandom;

/**
 * Per-patient constants (derived only from (seed, patientNumber)) so that all studies of a patient
 * share sex, age and body habitus.
 *
 * @param scale overall body size factor (1 = average adult male)
 * @param fat subcutaneous fat thickness in cm
 * @param aorta aortic knob prominence (grows with age: unfolding)
 * @param boneDensity multiplier on bone attenuation (falls with age)
 * @param heartBase the patient's baseline cardiothoracic ratio when not cardiomegalic
 */
record PatientModel(
    int number,
    String sex,
    int ageYears,
    double scale,
    double fat,
    double aorta,
    double boneDensity,
    double heartBase) {

  static PatientModel of(long seed, int patientNumber) {
    SplittableRandom r = Seeds.rng(seed, Seeds.PATIENT, patientNumber);
    String sex = r.nextBoolean() ? "M" : "F";
    // Triangular-ish age distribution centred on the late fifties, like hospital chest films.
    int age = (int) Math.round(18 + 72 * (r.nextDouble() + r.nextDouble() + r.nextDouble()) / 3.0);
    double scale = Seeds.normal(r, "M".equals(sex) ? 1.0 : 0.93, 0.045);
    double fat = Seeds.range(r, 0.4, 3.2);
    double aorta = 0.5 + 0.9 * (age - 18) / 72.0 + Seeds.range(r, -0.2, 0.2);
    double bone = 1.08 - 0.25 * Math.max(0, age - 40) / 50.0 + Seeds.range(r, -0.05, 0.05);
    double heart = Seeds.range(r, 0.39, 0.46);
    return new PatientModel(patientNumber, sex, age, scale, fat, aorta, bone, heart);
  }

  boolean female() {
    return "F".equals(sex);
  }
}
