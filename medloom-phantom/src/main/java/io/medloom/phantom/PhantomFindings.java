package io.medloom.phantom;

import java.util.List;

/** The closed vocabulary of study-level findings produced by the phantom generator. */
public final class PhantomFindings {
  public static final String NO_FINDING = "no finding";
  public static final String CARDIOMEGALY = "cardiomegaly";
  public static final String EFFUSION = "pleural effusion";
  public static final String PNEUMOTHORAX = "pneumothorax";
  public static final String NODULE = "nodule";
  public static final String MASS = "mass";
  public static final String CONSOLIDATION = "consolidation";
  public static final String SUPPORT_DEVICES = "support devices";

  /** Canonical order; {@link PhantomImage#findings()} is always sorted in this order. */
  public static final List<String> FINDINGS =
      List.of(
          NO_FINDING,
          CARDIOMEGALY,
          EFFUSION,
          PNEUMOTHORAX,
          NODULE,
          MASS,
          CONSOLIDATION,
          SUPPORT_DEVICES);

  /** Report mention states used in {@link PhantomImage#reported()}. */
  public static final String PRESENT = "present";

  public static final String ABSENT = "absent";
  public static final String UNCERTAIN = "uncertain";
  public static final String NOT_MENTIONED = "not mentioned";

  private PhantomFindings() {}
}
