package io.medloom.io.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.io.dicom.DicomImage;
import io.medloom.io.dicom.DicomReader;
import io.medloom.io.dicom.DicomWindowing;
import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dicomweb source against a real Orthanc with its DICOMweb plugin, started per test class. */
class DicomWebSourceTest {
  /**
   * MR_small_RLE.dcm carries the UIDs of MR_small.dcm, so Orthanc keeps one of them: five distinct
   * instances. SC_rgb_rle_2frame has 2 frames, rtdose 15; JPEG2000 stays compressed on the way.
   */
  private static final List<String> FILES =
      List.of(
          "CT_small.dcm",
          "MR_small.dcm",
          "MR_small_RLE.dcm",
          "JPEG2000.dcm",
          "SC_rgb_rle_2frame.dcm",
          "rtdose.dcm");

  private static final int INSTANCES = 5;

  private static Path tempDir;
  private static OrthancServer orthanc;
  private static Path samples;

  /** Orthanc id of each uploaded file, for deleting one. */
  private static final Map<String, String> orthancIds = new LinkedHashMap<>();

  /** SOP instance UID -> PatientID, as DicomReader reads them from the files. */
  private static final Map<String, String> patientBySop = new HashMap<>();

  @BeforeAll
  static void startOrthanc() throws Exception {
    samples = SharedData.require("dicom-samples");
    tempDir = Files.createTempDirectory("medloom-orthanc-");
    orthanc = OrthancServer.start(tempDir);
    for (String f : FILES) {
      Path file = samples.resolve(f);
      orthancIds.put(f, orthanc.upload(file));
      if (!f.equals("MR_small_RLE.dcm")) {
        Map<String, String> meta = header(file);
        patientBySop.put(meta.get("SOPInstanceUID"), meta.get("PatientID"));
      }
    }
  }

