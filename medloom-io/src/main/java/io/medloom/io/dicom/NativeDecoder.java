package io.medloom.io.dicom;

import io.medloom.core.source.ReadBudget;
import io.medloom.io.dicom.codec.CodecException;
import io.medloom.io.dicom.codec.DecodedFrame;
import io.medloom.io.dicom.codec.Jpeg2000Decoder;
import io.medloom.io.dicom.codec.JpegDecoder;
import io.medloom.io.dicom.codec.JpegLsDecoder;
import io.medloom.io.dicom.codec.RleDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default decoder: MedLoom's own data set parser and codecs, nothing outside Maven Central.
 * Uncompressed (implicit/explicit VR, either endian), deflated, RLE, JPEG baseline, extended (8 and
 * 12 bit) and lossless, JPEG-LS lossless and near-lossless, and JPEG 2000 (through the jai-imageio
 * plug-in).
 */
final class NativeDecoder {
  private NativeDecoder() {}

  static DicomImage decode(Path file, DicomPreamble preamble, ReadBudget budget)
      throws IOException {
    DicomDataset ds = parse(file, preamble, budget);
    StoredImage stored = stored(file, ds, budget);
    return image(ds, stored, preamble);
  }

  static DicomDataset parse(Path file, DicomPreamble preamble, ReadBudget budget)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return DicomDataset.parse(
          bytes,
          preamble,
          in -> budget.limit(in, "deflated DICOM data set of " + file.getFileName()));
    } catch (RuntimeException e) {
      throw new IOException("damaged DICOM: " + file + ": " + e, e);
    }
  }

  /** The stored values of every frame, or an exception that names what is wrong. */
  static StoredImage stored(Path file, DicomDataset ds, ReadBudget budget) throws IOException {
    String ts = ds.transferSyntax();
    if (!ds.hasPixelData()) {
      throw noPixels(file, ds);
    }
    Optional<String> cut = ds.truncation();
    if (cut.isPresent()) {
      throw DicomErrors.truncated(file, cut.get());
    }
    PixelModule m = PixelModule.of(ds);
    if (m.rows() == 0 || m.columns() == 0) {
      throw DicomErrors.undecodable(
          file, ts, "the Pixel Data element has no Rows/Columns to go with it", null);
    }
    if (m.samplesPerPixel() != 1 && m.samplesPerPixel() != 3) {
      throw DicomErrors.undecodable(file, ts, m.samplesPerPixel() + " samples per pixel", null);
    }
    DicomBudget.check(
        file, m.rows(), m.columns(), m.frames(), m.samplesPerPixel(), m.bitsAllocated(), budget);
    TransferSyntax syntax = TransferSyntax.of(ts);
    if (syntax == TransferSyntax.UNSUPPORTED) {
      throw DicomErrors.unsupported(file, ts);
    }
    List<int[]> frames;
    String photometric = m.photometric();
    try {
      if (!ds.encapsulated()) {
        frames = NativePixels.frames(ds.nativePixels(), m, ds.bigEndian());
        if (photometric.equals("YBR_FULL_422")) {
          photometric = "YBR_FULL";
        }
        for (int[] f : frames) {
          mask(f, m, m.bitsAllocated());
        }
      } else {
        if (!syntax.encapsulated()) {
          throw new CodecException("encapsulated pixel data in an uncompressed transfer syntax");
        }
        List<byte[]> parts = EncapsulatedFrames.split(ds.fragments(), ds.offsetTable(), m.frames());
        if (parts.size() < m.frames()) {
          throw DicomErrors.truncated(
              file, "pixel data holds " + parts.size() + " of " + m.frames() + " frames");
        }
        frames = new ArrayList<>(m.frames());
        boolean toRgb = photometric.startsWith("YBR_FULL") || photometric.equals("YBR_422");
        for (int f = 0; f < m.frames(); f++) {
          DecodedFrame d = decodeFrame(syntax, parts.get(f), m, toRgb);
          if (d.width() != m.columns()
              || d.height() != m.rows()
              || d.components() != m.samplesPerPixel()) {
            throw new CodecException(
                String.format(
                    "frame %d decodes to %dx%dx%d, the header says %dx%dx%d",
                    f,
                    d.width(),
                    d.height(),
                    d.components(),
                    m.columns(),
                    m.rows(),
                    m.samplesPerPixel()));
          }
          if (d.convertedToRgb()) {
            photometric = "RGB";
          }
          int[] v = d.samples();
          mask(v, m, d.precision());
          frames.add(v);
        }
      }
    } catch (CodecException e) {
      throw DicomErrors.undecodable(file, ts, e.getMessage(), e);
    } catch (RuntimeException e) {
      // A stream damaged in a way no check above anticipated (an index past a table, say): still
      // one bad file, reported as such, never an exception that escapes the reader.
      throw DicomErrors.undecodable(file, ts, "damaged compressed data (" + e + ")", e);
    }
    if (photometric.equals("PALETTE COLOR")) {
      return PaletteColour.expand(ds, m, frames);
    }
    return new StoredImage(
        m.columns(),
        m.rows(),
        m.samplesPerPixel(),
        photometric,
        m.bitsStored(),
        m.signed(),
        frames);
  }

  private static DecodedFrame decodeFrame(
      TransferSyntax syntax, byte[] data, PixelModule m, boolean toRgb) throws IOException {
    return switch (syntax) {
      case RLE ->
          RleDecoder.decode(data, m.columns(), m.rows(), m.samplesPerPixel(), m.bitsAllocated());
      case JPEG -> JpegDecoder.decode(data, toRgb, m.columns(), m.rows());
      case JPEG_LS -> JpegLsDecoder.decode(data, m.columns(), m.rows());
      case JPEG_2000 -> Jpeg2000Decoder.decode(data);
      default -> throw new CodecException("no codec for " + syntax);
    };
  }

  private static void mask(int[] v, PixelModule m, int precision) {
    if (m.bitsStored() >= 32 || (!m.signed() && precision <= m.bitsStored())) {
      return;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = m.stored(v[i], precision);
    }
  }

  /** No Pixel Data: a non-image SOP class says so, an image class says the element is missing. */
  private static IOException noPixels(Path file, DicomDataset ds) {
    Optional<String> cut = ds.truncation();
    if (cut.isPresent()) {
      return DicomErrors.truncated(file, cut.get());
    }
    String sop = ds.string(0x0008, 0x0016);
    if (sop.isEmpty()) {
      sop = ds.string(0x0002, 0x0002);
    }
    if (DicomUids.isImageStorage(sop)) {
      return DicomErrors.missingPixelData(file, sop);
    }
    return DicomErrors.noPixelData(file, sop);
  }

  static DicomImage image(DicomDataset ds, StoredImage s, DicomPreamble preamble) {
    boolean colour = s.samplesPerPixel() == 3;
    double slope = colour ? 1 : ds.number(0x0028, 0x1053, 1);
    double intercept = colour ? 0 : ds.number(0x0028, 0x1052, 0);
    List<float[]> frames = new ArrayList<>(s.frames().size());
    for (int f = 0; f < s.frames().size(); f++) {
      int[] v = s.frames().get(f);
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) (s.value(f, i) * slope + intercept);
      }
      frames.add(out);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (DicomMetaTag t : DicomMetaTag.values()) {
      String v = ds.string(t.group, t.element);
      if (!v.isEmpty()) {
        meta.put(t.name(), v);
      }
    }
    if (!preamble.transferSyntax().isEmpty()) {
      meta.put(DicomMetaTag.TransferSyntaxUID.name(), preamble.transferSyntax());
    }
    double c = ds.number(0x0028, 0x1050, Double.NaN);
    double w = ds.number(0x0028, 0x1051, Double.NaN);
    Optional<double[]> window =
        Double.isNaN(c) || Double.isNaN(w) || w <= 0
            ? Optional.empty()
            : Optional.of(new double[] {c, w});
    return new DicomImage(
        s.width(),
        s.height(),
        frames.size(),
        s.samplesPerPixel(),
        s.photometric(),
        frames,
        window,
        meta,
        DicomReader.MEDLOOM);
  }
}
