import io.medloom.text.ChexpertLabeler;
import io.medloom.text.eval.ExistenceScore;
import io.medloom.text.eval.GoldSet;
import io.medloom.text.eval.IuSplit;
import io.medloom.text.eval.LabelScore;
import io.medloom.text.eval.MeshTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/text accuracy: MedLoom's labels and the peer's on the IU X-ray reports, scored against the
 * manual MeSH terms with the protocol of LabelScore, per half (rules were developed on the tune half;
 * the held-out half is the headline), with every observation's confusion; then the gold sentences.
 * Then, as a diagnostic only, the same labels with uncertain counted as negative (CheXpert's U-Zeros):
 * IU's MeSH indexers leave most hedged diagnoses out, so the protocol's reading turns correct
 * uncertain labels into false positives (the tables' fp.u column counts them).
 * Args: IU.tsv (uid, MeSH, report with \n and \t escaped), PEER.tsv (one line per IU row:
 * Observation=value;...), gold sentences.tsv.
 */
public class TextEval {
  public static void main(String[] args) throws Exception {
    List<String> iu = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    List<String> peer = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    if (iu.size() != peer.size()) {
      throw new IllegalArgumentException("peer labels: " + peer.size() + " lines for " + iu.size() + " reports");
    }
    Map<IuSplit, LabelScore> med = new HashMap<>();
    Map<IuSplit, LabelScore> peers = new HashMap<>();
    Map<IuSplit, LabelScore> medZeros = new HashMap<>();
    Map<IuSplit, LabelScore> peerZeros = new HashMap<>();
    for (IuSplit s : IuSplit.values()) {
      med.put(s, new LabelScore());
      peers.put(s, new LabelScore());
      medZeros.put(s, LabelScore.uncertainAsNegative());
      peerZeros.put(s, LabelScore.uncertainAsNegative());
    }
    ChexpertLabeler labeler = ChexpertLabeler.standard();
    for (int i = 0; i < iu.size(); i++) {
      String[] f = iu.get(i).split("\t", -1);
      IuSplit split = IuSplit.of(Integer.parseInt(f[0]));
      var truth = MeshTruth.standard().observations(f[1]);
      String report = f[2].replace("\\n", "\n").replace("\\t", "\t");
      Map<String, Integer> labels = labeler.label(report);
      Map<String, Integer> peerLabels = peerLabels(peer.get(i));
      med.get(split).add(truth, labels);
      peers.get(split).add(truth, peerLabels);
      medZeros.get(split).add(truth, labels);
      peerZeros.get(split).add(truth, peerLabels);
    }
    for (IuSplit s : new IuSplit[] {IuSplit.HELD_OUT, IuSplit.TUNE}) {
      System.out.print(med.get(s).table("MedLoom on IU X-ray, " + s.label()));
      System.out.print(peers.get(s).table("peer (regex) on IU X-ray, " + s.label()));
    }
    List<GoldSet.Item> gold = GoldSet.parse(Files.readString(Path.of(args[2]), StandardCharsets.UTF_8));
    ExistenceScore gh = new ExistenceScore();
    ExistenceScore gd = new ExistenceScore();
    for (GoldSet.Item it : gold) {
      (it.heldOut() ? gh : gd).add(it.expected(), labeler.label(it.sentence()));
    }
    System.out.print(gh.table("MedLoom on the gold sentences, held-out half (odd items)"));
    System.out.print(gd.table("MedLoom on the gold sentences, development half (even items)"));
    printRatios("text-accuracy", med, peers);
    System.out.println("diagnostic, not the acceptance protocol: uncertain counted as negative (U-Zeros)");
    for (IuSplit s : new IuSplit[] {IuSplit.HELD_OUT, IuSplit.TUNE}) {
      System.out.print(medZeros.get(s).table("MedLoom, U-Zeros, IU X-ray, " + s.label()));
    }
    printRatios("text-accuracy-u-zeros", medZeros, peerZeros);
  }

  /** One bench line per half: MedLoom's macro-F1, the peer's, and their ratio. */
  static void printRatios(String name, Map<IuSplit, LabelScore> med, Map<IuSplit, LabelScore> peers) {
    for (IuSplit s : new IuSplit[] {IuSplit.HELD_OUT, IuSplit.TUNE}) {
      double m = med.get(s).macroF1();
      double p = peers.get(s).macroF1();
      System.out.printf(
          Locale.ROOT,
          "%s (%s): medloom %.3f macro-F1, peer %.3f macro-F1, ratio %.2f%n",
          name,
          s == IuSplit.HELD_OUT ? "IU held-out half" : "IU tune half",
          m,
          p,
          m / p);
    }
  }

  /** The peer's labels plus No Finding derived as CheXpert does. */
  static Map<String, Integer> peerLabels(String line) {
    Map<String, Integer> m = new HashMap<>();
    boolean finding = false;
    for (String kv : line.split(";")) {
      if (kv.isBlank()) {
        continue;
      }
      int eq = kv.indexOf('=');
      String o = kv.substring(0, eq);
      int v = Integer.parseInt(kv.substring(eq + 1));
      m.put(o, v);
      if (v != 0 && !o.equals("Support Devices")) {
        finding = true;
      }
    }
    if (!finding) {
      m.put("No Finding", 1);
    }
    return m;
  }
}
