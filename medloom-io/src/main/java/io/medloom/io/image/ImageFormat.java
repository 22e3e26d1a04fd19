package io.medloom.io.image;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** 2-D image file formats the raster reader decodes, recognised by their magic bytes. */
public enum ImageFormat {
  PNG(Set.of("png")),
  JPEG(Set.of("jpg", "jpeg", "jpe")),
  BMP(Set.of("bmp")),
  TIFF(Set.of("tif", "tiff")),
  GIF(Set.of("gif"));

  private final Set<String> extensions;

  ImageFormat(Set<String> extensions) {
    this.extensions = extensions;
  }

  public Set<String> extensions() {
    return extensions;
  }

  /** The format a file's first bytes announce, if any. */
  public static Optional<ImageFormat> sniff(byte[] head, int n) {
    if (n >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
      return Optional.of(PNG);
    }
    if (n >= 3
        && (head[0] & 0xff) == 0xFF
        && (head[1] & 0xff) == 0xD8
        && (head[2] & 0xff) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (n >= 2 && head[0] == 'B' && head[1] == 'M') {
      return Optional.of(BMP);
    }
    if (n >= 4
        && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
            || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
      return Optional.of(TIFF);
    }
    if (n >= 4 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8') {
      return Optional.of(GIF);
    }
    return Optional.empty();
  }

  /** The format a file name's extension claims, if it is one of ours. */
  public static Optional<ImageFormat> byExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (ImageFormat f : values()) {
      if (f.extensions.contains(ext)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