  @AfterAll
  static void stopOrthanc() throws Exception {
    // Runs even when @BeforeAll failed half-way (JUnit calls @AfterAll regardless).
    if (orthanc != null) {
      orthanc.close();
    }
    if (tempDir != null) {
      try (var walk = Files.walk(tempDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, String> header(Path file) throws IOException {
    return DicomReader.read(file).meta();
  }

  private static Source open(String options) throws Exception {
    SourceSpec spec = SourceSpec.parse("dicomweb:" + orthanc.dicomWebRoot() + options);
    return Sources.open(spec, SourceContext.withSeed(1));
  }

  private static List<SourceItem> items(Source s) throws IOException {
    List<SourceItem> out = new ArrayList<>();
    s.items().forEachRemaining(out::add);
    return out;
  }

  private static String sop(SourceItem item) {
    return item.path().substring(item.path().lastIndexOf('/') + 1);
  }

  @Test
  void listsEveryInstanceSortedByUidsWhicheverWayItQueries() throws Exception {
    List<SourceItem> items = items(open(""));
    assertThat(items).hasSize(INSTANCES);
    assertThat(items).extracting(SourceItem::ordinal).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(items).allSatisfy(i -> assertThat(i.problem()).isEmpty());
    assertThat(items)
        .extracting(SourceItem::path)
        .allMatch(p -> p.matches("studies/[0-9.]+/series/[0-9.]+/instances/[0-9.]+"));
    List<InstanceRef> refs = items.stream().map(i -> InstanceRef.ofPath(i.path())).toList();
    assertThat(refs).isSortedAccordingTo(InstanceRef.ORDER);
    assertThat(items)
        .extracting(DicomWebSourceTest::sop)
        .containsExactlyInAnyOrderElementsOf(patientBySop.keySet());
    for (String pid : patientBySop.values()) {
      assertThat(items).extracting(SourceItem::path).noneMatch(p -> p.contains("/" + pid));
    }
    // Small pages and the study/series/instances walk must give the very same listing.
    assertThat(items(open("?limit=2"))).isEqualTo(items);
    assertThat(items(open("?qido=hierarchy&limit=1"))).isEqualTo(items);
    Source s = open("");
    assertThat(s.size()).isEmpty();
    items(s);
    assertThat(s.size()).hasValue(INSTANCES);
  }

  @Test
  void ctPixelsReadOverDicomWebEqualTheFile() throws Exception {
    Source s = open("?Modality=CT");
    List<SourceItem> items = items(s);
    assertThat(items).hasSize(1);
    List<Sample> read = s.read(items.get(0));
    assertThat(read).hasSize(1);
    Sample sample = read.get(0);
    DicomImage direct = DicomReader.read(samples.resolve("CT_small.dcm"));
    Raster expected = DicomWindowing.toRaster(direct, 0);
    Raster actual = sample.image().orElseThrow();
    assertThat(mean(actual)).isEqualTo(mean(expected));
    assertThat(actual.pixels()).isEqualTo(expected.pixels());
    assertThat(sample.modality()).isEqualTo("CT");
    assertThat(sample.originalPath()).isEqualTo(items.get(0).path());
    assertThat(sample.source()).isEqualTo("dicomweb:" + orthanc.dicomWebRoot());
    assertThat(sample.identity().orElseThrow().patientId())
        .isEqualTo(direct.meta().get("PatientID"));
    assertThat(sample.identity().orElseThrow().studyId())
        .isEqualTo(direct.meta().get("StudyInstanceUID"));
  }

  @Test
  void modalityFilterNarrowsTheListingInBothQueryModes() throws Exception {
    String ct = header(samples.resolve("CT_small.dcm")).get("SOPInstanceUID");
    assertThat(items(open("?Modality=CT"))).extracting(DicomWebSourceTest::sop).containsExactly(ct);
    assertThat(items(open("?Modality=CT&qido=hierarchy")))
        .extracting(DicomWebSourceTest::sop)
        .containsExactly(ct);
    assertThat(items(open("?Modality=MR"))).hasSize(1);
    assertThat(items(open("?Modality=XA"))).isEmpty();
  }

  @Test
  void readsEveryInstanceOneSamplePerFrameWithTheFilesPatientIds() throws Exception {
    Source s = open("?burned_in=allow"); // SC_rgb_rle_2frame is a secondary capture
    Map<String, Integer> framesBySop = new HashMap<>();
    for (SourceItem item : items(s)) {
      List<Sample> read = s.read(item);
      framesBySop.put(sop(item), read.size());
      assertThat(read)
          .allSatisfy(
              x ->
                  assertThat(x.identity().orElseThrow().patientId())
                      .isEqualTo(patientBySop.get(sop(item))));
      assertThat(read).extracting(Sample::id).doesNotHaveDuplicates();
    }
    assertThat(
            framesBySop.get(header(samples.resolve("SC_rgb_rle_2frame.dcm")).get("SOPInstanceUID")))
        .isEqualTo(2);
    assertThat(framesBySop.get(header(samples.resolve("rtdose.dcm")).get("SOPInstanceUID")))
        .isEqualTo(15);
  }

  @Test
  void aSecondaryCaptureIsRejectedByDefaultForTheTextItsPixelsMayCarry() throws Exception {
    String sc = header(samples.resolve("SC_rgb_rle_2frame.dcm")).get("SOPInstanceUID");
    Source s = open("");
    SourceItem item = items(s).stream().filter(i -> sop(i).equals(sc)).findFirst().orElseThrow();
    assertThatThrownBy(() -> s.read(item))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Secondary Capture")
        .hasMessageContaining("burned_in=allow");
  }

  @Test
  void identifiersAreTheUidsAndPatientAttributesOfEveryListedInstance() throws Exception {
    java.util.Set<String> ids = open("").identifiers();
    for (String f : List.of("CT_small.dcm", "MR_small.dcm", "rtdose.dcm")) {
      Map<String, String> meta = header(samples.resolve(f));
      assertThat(ids)
          .as(f)
          .contains(
              meta.get("PatientID"),
              meta.get("StudyInstanceUID"),
              meta.get("SeriesInstanceUID"),
              meta.get("SOPInstanceUID"));
    }
    assertThat(ids).contains(header(samples.resolve("CT_small.dcm")).get("PatientName"));
  }

  @Test
  void anInstanceDeletedAfterListingFailsToReadWithTheUrlAndStatus() throws Exception {
    Source s = open("?Modality=MR");
    List<SourceItem> items = items(s);
    assertThat(items).hasSize(1);
    orthanc.delete(orthancIds.get("MR_small.dcm"));
    try {
      assertThatThrownBy(() -> s.read(items.get(0)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(orthanc.dicomWebRoot() + "/" + items.get(0).path())
          .hasMessageContaining("HTTP 404");
    } finally {
      orthanc.upload(samples.resolve("MR_small.dcm")); // the other tests expect it
    }
  }

  @Test
  void aClosedPortFailsWithTheUrlAfterRetries() throws Exception {
    int port = OrthancServer.freePort(); // closed again when freePort returns
    String base = "http://127.0.0.1:" + port + "/dicom-web";
    Source s = Sources.open(SourceSpec.parse("dicomweb:" + base), SourceContext.withSeed(1));
    assertThatThrownBy(() -> s.items())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("GET " + base + "/instances")
        .hasMessageContaining("after 3 attempt(s)")
        .hasMessageContaining("ConnectException");
  }

  private static double mean(Raster r) {
    long sum = 0;
    for (byte b : r.pixels()) {
      sum += b & 0xff;
    }
    return (double) sum / r.pixels().length;
  }
}
