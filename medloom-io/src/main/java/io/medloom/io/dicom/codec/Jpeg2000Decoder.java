package io.medloom.io.dicom.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG 2000 (.90/.91) through the jai-imageio JPEG 2000 plug-in from Maven Central. The raster is
 * read without colour management, so the samples are the codestream's after its inverse component
 * transform (YBR_RCT/YBR_ICT come out as RGB).
 */
public final class Jpeg2000Decoder {
  private Jpeg2000Decoder() {}

  public static DecodedFrame decode(byte[] d) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg2000");
    if (!readers.hasNext()) {
      throw new CodecException(
          "no JPEG 2000 ImageIO reader on the class path (jai-imageio-jpeg2000)");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(d))) {
      reader.setInput(in);
      Raster r = reader.readRaster(0, null);
      int w = r.getWidth();
      int h = r.getHeight();
      int n = r.getNumBands();
      int[] out = r.getPixels(r.getMinX(), r.getMinY(), w, h, (int[]) null);
      int bits = r.getSampleModel().getSampleSize(0);
      return new DecodedFrame(w, h, n, bits, out, false);
    } catch (RuntimeException e) {
      throw new CodecException("JPEG 2000 decoder failed: " + e);
    } finally {
      reader.dispose();
    }
  }
}
