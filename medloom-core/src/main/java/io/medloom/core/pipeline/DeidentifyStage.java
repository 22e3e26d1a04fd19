package io.medloom.core.pipeline;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.model.Identity;
import io.medloom.core.model.Sample;
import io.medloom.core.privacy.PathKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces patient and study identifiers with HMAC-SHA256 keyed hashes (first 128 bits, hex).
 *
 * <p>A keyed hash, not a plain one: identifiers such as medical record numbers come from a small
 * space, so an unkeyed hash could be reversed by trying them all. Without the per-build secret the
 * keys reveal nothing; with it, the same patient always gets the same key, so studies stay linked.
 * The sample's original path is stored as {@link PathKeys} says: paths carry identifiers too.
 */
public final class DeidentifyStage implements Stage.OneToOne {
  /** Length in hex characters of every key this stage writes. */
  public static final int KEY_HEX_LENGTH = 32;

  private final byte[] secret;
  private final PathKeys paths;

  /** Keys identifiers and leaves original paths as they are. */
  public DeidentifyStage(byte[] secret) {
    this(secret, PathKeys.asGiven());
  }

  /** Keys identifiers, and original paths as {@code paths} says (keyed unless paths=clear). */
  public DeidentifyStage(byte[] secret, PathKeys paths) {
    checkArgument(secret.length >= 16, "secret must be at least 16 bytes, got %s", secret.length);
    this.secret = secret.clone();
    this.paths = paths;
  }

  public Stage asStage() {
    return Stage.of("deidentify", this);
  }

  @Override
  public Sample apply(Sample sample) {
    Identity id =
        sample
            .identity()
            .orElseThrow(
                () -> new IllegalStateException("sample " + sample.id() + " has no identity"));
    String patient = key("patient", sample.source(), id.patientId());
    String study = key("study", sample.source(), id.patientId() + "\u0000" + id.studyId());
    return sample.deidentified(
        patient, study, paths.stored(sample.source(), sample.originalPath()));
  }

  private String key(String what, String source, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h =
          mac.doFinal(
              (what + "\u0000" + source + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, KEY_HEX_LENGTH / 2);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }
}
