package io.medloom.io.folder;

import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.files.ClassFolders;
import io.medloom.io.files.SortedFileWalk;
import io.medloom.io.files.SourcePaths;
import io.medloom.io.image.RasterFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code folder:DIR} — images sorted into class subfolders ({@code DIR/benign/a.png}), the layout
 * of torchvision's ImageFolder. Each subfolder name is a class of one multiclass task (named by the
 * {@code task} option, default {@code class}). Options: {@code modality} (DICOM code, default
 * {@code OT}), {@code body_part}, {@code extension=trust-content} (read files whose extension does
 * not match their content by their content, instead of rejecting them). A DIR that wraps the class
 * folders in one more folder is read one level down ({@link ClassFolders}).
 *
 * <p>Each file is its own patient unless the files are named {@code PATIENT_rest.ext} and the
 * option {@code patient=prefix} is given; without patient information, images of one patient may
 * land in different splits, which {@code info} states.
 */
final class FolderSource implements Source {
  private final SourceSpec spec;
  private final SourceContext context;
  private final Path root;
  private final Task task;
  private final String modality;
  private final String bodyPart;
  private final boolean patientFromPrefix;
  private final boolean trustContent;

  FolderSource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    Path dir = Path.of(spec.location()).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IOException("folder source: not a directory: " + dir);
    }
    ClassFolders layout = ClassFolders.find(spec.kind(), dir);
    this.root = layout.root();
    List<String> classes = layout.classes();
    this.task =
        Task.of(
            spec.option("task", "class"),
            classes.size() == 2 ? TaskTarget.BINARY : TaskTarget.MULTICLASS,
            classes);
    this.modality = spec.option("modality", "OT").toUpperCase(Locale.ROOT);
    this.bodyPart = spec.option("body_part", "").toUpperCase(Locale.ROOT);
    this.patientFromPrefix = spec.option("patient", "file").equals("prefix");
    this.trustContent = spec.option("extension", "strict").equals("trust-content");
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public List<Task> tasks() {
    return List.of(task);
  }

  @Override
  public Iterator<SourceItem> items() {
    SortedFileWalk walk = SourcePaths.of(root, spec).walk();
    return new Iterator<>() {
      long ordinal = 0;

      @Override
      public boolean hasNext() {
        return walk.hasNext();
      }

      @Override
      public SourceItem next() {
        SortedFileWalk.Entry e = walk.next();
        String rel = root.relativize(e.path()).toString().replace('\\', '/');
        Optional<String> problem = e.problem();
        if (problem.isEmpty() && !rel.contains("/")) {
          problem = Optional.of("file is not inside a class folder, so it has no label");
        }
        return new SourceItem(ordinal++, rel, problem);
      }
    };
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    String rel = item.path();
    String className = rel.substring(0, rel.indexOf('/'));
    String fileName = rel.substring(rel.lastIndexOf('/') + 1);
    var raster =
        RasterFiles.read(
            root.resolve(rel),
            new RasterFiles.DecodeOptions(context.maxPixels(), trustContent, context.targetSize()));
    String stem =
        fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
    String patient =
        patientFromPrefix && stem.contains("_") ? stem.substring(0, stem.indexOf('_')) : rel;
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), rel, 0),
            spec.name(),
            rel,
            new Identity(patient, rel),
            modality,
            bodyPart,
            "",
            raster);
    return List.of(s.withLabels(List.of(Label.single(task, task.indexOf(className)))));
  }
}
