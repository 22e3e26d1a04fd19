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

  @picocli.CommandLine.Option(
      names = "--identifiers-from",
      paramLabel = "KIND:LOCATION",
      description = {
        "Also search every string of the rows, rejects.jsonl and dataset.json for the raw",
        "identifiers of this source (the one the dataset was built from): id columns of a CSV;",
        "PatientID, PatientName, study/series/instance UIDs and AccessionNumber of DICOM and",
        "DICOMweb. Found inside longer strings too, ignoring case; ids under 4 characters are",
        "not searched, and a digit must not continue a longer number (1000003 is not in 10000032)."
      })
  String identifiersFrom;

  @picocli.CommandLine.Option(
      names = "--seed",
      defaultValue = "42",
      description = "The build seed, for sources whose identifiers depend on it (phantom).")
  long seed;

  @Override
  public Integer call() throws Exception {
    java.util.Set<String> ids = java.util.Set.of();
    if (identifiersFrom != null) {
      ids =
          io.medloom.core.source.Sources.open(
                  io.medloom.core.source.SourceSpec.parse(identifiersFrom),
                  io.medloom.core.source.SourceContext.withSeed(seed))
              .identifiers();
      long searchable =
          ids.stream()
              .filter(i -> i.strip().length() >= DatasetVerifier.MIN_IDENTIFIER_LENGTH)
              .count();
      System.out.println(
          "verify: searching every string column for "
              + searchable
              + " raw identifiers of "
              + identifiersFrom
              + (searchable < ids.size()
                  ? " ("
                      + (ids.size() - searchable)
                      + " shorter than "
                      + DatasetVerifier.MIN_IDENTIFIER_LENGTH
                      + " characters cannot be searched)"
                  : ""));
    }
    DatasetVerifier.Report report = DatasetVerifier.verify(dataset, ids);
    if (report.ok()) {
      System.out.println(
          "verify: OK, "
              + report.rows()
              + " rows; "
              + report.counts()
              + (report.qaAnswers() > 0
                  ? "; " + report.qaAnswers() + " qa answers re-derived from the stored facts"
                  : ""));
      return ExitCodes.OK;
    }
    System.out.println("verify: FAILED, " + report.problems().size() + " problem(s):");
    report.problems().forEach(p -> System.out.println("  - " + p));
    return ExitCodes.UNUSABLE_INPUT;
  }
}
