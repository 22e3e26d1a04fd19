import io.medloom.core.image.Letterbox;
import io.medloom.core.image.PngEncoder;
import io.medloom.core.image.Raster;
import io.medloom.io.image.RasterFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MedLoom side of bench/standardize: decode -> gray -> letterbox resize -> PNG encode with the
 * build's own classes, one thread, N passes over the list (no separate warm-up: bench/standardize
 * measures the CPU time of the whole process, JIT included, as it does for the Pillow peer).
 * Prints: count best_pass_seconds total_png_bytes. With a third argument {@code decode}, only
 * decodes (the floor no build can go under: it must read every pixel the codec hands it) and
 * prints the decoded pixel count in place of the PNG bytes.
 */
public class StandardizeBench {
  public static void main(String[] args) throws Exception {
    List<Path> paths = Files.readAllLines(Path.of(args[0])).stream()
        .filter(l -> !l.isBlank()).map(Path::of).toList();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean decodeOnly = args.length > 2 && args[2].equals("decode");
    PngEncoder png = new PngEncoder();
    double best = Double.MAX_VALUE;
    long bytes = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      bytes = decodeOnly ? decode(paths) : run(paths, png);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    System.out.printf("%d %.4f %d%n", paths.size(), best, bytes);
  }

  // What a build does for a folder source at --size 224: a large JPEG may be decoded at reduced
  // scale in the DCT domain, never below 224.
  private static final RasterFiles.DecodeOptions options =
      new RasterFiles.DecodeOptions(Long.MAX_VALUE, true, 224);

  private static long decode(List<Path> paths) throws Exception {
    long pixels = 0;
    for (Path p : paths) {
      Raster r = RasterFiles.read(p, options);
      pixels += (long) r.width() * r.height();
    }
    return pixels;
  }

  private static long run(List<Path> paths, PngEncoder png) throws Exception {
    long bytes = 0;
    for (Path p : paths) {
      Raster r = RasterFiles.read(p, options).toGray();
      Raster out = Letterbox.fit(r.width(), r.height(), 224).apply(r);
      bytes += png.encode(out).length;
    }
    return bytes;
  }
}
