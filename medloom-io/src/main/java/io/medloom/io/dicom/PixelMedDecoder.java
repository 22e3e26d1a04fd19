package io.medloom.io.dicom;

import io.medloom.core.source.ReadBudget;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decodes a DICOM file with PixelMed (all codecs PixelMed and the ImageIO plugins know). */
final class PixelMedDecoder {
  private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

  private final PixelMedBridge pm;

  PixelMedDecoder(PixelMedBridge pm) {
    this.pm = pm;
  }

  DicomImage decode(Path file, DicomPreamble preamble, ReadBudget budget) throws IOException {
    DicomElements.check(file, preamble, budget, false);
    checkDeclaredSize(file, budget);
    Object list;
    try {
      list = pm.readList(file);
    } catch (EOFException e) {
      throw DicomErrors.truncated(file, "the file ends inside a data element");
    } catch (IOException e) {
      throw new IOException("cannot read DICOM file " + file + ": " + e.getMessage(), e);
    } catch (Exception e) {
      // PixelMed decompresses while reading, so codec failures surface here too.
      String ts = preamble.transferSyntax();
      if (!DicomUids.imageJCanDecode(ts)) {
        throw DicomErrors.undecodable(file, ts, "PixelMed: " + e.getMessage(), e);
      }
      throw new IOException("not a readable DICOM data set: " + file + ": " + e, e);
    }
    try {
      return decodeList(file, preamble, list, budget);
    } catch (IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IOException("PixelMed failed on " + file + ": " + e, e);
    } catch (Exception e) {
      throw new IOException("PixelMed failed on " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the header up to Pixel Data and checks the declared pixel module against the budget, so
   * that neither a deflated nor an encapsulated object gets decoded into more than it allows. A
   * header PixelMed cannot read is left to the full read, which names the problem.
   */
  private void checkDeclaredSize(Path file, ReadBudget budget) throws IOException {
    Object head;
    try {
      head = pm.readHeader(file);
    } catch (Exception e) {
      return;
    }
    try {
      checkBudget(file, head, budget);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      // an unreadable value: the full read reports it
    }
  }

  private void checkBudget(Path file, Object list, ReadBudget budget) throws Exception {
    DicomBudget.check(
        file,
        (long) first(pm.doubles(list, 0x0028, 0x0010), 0),
        (long) first(pm.doubles(list, 0x0028, 0x0011), 0),
        (long) first(pm.doubles(list, 0x0028, 0x0008), 1),
        (long) first(pm.doubles(list, 0x0028, 0x0002), 1),
        (long) first(pm.doubles(list, 0x0028, 0x0100), 16),
        budget);
  }

  private DicomImage decodeList(Path file, DicomPreamble preamble, Object list, ReadBudget budget)
      throws Exception {
    String ts = pm.string(list, 0x0002, 0x0010);
    if (ts.isEmpty()) {
      ts = preamble.transferSyntax();
    }
    Object pixels = pm.pixelData(list);
    if (pixels == null) {
      Optional<String> cut = PixelDataProbe.truncation(file);
      if (cut.isPresent()) {
        throw DicomErrors.truncated(file, cut.get());
      }
      String sopClass = pm.string(list, 0x0008, 0x0016);
      if (sopClass.isEmpty()) {
        sopClass = pm.string(list, 0x0002, 0x0002); // DICOMDIR has only the media storage class
      }
      throw DicomErrors.noPixelData(file, sopClass);
    }
    int rows = (int) first(pm.doubles(list, 0x0028, 0x0010), 0);
    int cols = (int) first(pm.doubles(list, 0x0028, 0x0011), 0);
    int spp = (int) first(pm.doubles(list, 0x0028, 0x0002), 1);
    int bitsAllocated = (int) first(pm.doubles(list, 0x0028, 0x0100), 16);
    int declaredFrames = Math.max(1, (int) first(pm.doubles(list, 0x0028, 0x0008), 1));
    String declaredPhotometric = pm.string(list, 0x0028, 0x0004);
    // YBR_*_422 stores two luma and one shared pair of chroma samples per two pixels.
    int storedSpp = declaredPhotometric.endsWith("_422") ? 2 : spp;
    checkComplete(file, pixels, (long) rows * cols * storedSpp * declaredFrames, bitsAllocated);
    checkBudget(file, list, budget);

    Object source;
    try {
      source = pm.sourceImage(list);
    } catch (Exception e) {
      if (DicomUids.imageJCanDecode(ts)) {
        // SourceImage has no model for some uncompressed layouts (32-bit grey, e.g. RT dose)
        // that ImageJ reads fine.
        return ImageJDecoder.decode(file, preamble, budget);
      }
      throw DicomErrors.undecodable(file, ts, "PixelMed: " + e.getMessage(), e);
    }
    int n = pm.frameCount(source);
    boolean signed = pm.isSigned(source);
    double slope = first(pm.doubles(list, 0x0028, 0x1053), 1);
    double intercept = first(pm.doubles(list, 0x0028, 0x1052), 0);
    List<float[]> frames = new ArrayList<>(n);
    int width = 0;
    int height = 0;
    int bands = 0;
    for (int i = 0; i < n; i++) {
      BufferedImage bi;
      try {
        bi = pm.frame(source, i);
      } catch (Exception e) {
        throw DicomErrors.undecodable(file, ts, "PixelMed frame " + i + ": " + e.getMessage(), e);
      }
      if (bi == null) {
        throw DicomErrors.undecodable(file, ts, "PixelMed returned no image for frame " + i, null);
      }
      width = bi.getWidth();
      height = bi.getHeight();
      bands = bi.getRaster().getNumBands();
      float[] v = bi.getRaster().getPixels(0, 0, width, height, (float[]) null);
      if (bands == 1 && signed && isUnsignedBuffer(bi)) {
        // Codecs (JPEG 2000) hand back unsigned rasters for signed data: re-apply the sign.
        PixelValues.signExtend(v, (int) first(pm.doubles(list, 0x0028, 0x0101), bitsAllocated));
      }
      if (bands == 1) {
        PixelValues.rescale(v, slope, intercept);
      }
      frames.add(v);
    }
    if (bands != 1 && bands != 3) {
      throw DicomErrors.undecodable(file, ts, "PixelMed gave " + bands + " bands per pixel", null);
    }
    String photometric = photometric(list);
    Map<String, String> meta = new LinkedHashMap<>();
    for (DicomMetaTag t : DicomMetaTag.values()) {
      String value = pm.string(list, t.group, t.element);
      if (!value.isEmpty()) {
        meta.put(t.name(), value);
      }
    }
    if (!ts.isEmpty()) {
      meta.put(DicomMetaTag.TransferSyntaxUID.name(), ts);
    }
    return new DicomImage(
        width, height, n, bands, photometric, frames, window(list), meta, DicomReader.PIXELMED);
  }

  /** PixelMed converts JPEG YBR to RGB while decompressing; report what the values are. */
  private String photometric(Object list) throws Exception {
    String declared = pm.string(list, 0x0028, 0x0004);
    try {
      String decompressed = pm.decompressedPhotometric(list);
      return decompressed == null || decompressed.isBlank() ? declared : decompressed.trim();
    } catch (Exception e) {
      return declared;
    }
  }

  private Optional<double[]> window(Object list) throws Exception {
    double[] c = pm.doubles(list, 0x0028, 0x1050);
    double[] w = pm.doubles(list, 0x0028, 0x1051);
    return c.length > 0 && w.length > 0 && w[0] > 0
        ? Optional.of(new double[] {c[0], w[0]})
        : Optional.empty();
  }

  /**
   * PixelMed reads a short Pixel Data value without complaint and pads the image with zeros, so a
   * cut-off file would pass as a valid image; compare the stored length with what the header needs.
   */
  private void checkComplete(Path file, Object pixels, long samples, int bitsAllocated)
      throws Exception {
    long vl = pm.valueLength(pixels);
    if (vl == UNDEFINED_LENGTH || vl == 0) {
      return; // encapsulated (compressed): the codec reports damage itself
    }
    long needed = bitsAllocated == 1 ? (samples + 7) / 8 : samples * (bitsAllocated / 8);
    if (vl < needed) {
      throw DicomErrors.truncated(
          file, "pixel data has " + vl + " bytes, the header needs " + needed);
    }
  }

  private static boolean isUnsignedBuffer(BufferedImage bi) {
    int type = bi.getRaster().getDataBuffer().getDataType();
    return type == DataBuffer.TYPE_USHORT || type == DataBuffer.TYPE_BYTE;
  }

  private static double first(double[] v, double fallback) {
    return v.length > 0 ? v[0] : fallback;
  }
}
