import io.medloom.text.ChexpertLabeler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/text: labels every line of a reports file (one report per line) with MedLoom's
 * ChexpertLabeler, single-threaded; prints "reports wallSeconds cpuSeconds positives" for the best
 * pass (the run script times the whole process separately). Rounds > 1 repeat the pass. CPU time
 * is the thread's own, so the rate per core holds when other processes share the machine.
 */
public class TextBench {
  public static void main(String[] args) throws Exception {
    List<String> lines = lines(Files.readAllBytes(Path.of(args[0])));
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ChexpertLabeler l = ChexpertLabeler.standard();
    int[] out = new int[14];
    double bestWall = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    long pos = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      pos = 0;
      for (String s : lines) {
        l.labelInto(s, out);
        for (int v : out) {
          if (v == 1) pos++;
        }
      }
      bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
      bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    System.out.println(lines.size() + " " + bestWall + " " + bestCpu + " " + pos);
  }

  /**
   * The file's lines ('\n' or "\r\n" ends), each decoded from UTF-8 on its own: the JDK's
   * String(bytes, UTF_8) copies an ASCII line as it is, where a reader's decoder loop costs about
   * 0.4 CPU-s on these 28 MB before the JIT has compiled it, which is not labeling.
   */
  static List<String> lines(byte[] b) {
    List<String> out = new ArrayList<>();
    int s = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        int e = i > s && b[i - 1] == '\r' ? i - 1 : i;
        out.add(new String(b, s, e - s, StandardCharsets.UTF_8));
        s = i + 1;
      }
    }
    if (s < b.length) {
      out.add(new String(b, s, b.length - s, StandardCharsets.UTF_8));
    }
    return out;
  }
}
