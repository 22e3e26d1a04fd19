package io.medloom.core.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable sample ids: SHA-256 of (source id, path within the source, frame), first 128 bits in hex.
 *
 * <p>Ids are unique by construction in a build: a source lists each of its inputs once (a table
 * that names one image on two rows rejects the later row), a frame number is unique within its
 * input, and the source id tells the build's sources apart. A source computes {@link #of} with its
 * kind as the source id, which leaves the location of the source root out on purpose, so moving a
 * folder keeps its ids. When a build holds several sources of one kind, the build scopes their ids
 * with {@link #inSource}, since two folders may well hold the same relative paths.
 */
public final class SampleIds {
  private SampleIds() {}

  public static String of(String kind, String path, int frame) {
    return hash(kind + "\u0000" + path + "\u0000" + frame);
  }

  /**
   * The id of a sample whose source shares its kind with another source of the same build: the
   * source's name ({@code kind:location}) joins the id, so equal relative paths in two sources give
   * two ids.
   */
  public static String inSource(String sourceName, String id) {
    return hash("in-source\u0000" + sourceName + "\u0000" + id);
  }

  private static String hash(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h = md.digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
