package io.medloom.io.dicom;

import ij.Prefs;
import ij.io.FileInfo;
import ij.io.ImageReader;
import ij.plugin.DICOM;
import io.medloom.core.source.ReadBudget;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fallback decoder: ImageJ's DICOM plugin, which handles the three uncompressed transfer
 * syntaxes only. ImageJ reports failure by returning an image of width 0 without an exception
 * (STACK.md section 3), so every result is checked and turned into a message that says why.
 */
final class ImageJDecoder {
  private ImageJDecoder() {}

  static DicomImage decode(Path file, DicomPreamble preamble) throws IOException {
    return decode(file, preamble, ReadBudget.standard());
  }

  static DicomImage decode(Path file, DicomPreamble preamble, ReadBudget budget)
      throws IOException {
    String ts = preamble.transferSyntax();
    if (!DicomUids.imageJCanDecode(ts)) {
      // Checked before opening: ImageJ would return an empty image, or throw for deflate.
      throw DicomErrors.needsPixelMed(file, ts);
    }
    DicomElements.check(file, preamble, budget, true);
    Map<String, String> info;
    try {
      info = parseInfo(new DICOM().getInfo(file.toAbsolutePath().toString()));
    } catch (RuntimeException e) {
      throw new IOException("ImageJ cannot parse the DICOM header of " + file + ": " + e, e);
    } catch (OutOfMemoryError e) {
      // A single value allocated at a length the element walk above did not see the way ImageJ
      // does: the failed allocation left nothing behind, so the file is only a bad input.
      throw new IOException(
          "ImageJ cannot parse the DICOM header of " + file + ": a value longer than memory", e);
    }
    if ("1".equals(info.get("0028,0100"))) {
      // Checked first: on 1-bit data (segmentations) ImageJ prints errors and throws an NPE.
      throw DicomErrors.undecodable(
          file, ts, "ImageJ cannot unpack 1-bit pixel data; " + DicomErrors.INSTALL_HINT, null);
    }
    DicomBudget.check(
        file,
        DicomBudget.number(info.get("0028,0010"), 0),
        DicomBudget.number(info.get("0028,0011"), 0),
        DicomBudget.number(info.get("0028,0008"), 1),
        DicomBudget.number(info.get("0028,0002"), 1),
        DicomBudget.number(info.get("0028,0100"), 16),
        budget);
    DICOM imp = open(file);
    FileInfo fi = imp == null ? null : imp.getOriginalFileInfo();
    if (imp == null || imp.getWidth() == 0 || fi == null || fi.width == 0) {
      throw emptyResult(file, ts, info);
    }
    int spp = (int) number(info.get("0028,0002"), 1);
    boolean rgb = fi.fileType == FileInfo.RGB || fi.fileType == FileInfo.RGB_PLANAR;
    if (spp == 3 && !rgb) {
      // e.g. YBR_FULL_422, which ImageJ unpacks as grey garbage.
      throw DicomErrors.undecodable(
          file,
          ts,
          "ImageJ cannot unpack photometric "
              + info.get("0028,0004")
              + "; "
              + DicomErrors.INSTALL_HINT,
          null);
    }
    String truncation = truncation(file, fi);
    if (truncation != null) {
      throw DicomErrors.truncated(file, truncation);
    }
    List<float[]> frames = readFrames(file, fi);
    if (!rgb) {
      double slope = number(info.get("0028,1053"), 1);
      double intercept = number(info.get("0028,1052"), 0);
      frames.forEach(v -> PixelValues.rescale(v, slope, intercept));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (DicomMetaTag t : DicomMetaTag.values()) {
      String v = info.get(t.imageJKey());
      if (v != null && !v.isEmpty()) {
        meta.put(t.name(), v);
      }
    }
    if (!ts.isEmpty()) {
      meta.put(DicomMetaTag.TransferSyntaxUID.name(), ts);
    }
    String photometric = info.getOrDefault("0028,0004", rgb ? "RGB" : "MONOCHROME2");
    return new DicomImage(
        fi.width,
        fi.height,
        frames.size(),
        rgb ? 3 : 1,
        photometric,
        frames,
        window(info),
        meta,
        DicomReader.IMAGEJ);
  }

  /**
   * Opens the file for its header and pixel layout only. ImageJ post-processes rescaled images
   * through IJ.run("32-bit"/"Multiply..."), which needs a GUI (HeadlessException) or silently does
   * nothing headless; ignoreRescaleSlope keeps it off that path, and the rescale is applied here
   * from the header instead. The pref is global, hence restored and the call synchronized. Returns
   * null when ImageJ throws.
   */
  private static synchronized DICOM open(Path file) {
    boolean savedIgnore = Prefs.ignoreRescaleSlope;
    boolean savedFloat = Prefs.openDicomsAsFloat;
    Prefs.ignoreRescaleSlope = true;
    Prefs.openDicomsAsFloat = false;
    try {
      DICOM imp = new DICOM();
      imp.open(file.toAbsolutePath().toString());
      return imp;
    } catch (RuntimeException e) {
      // ImageJ fails with NullPointerExceptions on layouts it cannot unpack (1-bit segmentations);
      // the caller explains from the header what was found.
      return null;
    } finally {
      Prefs.ignoreRescaleSlope = savedIgnore;
      Prefs.openDicomsAsFloat = savedFloat;
    }
  }

  /**
   * Reads the stored values again with ImageJ's raw reader, bypassing the display adjustments of
   * DICOM.open (inverted LUTs, calibration functions). ImageJ stores signed 16-bit data with +32768
   * added; that is undone here so signed data comes out signed.
   */
  private static List<float[]> readFrames(Path file, FileInfo fi) throws IOException {
    List<float[]> frames = new ArrayList<>();
    ImageReader reader = new ImageReader(fi);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      long skip = fi.getOffset();
      for (int i = 0; i < Math.max(1, fi.nImages); i++) {
        Object px = reader.readPixels(in, skip);
        if (px == null) {
          throw new IOException("ImageJ could not read frame " + i + " of " + file);
        }
        frames.add(toFloats(px, fi.fileType == FileInfo.GRAY16_SIGNED));
        skip = fi.getGap();
      }
    }
    return frames;
  }

