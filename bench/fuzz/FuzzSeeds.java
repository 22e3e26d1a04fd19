import io.medloom.testing.HostileFiles;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Seed corpora for bench/fuzz, made from the real sample files in ../shared/data: the smallest real
 * files as they are, and real images scaled down and re-encoded in the variants each reader has
 * (gray, colour, 16-bit, float, compressed TIFF, C and Fortran order npy, stored and deflated npz).
 * Usage: {@code java FuzzSeeds.java DATA_DIR OUT_DIR}; writes OUT_DIR/<reader>/...
 */
public final class FuzzSeeds {
  private static final int MAX_SEED = 256 << 10;

  public static void main(String[] args) throws Exception {
    ImageIO.setUseCache(false);
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<Path> pngs = smallest(data.resolve("busi"), ".png", 6);
    pngs.addAll(smallest(data.resolve("covid-chestxray/images"), ".png", 4));
    List<Path> jpgs = smallest(data.resolve("covid-chestxray/images"), ".jpg", 6);
    List<BufferedImage> real = new ArrayList<>();
    for (Path p : List.of(pngs.get(0), pngs.get(pngs.size() - 1), jpgs.get(0), jpgs.get(1))) {
      real.add(ImageIO.read(p.toFile()));
    }
    for (Path p : smallest(data.resolve("busi"), ").png", 2)) {
      real.add(ImageIO.read(p.toFile())); // an ultrasound image, not a mask
    }

    Path png = dir(out, "png");
    copy(pngs, png);
    Path jpeg = dir(out, "jpeg");
    copy(jpgs, jpeg);
    Path tiff = dir(out, "tiff");
    int n = 0;
    for (BufferedImage img : real) {
      BufferedImage gray = scaled(img, 96, BufferedImage.TYPE_BYTE_GRAY);
      BufferedImage rgb = scaled(img, 64, BufferedImage.TYPE_3BYTE_BGR);
      BufferedImage gray16 = scaled(img, 64, BufferedImage.TYPE_USHORT_GRAY);
      Files.write(png.resolve("gray" + n + ".png"), encode(gray, "png", null));
      Files.write(png.resolve("rgb" + n + ".png"), encode(rgb, "png", null));
      Files.write(png.resolve("gray16-" + n + ".png"), encode(gray16, "png", null));
      Files.write(jpeg.resolve("gray" + n + ".jpg"), encode(gray, "jpeg", null));
      Files.write(jpeg.resolve("rgb" + n + ".jpg"), encode(rgb, "jpeg", null));
      Files.write(jpeg.resolve("progressive" + n + ".jpg"), encode(gray, "jpeg", "progressive"));
      Files.write(tiff.resolve("gray" + n + ".tif"), encode(gray, "tiff", null));
      Files.write(tiff.resolve("rgb" + n + ".tif"), encode(rgb, "tiff", null));
      Files.write(tiff.resolve("gray16-" + n + ".tif"), encode(gray16, "tiff", null));
      for (String c : List.of("LZW", "Deflate", "PackBits")) {
        Files.write(tiff.resolve(c + n + ".tif"), encode(gray, "tiff", c));
      }
      Files.write(tiff.resolve("float" + n + ".tif"), floatTiff(gray));
      n++;
    }

    Path dicom = dir(out, "dicom");
    try (Stream<Path> s = Files.walk(data.resolve("dicom-samples"))) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".md") && !name.endsWith(".txt") && Files.size(p) <= MAX_SEED) {
          Files.copy(p, dicom.resolve(data.relativize(p).toString().replace('/', '_')));
        }
      }
    }

    Path nifti = dir(out, "nifti");
    try (Stream<Path> s = Files.walk(data.resolve("nifti-samples"))) {
      for (Path p : s.filter(f -> f.toString().contains(".nii")).sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".txt") || name.endsWith(".lut")) {
          continue;
        }
        if (Files.size(p) <= MAX_SEED) {
          Files.copy(p, nifti.resolve(name));
        }
        if (name.endsWith(".gz")) {
          byte[] raw;
          try (var in = new GZIPInputStream(Files.newInputStream(p))) {
            raw = in.readNBytes(MAX_SEED + 1);
          }
          if (raw.length <= MAX_SEED) {
            Files.write(nifti.resolve(name.replace(".gz", "")), raw);
          }
        }
      }
    }

    Path npy = dir(out, "npy");
    Path npz = dir(out, "npz");
    List<String> names = new ArrayList<>();
    List<byte[]> arrays = new ArrayList<>();
    try (ZipInputStream z = new ZipInputStream(
        Files.newInputStream(data.resolve("medmnist/pneumoniamnist.npz")))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        byte[] a = z.readAllBytes();
        String key = e.getName().replace(".npy", "");
        if (a.length <= MAX_SEED) {
          Files.write(npy.resolve(key + ".npy"), a);
        }
        names.add(key);
        arrays.add(a);
      }
    }
    List<byte[]> small = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      small.add(firstRows(arrays.get(i), 8));
      Files.write(npy.resolve(names.get(i) + "-8.npy"), small.get(i));
    }
    for (int method : List.of(ZipEntry.STORED, ZipEntry.DEFLATED)) {
      Files.write(npz.resolve("pneumoniamnist-8-" + method + ".npz"), zip(names, small, method));
    }

    Path yaml = dir(out, "yaml");
    Files.writeString(
        yaml.resolve("info.yaml"),
        """
        id: pneumonia
        name: "Pneumonia (chest X-ray)"
        license: CC BY 4.0
        tasks:
        - task_name: pneumonia
          task_target: BINARY_CLASSIFICATION
          labels: {0: normal, 1: pneumonia}
        - task_name: 'patient''s sex'
          task_target: BINARY_CLASSIFICATION
          labels:
            0: F
            1: "M"
        input_size: [1, 28, 28]
        total_num_samples: 3_166
        description: |
          A balanced subsample. # not a comment
          Second line.
        """);
    System.out.println("seeds written to " + out);
  }

  private static Path dir(Path out, String name) throws IOException {
    return Files.createDirectories(out.resolve(name));
  }

  private static List<Path> smallest(Path root, String suffix, int n) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return new ArrayList<>(
          s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(suffix))
              .sorted(Comparator.comparingLong(FuzzSeeds::size).thenComparing(Path::toString))
              .limit(n)
              .toList());
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void copy(List<Path> files, Path to) throws IOException {
    for (Path p : files) {
      Files.copy(p, to.resolve(p.getFileName().toString().replace(' ', '_')));
    }
  }

  private static BufferedImage scaled(BufferedImage src, int longer, int type) {
    double f = (double) longer / Math.max(src.getWidth(), src.getHeight());
    int w = Math.max(1, (int) Math.round(src.getWidth() * f));
    int h = Math.max(1, (int) Math.round(src.getHeight() * f));
    BufferedImage out = new BufferedImage(w, h, type);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** Encodes with ImageIO; {@code variant} is a TIFF compression name or "progressive" JPEG. */
  private static byte[] encode(BufferedImage img, String format, String variant)
      throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
    ImageWriteParam p = w.getDefaultWriteParam();
    if (variant != null && variant.equals("progressive")) {
      p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    } else if (variant != null) {
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionType(variant);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream o = ImageIO.createImageOutputStream(bytes)) {
      w.setOutput(o);
      w.write(null, new IIOImage(img, null, null), p);
    } finally {
      w.dispose();
    }
    return bytes.toByteArray();
  }

  private static byte[] floatTiff(BufferedImage gray) {
    int w = gray.getWidth();
    int h = gray.getHeight();
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        v[y * w + x] = gray.getRaster().getSample(x, y, 0) / 255f;
      }
    }
    return HostileFiles.floatTiff(w, h, v);
  }

  /** A valid .npy of the first {@code rows} rows of a C-order v1.0 .npy (header rewritten). */
  private static byte[] firstRows(byte[] npy, int rows) {
    int headerLen = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
    String header = new String(npy, 10, headerLen, StandardCharsets.ISO_8859_1);
    int open = header.indexOf("'shape': (") + "'shape': (".length();
    int comma = header.indexOf(',', open);
    int close = header.indexOf(')', open);
    int end = comma >= 0 && comma < close ? comma : close;
    long n = Long.parseLong(header.substring(open, end).trim());
    long dataLen = npy.length - 10 - headerLen;
    long rowBytes = dataLen / Math.max(1, n);
    int keep = (int) Math.min(rows, n);
    String dict = header.substring(0, open) + keep + header.substring(end);
    dict = dict.strip();
    String h = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length() + (int) (rowBytes * keep));
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put(npy, 0, 8).putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
    b.put(npy, 10 + headerLen, (int) (rowBytes * keep));
    return b.array();
  }

  private static byte[] zip(List<String> names, List<byte[]> arrays, int method)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < names.size(); i++) {
        ZipEntry e = new ZipEntry(names.get(i) + ".npy");
        e.setMethod(method);
        if (method == ZipEntry.STORED) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(arrays.get(i));
          e.setSize(arrays.get(i).length);
          e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(arrays.get(i));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
