package io.medloom.cli;

import io.medloom.store.DatasetVerifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a dataset: _SUCCESS and checksums, schema, counts, image sizes, ROI boxes and masks,",
      "labels within their classes, patient-disjoint splits, no identifier in clear.",
      "Exits 3 and lists every problem when anything fails."
    },
    footer = {"", "Example:", "  ./medloom verify /tmp/m1/dataset"})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Override
  public Integer call() throws Exception {
    DatasetVerifier.Report report = DatasetVerifier.verify(dataset);
    if (report.ok()) {
      System.out.println("verify: OK, " + report.rows() + " rows; " + report.counts());
      return ExitCodes.OK;
    }
    System.out.println("verify: FAILED, " + report.problems().size() + " problem(s):");
    report.problems().forEach(p -> System.out.println("  - " + p));
    return ExitCodes.UNUSABLE_INPUT;
  }
}
