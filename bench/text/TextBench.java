import io.medloom.text.ChexpertLabeler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * bench/text: labels every line of a reports file (one report per line) with MedLoom's
 * ChexpertLabeler, single-threaded; prints "reports seconds positives" for the whole run
 * (JVM start-up excluded: the run script times the process separately). Rounds > 1 repeat the
 * pass and report the best.
 */
public class TextBench {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ChexpertLabeler l = ChexpertLabeler.standard();
    int[] out = new int[14];
    double best = Double.MAX_VALUE;
    long pos = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      pos = 0;
      for (String s : lines) {
        l.labelInto(s, out);
        for (int v : out) {
          if (v == 1) pos++;
        }
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    System.out.println(lines.size() + " " + best + " " + pos);
  }
}
