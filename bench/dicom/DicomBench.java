import io.medloom.io.dicom.DicomReader;
import io.medloom.io.dicom.StoredImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MedLoom's side of bench/dicom: decodes every file of a group (one transfer syntax) to its
 * native raster, single-threaded, after a warm-up, until at least MIN_SECONDS have passed.
 * Prints "label seconds_per_pass megapixels" per group.
 *
 * <p>Usage: DicomBench groups.txt, each line "label file file ...".
 */
public final class DicomBench {
  private static final double MIN_SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "3"));

  public static void main(String[] args) throws Exception {
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 2) {
        continue;
      }
      List<Path> files = new ArrayList<>();
      for (int i = 1; i < f.length; i++) {
        files.add(Path.of(f[i]));
      }
      double mpx = 0;
      for (Path p : files) {
        mpx += pass(List.of(p)); // also checks every file decodes
      }
      for (int i = 0; i < 3; i++) {
        pass(files); // warm-up: JIT compilation of the codec paths
      }
      int passes = 0;
      long start = System.nanoTime();
      long elapsed;
      do {
        pass(files);
        passes++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < MIN_SECONDS * 1e9);
      System.out.printf("%s %.6f %.4f%n", f[0], elapsed / 1e9 / passes, mpx);
    }
  }

  /** Decodes each file once; returns the megapixels (all frames, all samples) decoded. */
  private static double pass(List<Path> files) throws Exception {
    double mpx = 0;
    for (Path p : files) {
      StoredImage s = DicomReader.readStored(p);
      mpx += (double) s.width() * s.height() * s.frames().size() / 1e6;
    }
    return mpx;
  }
}
