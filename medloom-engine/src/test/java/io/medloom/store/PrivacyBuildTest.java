package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.io.dicom.DicomReader;
import io.medloom.testing.BadImages;
import io.medloom.testing.DatasetTampering;
import io.medloom.testing.FakeDicomWeb;
import io.medloom.testing.SharedData;
import io.medloom.testing.TinyDicom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing identifying leaves a build: paths that carry patient ids or UIDs are keyed by default,
 * {@code verify --identifiers-from} finds raw identifiers inside longer strings, and credentials
 * given as source options never reach an output file.
 */
class PrivacyBuildTest {
  private static final byte[] KEY = "privacy-test-key-of-32-bytes-ok!".getBytes();

  @TempDir Path tmp;

  private static BuildConfig config(String source, Path out) {
    return new BuildConfig(
        List.of(SourceSpec.parse(source)),
        out,
        32,
        3,
        0.2,
        0.2,
        2,
        16,
        1L << 28,
        Optional.of(KEY),
        "t");
  }

  private static List<String> column(Path dataset, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(dataset)) {
      r.query(
          sql,
          rs -> {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          });
    }
    return out;
  }

  private static Set<String> identifiers(String source) throws Exception {
    return Sources.open(SourceSpec.parse(source), SourceContext.withSeed(3)).identifiers();
  }

  @Test
  void aDicomFolderNamedAfterThePatientIsKeyedAndVerifyFindsTheIdInClearPaths() throws Exception {
    Path sample = SharedData.require("dicom-samples").resolve("CT_small.dcm");
    Map<String, String> meta = DicomReader.read(sample).meta();
    String patientId = meta.get("PatientID");
    String study = meta.get("StudyInstanceUID");
    assertThat(patientId).hasSizeGreaterThanOrEqualTo(DatasetVerifier.MIN_IDENTIFIER_LENGTH);
    Path in = tmp.resolve("export");
    Path file = in.resolve(patientId).resolve(study).resolve("CT_small.dcm");
    Files.createDirectories(file.getParent());
    Files.copy(sample, file);

    String source = "dicom:" + in;
    Set<String> ids = identifiers(source);
    assertThat(ids)
        .contains(
            patientId,
            study,
            meta.get("SeriesInstanceUID"),
            meta.get("SOPInstanceUID"),
            meta.get("PatientName"));

    Path keyed = tmp.resolve("keyed");
    LocalBuild.run(config(source, keyed), Progress.NONE);
    List<String> paths = column(keyed, "SELECT original_path FROM samples");
    assertThat(paths).hasSize(1);
    assertThat(paths.get(0)).doesNotContain(patientId).doesNotContain(study).startsWith("keyed:");
    assertThat(DatasetVerifier.verify(keyed, ids).problems()).isEmpty();

    Path clear = tmp.resolve("clear");
    LocalBuild.run(config(source + "?paths=clear", clear), Progress.NONE);
    assertThat(column(clear, "SELECT original_path FROM samples"))
        .containsExactly(patientId + "/" + study + "/CT_small.dcm");
    assertThat(DatasetVerifier.verify(clear, ids).problems())
        .anyMatch(p -> p.startsWith("privacy:") && p.contains("'" + patientId + "'"))
        .anyMatch(p -> p.startsWith("privacy:") && p.contains("'" + study + "'"));
  }

  @Test
  void mimicStylePathsAreKeyedAndTheSubjectIdIsFoundInsideThem() throws Exception {
    Path root = tmp.resolve("mimic");
    String image = "files/p10/p10000032/s50414267/02aa804e-bde0afdd.png";
    Files.createDirectories(root.resolve(image).getParent());
    Files.write(root.resolve(image), BadImages.goodImage("png", 40, 30, 1));
    String missing = "files/p11/p11000011/s51111111/missing.png";
    Files.writeString(
        root.resolve("records.csv"),
        "subject_id,study_id,path\n10000032,50414267," + image + "\n11000011,51111111," + missing,
        StandardCharsets.UTF_8);
    String source = "csv:" + root.resolve("records.csv") + "?image=path&patient=subject_id";
    Set<String> ids = identifiers(source);
    assertThat(ids).contains("10000032", "11000011");

    Path keyed = tmp.resolve("keyed");
    LocalBuild.run(config(source, keyed), Progress.NONE);
    assertThat(column(keyed, "SELECT original_path FROM samples"))
        .singleElement()
        .asString()
        .startsWith("keyed:")
        .doesNotContain("10000032");
    // The rejected row's path and reason are keyed the same way.
    String rejects = Files.readString(keyed.resolve("rejects.jsonl"));
    assertThat(rejects).contains("not found").doesNotContain("11000011").doesNotContain("p11/");
    assertThat(DatasetVerifier.verify(keyed, ids).problems()).isEmpty();

    Path clear = tmp.resolve("clear");
    LocalBuild.run(config(source + "&paths=clear", clear), Progress.NONE);
    List<String> problems = DatasetVerifier.verify(clear, ids).problems();
    assertThat(problems).anyMatch(p -> p.startsWith("privacy:") && p.contains("'10000032'"));
    // The rejected row's subject id is in rejects.jsonl, which verify searches too.
    assertThat(problems).anyMatch(p -> p.contains("rejects.jsonl") && p.contains("'11000011'"));
  }

  @Test
  void verifyFindsIdentifiersInsideWordsButNotInsideLongerNumbers() throws Exception {
    Path dataset = tmp.resolve("ds");
    LocalBuild.run(config("phantom:6", dataset), Progress.NONE);
    assertThat(DatasetVerifier.verify(dataset, Set.of("10000032")).problems()).isEmpty();
    Path copy = tmp.resolve("tampered");
    DatasetTampering.copy(dataset, copy);
    DatasetTampering.rewriteShards(
        copy,
        "UPDATE s SET texts = [{'kind': 'caption', 'text': 'prior film p10000032/s5 on record',"
            + " 'origin': 'source', 'roi_id': NULL}] WHERE id = (SELECT min(id) FROM s)");
    assertThat(DatasetVerifier.verify(copy, Set.of("10000032")).problems())
        .anyMatch(p -> p.startsWith("privacy:") && p.contains("'10000032'"));
    // A longer number that merely contains the digits is another number; short ids are skipped.
    assertThat(DatasetVerifier.verify(copy, Set.of("1000003", "000032", "p10")).problems())
        .isEmpty();
    // Case does not hide an identifier.
    assertThat(DatasetVerifier.verify(copy, Set.of("P10000032/S5")).problems())
        .anyMatch(p -> p.startsWith("privacy:"));
  }

  @Test
  void dicomWebPathsAreKeyedAndCredentialsReachNoOutputFile() throws Exception {
    String study = "1.2.826.0.1.3680043.8.498.10437721";
    String series = study + ".2";
    String sop = series + ".3";
    String scSop = series + ".4";
    try (FakeDicomWeb pacs = FakeDicomWeb.start()) {
      pacs.add(
          new FakeDicomWeb.Instance(
              "PID-778899",
              "DOE^JOHN",
              "ACC-5566",
              study,
              series,
              sop,
              TinyDicom.ct("PID-778899", study, series, sop).patientName("DOE^JOHN").bytes()));
      pacs.add(
          new FakeDicomWeb.Instance(
              "PID-778899",
              "DOE^JOHN",
              "ACC-5566",
              study,
              series,
              scSop,
              TinyDicom.ct("PID-778899", study, series, scSop)
                  .sopClass(TinyDicom.SECONDARY_CAPTURE)
                  .bytes()));
      String password = "s3cr3t-Pa55word";
      String source = "dicomweb:" + pacs.root() + "?auth=alice:" + password;
      Path out = tmp.resolve("pacs");
      LocalBuild.run(config(source, out), Progress.NONE);
      assertThat(pacs.authorizations()).allMatch(a -> a.startsWith("Basic "));

      List<String> paths = column(out, "SELECT original_path FROM samples");
      assertThat(paths).singleElement().asString().startsWith("keyed:").doesNotContain(study);
      String rejects = Files.readString(out.resolve("rejects.jsonl"));
      assertThat(rejects).contains("Secondary Capture").doesNotContain(study);
      try (var files = Files.walk(out)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertThat(text).as(f.toString()).doesNotContain(password).doesNotContain("alice:");
        }
      }
      assertThat(Files.readString(out.resolve("dataset.json"))).contains("\"auth\"");

      Set<String> ids = identifiers(source);
      assertThat(ids).contains("PID-778899", "ACC-5566", study, series, sop, "DOE^JOHN");
      assertThat(DatasetVerifier.verify(out, ids).problems()).isEmpty();
      Path clear = tmp.resolve("pacs-clear");
      LocalBuild.run(config(source + "&paths=clear", clear), Progress.NONE);
      assertThat(DatasetVerifier.verify(clear, ids).problems())
          .anyMatch(p -> p.startsWith("privacy:") && p.contains("'" + sop + "'"));
    }
  }
}
