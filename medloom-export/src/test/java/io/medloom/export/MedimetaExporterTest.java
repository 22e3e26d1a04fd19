package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import io.medloom.testing.Requirements;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the export the way MedIMeta's loader does (h5py, numpy, YAML, split files) in Debian's
 * Python, and compares pixels with what MedLoom stored.
 */
class MedimetaExporterTest {
  static final Path PYTHON = Requirements.DEBIAN_PYTHON;

  // Mirrors medimeta-pytorch: index from the split line's file name, labels row i = sample i.
  static final String CHECK =
      """
import json, sys, csv
import h5py, numpy as np
from PIL import Image
root = sys.argv[1]
out = {}
try:
    import yaml
    info = yaml.safe_load(open(root + "/info.yaml"))
except ImportError:
    info = None
if info is not None:
    out["info"] = {k: info[k] for k in ("id", "name", "domain", "input_size", "total_num_samples",
                                         "splits_num_samples", "license")}
    out["tasks"] = [{"task_name": t["task_name"], "task_target": t["task_target"],
                     "labels": {str(k): v for k, v in t["labels"].items()}} for t in info["tasks"]]
with h5py.File(root + "/images.hdf5", "r") as f:
    d = f["images"]
    out["dtype"] = str(d.dtype)
    out["shape"] = list(d.shape)
    images = d[:]
n = images.shape[0]
splits = {}
for s in ("train", "val", "test"):
    lines = [l for l in open(root + "/splits/" + s + ".txt").read().splitlines() if l]
    splits[s] = [int(p.split("/")[-1].split(".")[0]) for p in lines]
out["splits"] = splits
labels = {}
for t in ("findings", "sex"):
    a = np.load(root + "/task_labels/" + t + ".npy")
    labels[t] = {"dtype": str(a.dtype), "shape": list(a.shape), "first": a[0].tolist()}
out["labels"] = labels
rows = list(csv.DictReader(open(root + "/annotations.csv")))
out["csv_columns"] = list(rows[0].keys())
out["csv_rows"] = len(rows)
picks = [0, n // 2, n - 1]
out["pixels"] = {str(i): images[i].reshape(-1).tolist() for i in picks}
out["tiff_equal"] = all(np.array_equal(np.array(Image.open(root + "/images/%06d.tiff" % i)), images[i])
                        for i in picks)
print(json.dumps(out))
""";

  @TempDir static Path tmp;
  static Path dataset;
  static Path out;
  static ExportResult result;

  @BeforeAll
  static void export() throws Exception {
    dataset = Phantom.build(tmp);
    out = tmp.resolve("medimeta");
    result = new MedimetaExporter().export(dataset, out);
  }

  @Test
  void writesTheMedimetaFiles() {
    assertThat(result.samples()).isEqualTo(Phantom.SAMPLES);
    assertThat(result.files())
        .contains(
            "images.hdf5",
            "info.yaml",
            "annotations.csv",
            "LICENSE",
            "splits/train.txt",
            "splits/val.txt",
            "splits/test.txt",
            "task_labels/findings.npy",
            "task_labels/sex.npy",
            "images/000000.tiff",
            String.format("images/%06d.tiff", Phantom.SAMPLES - 1))
        .noneMatch(f -> f.startsWith("original_splits/")); // phantom has no source splits
  }

  @Test
  void pythonReadsItLikeMedimeta() throws Exception {
    JsonNode py = runPython();
    int n = Phantom.SAMPLES;
    int s = Phantom.SIZE;
    assertThat(py.get("dtype").asText()).isEqualTo("uint8");
    assertThat(py.get("shape").toString()).isEqualTo("[" + n + "," + s + "," + s + "]");
    assertThat(py.get("tiff_equal").asBoolean()).isTrue();

    List<Integer> all = new ArrayList<>();
    py.get("splits").forEach(split -> split.forEach(i -> all.add(i.asInt())));
    assertThat(all).hasSize(n).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < n);

    JsonNode findings = py.get("labels").get("findings");
    assertThat(findings.get("dtype").asText()).isEqualTo("int64");
    assertThat(findings.get("shape").toString()).isEqualTo("[" + n + ",8]");
    assertThat(py.get("labels").get("sex").get("shape").toString()).isEqualTo("[" + n + "]");
    assertThat(py.get("csv_rows").asInt()).isEqualTo(n);
    assertThat(py.get("csv_columns").toString())
        .startsWith(
            "[\"filepath\",\"split\",\"tasks/findings\",\"tasks/sex\",\"original_filepath\"");

    if (py.has("info")) { // PyYAML present
      JsonNode info = py.get("info");
      assertThat(info.get("input_size").toString()).isEqualTo("[1," + s + "," + s + "]");
      assertThat(info.get("total_num_samples").asInt()).isEqualTo(n);
      JsonNode counts = info.get("splits_num_samples");
      assertThat(
              counts.get("train").asInt() + counts.get("val").asInt() + counts.get("test").asInt())
          .isEqualTo(n);
      assertThat(counts.get("val").asInt()).isEqualTo(py.get("splits").get("val").size());
      assertThat(py.get("tasks").get(0).get("task_target").asText())
          .isEqualTo("MULTILABEL_CLASSIFICATION");
      assertThat(py.get("tasks").get(1).get("task_target").asText())
          .isEqualTo("BINARY_CLASSIFICATION");
      assertThat(py.get("tasks").get(1).get("labels").get("1").asText()).isEqualTo("male");
    }

    // Pixels: the export order is shard order, so sample i is the i-th row MedLoom reads.
    List<StoredSample> stored = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(dataset)) {
      r.forEach(Optional.empty(), stored::add);
    }
    for (int i : new int[] {0, n / 2, n - 1}) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(stored.get(i).png()));
      int[] expected = img.getRaster().getSamples(0, 0, s, s, 0, (int[]) null);
      JsonNode got = py.get("pixels").get(String.valueOf(i));
      assertThat(got.size()).isEqualTo(s * s);
      int[] actual = new int[got.size()];
      for (int k = 0; k < actual.length; k++) {
        actual[k] = got.get(k).asInt();
      }
      assertThat(actual).as("pixels of sample %s", i).isEqualTo(expected);
    }
  }

  /** Skips without Debian's Python + h5py, except under CI, where a missing peer is a failure. */
  static JsonNode runPython() throws Exception {
    Requirements.python("h5py", "numpy", "PIL");
    Path script = tmp.resolve("check_medimeta.py");
    Files.writeString(script, CHECK, StandardCharsets.UTF_8);
    Result r = run(null, script.toString(), out.toString());
    assertThat(r.exitCode).as("python check failed:\n%s", r.output).isZero();
    return new ObjectMapper().readTree(r.output);
  }

  record Result(int exitCode, String output) {}

  static Result run(String code, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
    if (code != null) {
      cmd.addAll(List.of("-c", code));
    }
    cmd.addAll(List.of(args));
    // stderr to a file: reading two pipes one after the other can deadlock on a full buffer.
    Path errFile = Files.createTempFile(tmp, "python", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python timed out: " + cmd);
    }
    String err = Files.readString(errFile, StandardCharsets.UTF_8);
    return new Result(p.exitValue(), p.exitValue() == 0 ? output : output + err);
  }
}
