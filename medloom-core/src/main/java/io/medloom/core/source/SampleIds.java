package io.medloom.core.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable sample ids: SHA-256 of (source kind, path within the source, frame), first 128 bits in
 * hex. The location of the source root is left out on purpose, so moving a folder keeps its ids.
 */
public final class SampleIds {
  private SampleIds() {}

  public static String of(String kind, String path, int frame) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h =
          md.digest((kind + "\u0000" + path + "\u0000" + frame).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
