package io.medloom.io.dicomweb;

import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.source.ReadBudget;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.dicom.DicomImage;
import io.medloom.io.dicom.DicomReader;
import io.medloom.io.dicomsource.BurnedInText;
import io.medloom.io.dicomsource.DicomIdentifiers;
import io.medloom.io.dicomsource.DicomSamples;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dicomweb:BASE_URL} — the instances of a DICOMweb server (a PACS, Orthanc, ...), found with
 * QIDO-RS and read with WADO-RS, each as the folder source reads a file: one sample per frame,
 * patient and study from the object's own PatientID and StudyInstanceUID. Items are listed once per
 * opened source, sorted by study, series and instance UID, with the path {@code
 * studies/S/series/R/instances/I} (UIDs, not patient identifiers).
 */
final class DicomWebSource implements Source {
  /** Back-off before the 2nd and 3rd attempt of a request: 0.5 s, then 1 s. */
  static final long BACKOFF_MILLIS = 500;

  private final SourceSpec spec;
  private final SourceContext context;
  private final DicomWebOptions options;
  private final DicomWebClient client;
  private volatile List<SourceItem> listing;

  DicomWebSource(SourceSpec spec, SourceContext context) {
    this.spec = spec;
    this.context = context;
    this.options = DicomWebOptions.parse(spec);
    BurnedInText.allowed(spec); // an unknown burned_in value fails here, not on every instance
    this.client = new DicomWebClient(options.authorization(), BACKOFF_MILLIS);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public List<Task> tasks() {
    return List.of();
  }

  @Override
  public String license() {
    return spec.option("license", "see the source's provenance");
  }

  @Override
  public OptionalLong size() {
    List<SourceItem> l = listing;
    return l == null ? OptionalLong.empty() : OptionalLong.of(l.size());
  }

  /**
   * Queried once and kept: a PACS changes while a build runs, and a resumed or sharded build skips
   * by ordinal, so the order must not shift between calls on one source.
   */
  @Override
  public synchronized Iterator<SourceItem> items() throws IOException {
    if (listing == null) {
      List<SourceItem> items = new ArrayList<>();
      // An instance the server lists twice (overlapping pages) would be two samples with one id.
      java.util.Map<String, Long> listedAt = new java.util.HashMap<>();
      for (InstanceRef ref : new QidoLister(client, options).list()) {
        long ordinal = items.size();
        Long first = ref.valid() ? listedAt.putIfAbsent(ref.path(), ordinal) : null;
        if (first != null) {
          items.add(
              new SourceItem(
                  ordinal,
                  ref.path(),
                  Optional.of(
                      "the server listed this instance again (first as result "
                          + first
                          + " of the listing); it is read once")));
        } else if (ref.valid()) {
          items.add(SourceItem.of(ordinal, ref.path()));
        } else {
          // Kept as a rejection rather than dropped so that listed = accepted + rejected holds.
          items.add(
              new SourceItem(
                  ordinal,
                  "invalid-qido-result/" + ordinal,
                  Optional.of(
                      "QIDO result with a missing or invalid UID: study '"
                          + QidoLister.clip(ref.study())
                          + "', series '"
                          + QidoLister.clip(ref.series())
                          + "', instance '"
                          + QidoLister.clip(ref.instance())
                          + "'")));
        }
      }
      listing = List.copyOf(items);
    }
    return listing.iterator();
  }

  /**
   * The UIDs of every listed instance, and the PatientID, PatientName and AccessionNumber of each
   * of their studies (one QIDO-RS study query per study); see {@link DicomIdentifiers}.
   */
  @Override
  public Set<String> identifiers() throws IOException {
    Set<String> ids = new TreeSet<>();
    Set<String> studies = new TreeSet<>();
    for (Iterator<SourceItem> it = items(); it.hasNext(); ) {
      SourceItem item = it.next();
      if (item.problem().isEmpty()) {
        InstanceRef ref = InstanceRef.ofPath(item.path());
        ids.addAll(List.of(ref.study(), ref.series(), ref.instance()));
        studies.add(ref.study());
      }
    }
    QidoLister qido = new QidoLister(client, options);
    for (String study : studies) {
      DicomIdentifiers.collect(qido.studyAttributes(study), ids);
    }
    return ids;
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    InstanceRef ref = InstanceRef.ofPath(item.path());
    URI uri = URI.create(options.base() + "/" + ref.path());
    // The same budget as the folder source puts on a file: larger objects are refused unread.
    long budget = context.budget().maxBytes();
    DicomWebClient.Response r = client.get(uri, options.acceptDicom(), budget);
    String contentType = r.headers().firstValue("Content-Type").orElse("");
    byte[] part10;
    if (contentType.toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
      part10 = r.body(); // some servers answer a single instance without the multipart wrapper
    } else {
      try {
        part10 = MultipartRelated.firstPart(r.body(), MultipartRelated.boundary(contentType));
      } catch (IOException e) {
        throw new IOException("dicomweb: GET " + uri + ": " + e.getMessage(), e);
      }
    }
    DicomImage img = decode(part10, uri, context.budget());
    if ((long) img.width() * img.height() > context.maxPixels()) {
      throw new IOException(
          "image of "
              + img.width()
              + "x"
              + img.height()
              + " exceeds the pixel limit "
              + context.maxPixels());
    }
    return samples(item, ref, img);
  }

  /** DicomReader reads files, so the Part 10 bytes go through a temp file deleted right after. */
  private static DicomImage decode(byte[] part10, URI uri, ReadBudget budget) throws IOException {
    Path tmp = Files.createTempFile("medloom-dicomweb-", ".dcm");
    try {
      Files.write(tmp, part10);
      return DicomReader.read(tmp, budget);
    } catch (IOException e) {
      // DicomReader names the temp file; the URL is what the user can look up.
      throw new IOException(
          "dicomweb: instance " + uri + ": " + e.getMessage().replace(tmp.toString(), "(download)"),
          e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private List<Sample> samples(SourceItem item, InstanceRef ref, DicomImage img)
      throws IOException {
    // The study falls back to the UID QIDO gave, which is the same attribute.
    return DicomSamples.of(spec, item.path(), img, "dicomweb:" + item.path(), ref.study());
  }
}
