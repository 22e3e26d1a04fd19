package io.medloom.io.dicomsource;

import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.dicom.DicomHeaders;
import io.medloom.io.dicom.DicomImage;
import io.medloom.io.dicom.DicomReader;
import io.medloom.io.files.SortedFileWalk;
import io.medloom.io.files.SourcePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dicom:DIR} — every file under DIR (any name; DICOM files often have no extension) read as
 * DICOM. Patients, studies and series come from the files' own PatientID and StudyInstanceUID
 * (keyed at once; never stored in clear); a multi-frame object becomes one sample per frame.
 * Objects without pixel data (structured reports, waveforms, RT plans, DICOMDIR) are rejected with
 * the SOP class named. Modality, BodyPartExamined and ViewPosition fill the sample's fields. Pixel
 * values go through the modality LUT, then the file's VOI window (or an automatic one), MONOCHROME1
 * inverted.
 */
final class DicomFolderSource implements Source {
  private final SourceSpec spec;
  private final SourceContext context;
  private final Path root;

  DicomFolderSource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    this.root = Path.of(spec.location()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("dicom source: not a directory: " + root);
    }
    BurnedInText.allowed(spec); // an unknown burned_in value fails here, not on every file
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
  public Iterator<SourceItem> items() {
    SortedFileWalk walk = SourcePaths.of(root, spec).walk();
    List<SourceItem> items = new ArrayList<>();
    while (walk.hasNext()) {
      SortedFileWalk.Entry e = walk.next();
      String name = e.path().getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".md") || name.endsWith(".txt")) {
        continue; // documentation beside the data (PROVENANCE.md, READMEs) is not an input
      }
      String rel = root.relativize(e.path()).toString().replace('\\', '/');
      items.add(new SourceItem(items.size(), rel, e.problem()));
    }
    return items.iterator();
  }

  /**
   * The identifiers in every file's header (see {@link DicomIdentifiers}), read without decoding
   * pixels. Files that are not DICOM are skipped: a build rejects them without reading any
   * identifier from them.
   */
  @Override
  public Set<String> identifiers() {
    Set<String> ids = new TreeSet<>();
    for (Iterator<SourceItem> it = items(); it.hasNext(); ) {
      SourceItem item = it.next();
      if (item.problem().isPresent()) {
        continue;
      }
      try {
        DicomIdentifiers.collect(DicomHeaders.read(root.resolve(item.path())), ids);
      } catch (IOException e) {
        // not DICOM, or a header nothing can parse: the build rejects the file too
      }
    }
    return ids;
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    Path file = root.resolve(item.path());
    // The file size and the declared frames are checked against the budget before decoding.
    DicomImage img = DicomReader.read(file, context.budget());
    return DicomSamples.of(spec, item.path(), img, "file:" + item.path(), "file:" + item.path());
  }
}
