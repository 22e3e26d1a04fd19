package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.Requirements;
import io.medloom.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One build over every dataset folder of ../shared/data, each read as its proper source kind. */
class AllSharedDataBuildTest {
  @TempDir Path tmp;

  static List<String> allSources() {
    Path iu = SharedData.require("iu-xray-reports");
    Path covid = SharedData.require("covid-chestxray");
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Path dicom = SharedData.require("dicom-samples");
    Path nifti = SharedData.require("nifti-samples");
    Path medmnist = SharedData.require("medmnist");
    return List.of(
        "iu-xray:" + iu,
        "covid-chestxray:" + covid,
        "seg:" + busi + "?modality=US&body_part=BREAST&task=busi_class",
        "dicom:" + dicom,
        "nifti:"
            + nifti.resolve("mricron")
            + "?images=ch2*.nii.gz&labels=aal.nii.gz&slices=every:20&patient=dir&modality=MR&body_part=BRAIN",
        "nifti:" + nifti.resolve("nibabel") + "?slices=every:8&modality=MR",
        "medmnist:" + medmnist.resolve("pneumoniamnist.npz"));
  }

  @Test
  void everyFolderBuildsVerifiesAndIsDescribed() throws Exception {
    Path out = tmp.resolve("all");
    List<String> args = new ArrayList<>(List.of("build", "--out", out.toString(), "--size", "64"));
    for (String s : allSources()) {
      args.add("--source");
      args.add(s);
    }
    Cli build = Cli.run(args.toArray(String[]::new));
    assertThat(build.exitCode()).as(build.out()).isZero();
    assertThat(Cli.run("verify", out.toString()).exitCode()).isZero();

    String info = Cli.run("info", out.toString()).out();
    // Every task with its type and class names.
    assertThat(info)
        .contains("problems (multilabel)", "Cardiomegaly", "finding (multilabel)", "COVID-19")
        .contains(
            "sex (binary): 0=female, 1=male",
            "busi_class (multiclass): 0=benign, 1=malignant, 2=normal")
        .contains("pneumoniamnist (binary): 0=normal, 1=pneumonia");
    // The rejects with reasons: DICOM objects without pixels are named by SOP class.
    assertThat(info)
        .contains("Comprehensive SR", "ECG Waveform", "RT Plan", "truncated DICOM file");
    // Modalities from every kind of source.
    assertThat(info).contains("CT", "MR", "US", "DX");
    // Text-only IU reports, atlas regions on the brain slices, lesion masks on ultrasound.
    Cli q =
        Cli.run(
            "query",
            out.toString(),
            "select sum(case when image is null then 1 else 0 end) as text_only,"
                + " sum(case when list_contains(list_transform(rois, r -> r.origin), 'atlas') then 1 else 0 end) as atlas,"
                + " sum(case when modality = 'US' and len(rois) > 0 then 1 else 0 end) as lesions,"
                + " count(distinct original_split) as original_splits from samples");
    String[] row = q.out().lines().skip(1).findFirst().orElseThrow().split(",");
    assertThat(Long.parseLong(row[0])).isEqualTo(996); // 1000 reports, 4 without any text
    assertThat(Long.parseLong(row[1])).isPositive();
    assertThat(Long.parseLong(row[2])).isGreaterThan(100);
    assertThat(Long.parseLong(row[3])).isEqualTo(3); // MedMNIST's own train/val/test

    exportToMedimetaAndReadItTheWayItsLoaderDoes(out, tmp.resolve("medimeta"));
  }

  /**
   * MedIMeta's loader reads images.hdf5 (uint8), info.yaml and annotations.csv; Debian's Python
   * (h5py, PyYAML, csv) does the same here, and three samples' pixels must equal the PNGs MedLoom
   * stored, decoded independently in Java.
   */
  private static void exportToMedimetaAndReadItTheWayItsLoaderDoes(Path dataset, Path export)
      throws Exception {
    assertThat(
            Cli.run(
                    "export",
                    dataset.toString(),
                    "--format",
                    "medimeta",
                    "--out",
                    export.toString())
                .exitCode())
        .isZero();
    String script =
        String.join(
            "\n",
            "import csv, hashlib, json, sys",
            "import h5py, yaml",
            "d = sys.argv[1]",
            "info = yaml.safe_load(open(d + '/info.yaml'))",
            "rows = list(csv.DictReader(open(d + '/annotations.csv')))",
            "with h5py.File(d + '/images.hdf5', 'r') as f:",
            "    x = f['images']",
            "    n = x.shape[0]",
            "    picks = [0, n // 2, n - 1]",
            "    out = {'dtype': str(x.dtype), 'shape': list(x.shape), 'rows': len(rows),",
            "           'tasks': [t['task_name'] for t in info['tasks']], 'input_size': info['input_size'],",
            "           'samples': [[rows[i]['medloom_id'], hashlib.sha256(x[i].tobytes()).hexdigest()] for i in picks]}",
            "print(json.dumps(out))");
    Path py = export.resolveSibling("check_medimeta.py");
    java.nio.file.Files.writeString(py, script);
    Path python = Requirements.python("h5py", "yaml");
    Process p =
        new ProcessBuilder(python.toString(), py.toString(), export.toString())
            .redirectErrorStream(true)
            .start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("the MedIMeta check in Python failed:%n%s", output).isZero();
    var json = io.medloom.store.Json.MAPPER.readTree(output.lines().reduce((a, b) -> b).orElse(""));
    assertThat(json.get("dtype").asText()).isEqualTo("uint8");
    assertThat(json.get("shape").toString())
        .isEqualTo("[" + json.get("rows").asInt() + ",64,64,3]");
    assertThat(json.get("tasks").toString())
        .contains("problems", "finding", "busi_class", "pneumoniamnist");
    try (var reader = io.medloom.store.DatasetReader.open(dataset)) {
      for (var sample : json.get("samples")) {
        var stored = reader.get(sample.get(0).asText()).orElseThrow();
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(stored.png()));
        var raster = img.getRaster();
        byte[] hwc = new byte[64 * 64 * 3];
        for (int y = 0; y < 64; y++) {
          for (int x = 0; x < 64; x++) {
            for (int c = 0; c < 3; c++) {
              int band = raster.getNumBands() == 1 ? 0 : c; // gray is replicated into 3 channels
              hwc[(y * 64 + x) * 3 + c] = (byte) raster.getSample(x, y, band);
            }
          }
        }
        String sha =
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(hwc));
        assertThat(sha)
            .as("pixels of sample %s", sample.get(0).asText())
            .isEqualTo(sample.get(1).asText());
      }
    }
  }
}
