package io.medloom.cli;

import io.medloom.export.ExportResult;
import io.medloom.export.Exporter;
import io.medloom.export.Exporters;
import io.medloom.store.DatasetReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a dataset in the layout another tool loads: medimeta (MedIMeta's HDF5/TIFF/npy/",
      "info.yaml), hf (Parquet with MedTrinity-25M columns), coco (instances JSON with RLE masks),",
      "cxr-clip (CXR-CLIP's CSV), llava (LLaVA conversation JSON per split, from the qa texts of",
      "./medloom qa), vqa (VQA-RAD/SLAKE-style question lists per split). The output folder",
      "appears complete or not at all."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom export /tmp/m1/dataset --format medimeta --out /tmp/m1/medimeta",
      "  ./medloom export /tmp/m1/dataset --format coco --out /tmp/m1/coco",
      "  ./medloom qa /tmp/m1/dataset && ./medloom export /tmp/m1/dataset --format llava --out /tmp/m1/llava"
    })
final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(
      names = "--format",
      required = true,
      description = "medimeta, hf, coco, cxr-clip, llava or vqa.")
  String format;

  @Option(
      names = "--out",
      required = true,
      description = "Output folder (must not exist or be empty).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Exporter exporter = Exporters.get(format);
    try (DatasetReader r = DatasetReader.open(dataset)) {
      // Opening first refuses an unfinished dataset with the reader's clear message.
      r.info();
    }
    ExportResult result = exporter.export(dataset, out);
    System.out.println(
        "export "
            + format
            + ": "
            + result.samples()
            + " samples, "
            + result.files().size()
            + " files in "
            + result.out());
    return ExitCodes.OK;
  }
}