  private static float[] toFloats(Object px, boolean signed16) {
    if (px instanceof byte[] b) {
      float[] v = new float[b.length];
      for (int i = 0; i < b.length; i++) {
        v[i] = b[i] & 0xff;
      }
      return v;
    }
    if (px instanceof short[] s) {
      float[] v = new float[s.length];
      for (int i = 0; i < s.length; i++) {
        v[i] = signed16 ? (s[i] & 0xffff) - 32768 : s[i] & 0xffff;
      }
      return v;
    }
    if (px instanceof float[] f) {
      return f;
    }
    if (px instanceof int[] c) {
      float[] v = new float[c.length * 3];
      for (int i = 0; i < c.length; i++) {
        v[3 * i] = (c[i] >> 16) & 0xff;
        v[3 * i + 1] = (c[i] >> 8) & 0xff;
        v[3 * i + 2] = c[i] & 0xff;
      }
      return v;
    }
    throw new IllegalStateException("unexpected ImageJ pixel array " + px.getClass());
  }

  /** An empty ImageJ result means no pixel data, or pixel data ImageJ cannot unpack. */
  private static IOException emptyResult(Path file, String ts, Map<String, String> info) {
    boolean hasGeometry = info.containsKey("0028,0010") && info.containsKey("0028,0011");
    if (!hasGeometry) {
      String sop = info.getOrDefault("0008,0016", info.getOrDefault("0002,0002", ""));
      return DicomErrors.noPixelData(file, sop);
    }
    return DicomErrors.undecodable(
        file,
        ts,
        "ImageJ returned an empty image (bits allocated "
            + info.getOrDefault("0028,0100", "?")
            + ", photometric "
            + info.getOrDefault("0028,0004", "?")
            + "); "
            + DicomErrors.INSTALL_HINT,
        null);
  }

  /**
   * ImageJ silently zero-fills a short Pixel Data value; compare the bytes after the pixel data
   * offset with what the header needs.
   */
  private static String truncation(Path file, FileInfo fi) throws IOException {
    long needed = (long) fi.width * fi.height * Math.max(1, fi.nImages) * fi.getBytesPerPixel();
    long available = Files.size(file) - fi.getOffset();
    return available < needed
        ? "pixel data has " + available + " bytes, the header needs " + needed
        : null;
  }

  private static Optional<double[]> window(Map<String, String> info) {
    double c = firstNumber(info.get("0028,1050"));
    double w = firstNumber(info.get("0028,1051"));
    return Double.isNaN(c) || Double.isNaN(w) || w <= 0
        ? Optional.empty()
        : Optional.of(new double[] {c, w});
  }

  private static double number(String s, double fallback) {
    double v = firstNumber(s);
    return Double.isNaN(v) ? fallback : v;
  }

  private static double firstNumber(String s) {
    if (s == null || s.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.split("\\\\")[0].trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** ImageJ's info text has lines like "0008,0060 Modality: CT"; keyed by "0008,0060". */
  static Map<String, String> parseInfo(String info) {
    Map<String, String> out = new HashMap<>();
    if (info == null) {
      return out;
    }
    for (String line : info.split("\n")) {
      if (line.length() < 11 || line.charAt(4) != ',') {
        continue;
      }
      String key = line.substring(0, 9).toUpperCase();
      int colon = line.indexOf(':', 9);
      String value = colon < 0 ? "" : line.substring(colon + 1).trim();
      out.putIfAbsent(key, value); // the first occurrence: nested sequence items come later
    }
    return out;
  }
}
