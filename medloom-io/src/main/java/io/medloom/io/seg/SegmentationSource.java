package io.medloom.io.seg;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
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
import io.medloom.io.image.ImageFormat;
import io.medloom.io.image.RasterFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code seg:DIR} — image/mask pairs in class folders, the BUSI layout: {@code
 * DIR/<class>/<name>.png} with {@code <name>_mask.png}, {@code <name>_mask_1.png}, ... beside it.
 * The class folder is a multiclass task ({@code task}, default {@code class}); each mask file
 * becomes its own region ({@code masks=separate}, the default, because BUSI's extra masks mark
 * separate lesions) or all are merged into one ({@code masks=merged}). A mask pixel is inside when
 * its gray value is above 127. An empty mask (a normal case) gives no region. Images are decoded at
 * full resolution so masks stay aligned. Each image is its own patient (BUSI gives no patient id).
 * A DIR that wraps the class folders in one more folder, as BUSI unpacks, is read one level down
 * ({@link ClassFolders}).
 */
final class SegmentationSource implements Source {
  private final SourceSpec spec;
  private final SourceContext context;
  private final Path root;
  private final Task task;
  private final String roiLabel;
  private final boolean merged;
  private final String modality;
  private final String bodyPart;
  private final java.util.Optional<io.medloom.io.coco.CocoBoxes> boxes;

  /** image path -> its mask files, filled while listing; one directory scan, not one per image. */
  private final java.util.concurrent.ConcurrentMap<String, List<Path>> masksByImage =
      new java.util.concurrent.ConcurrentHashMap<>();

  SegmentationSource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    Path dir = Path.of(spec.location()).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IOException("seg source: not a directory: " + dir);
    }
    ClassFolders layout = ClassFolders.find(spec.kind(), dir);
    this.root = layout.root();
    List<String> classes = layout.classes();
    this.task =
        Task.of(
            spec.option("task", "class"),
            classes.size() == 2 ? TaskTarget.BINARY : TaskTarget.MULTICLASS,
            classes);
    this.roiLabel = spec.option("roi_label", "lesion");
    String masks = spec.option("masks", "separate");
    if (!masks.equals("separate") && !masks.equals("merged")) {
      throw new IllegalArgumentException("seg source: masks must be separate or merged: " + masks);
    }
    this.merged = masks.equals("merged");
    this.modality = spec.option("modality", "OT").toUpperCase(Locale.ROOT);
    this.bodyPart = spec.option("body_part", "").toUpperCase(Locale.ROOT);
    this.boxes = io.medloom.io.coco.CocoBoxes.fromOption(spec, dir);
  }

  static boolean isMask(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).contains("_mask");
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
    List<SourceItem> items = new ArrayList<>();
    java.util.Map<Path, List<Path>> masksByDir = new java.util.HashMap<>();
    while (walk.hasNext()) {
      SortedFileWalk.Entry e = walk.next();
      String rel = root.relativize(e.path()).toString().replace('\\', '/');
      if (isMask(e.path().getFileName().toString()) && e.problem().isEmpty()) {
        masksByDir.computeIfAbsent(e.path().getParent(), d -> new ArrayList<>()).add(e.path());
        continue; // masks travel with their image
      }
      Optional<String> problem = e.problem();
      if (problem.isEmpty() && !rel.contains("/")) {
        problem = Optional.of("file is not inside a class folder, so it has no label");
      }
      items.add(new SourceItem(items.size(), rel, problem));
    }
    for (SourceItem item : items) {
      Path image = root.resolve(item.path());
      List<Path> candidates = masksByDir.getOrDefault(image.getParent(), List.of());
      masksByImage.put(item.path(), masksOf(image, candidates));
    }
    return items.iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    String rel = item.path();
    Path image = root.resolve(rel);
    long maxPixels = context.maxPixels();
    Raster raster = RasterFiles.read(image, RasterFiles.DecodeOptions.full(maxPixels));
    List<Path> maskFiles = masksByImage.get(rel);
    if (maskFiles == null) { // read without listing first: look beside the image
      try (Stream<Path> siblings = Files.list(image.getParent())) {
        maskFiles = masksOf(image, siblings.toList());
      }
    }
    List<Roi> rois = new ArrayList<>();
    byte[] union = merged ? new byte[raster.width() * raster.height()] : null;
    int n = 0;
    for (Path m : maskFiles) {
      Raster mask = RasterFiles.read(m, RasterFiles.DecodeOptions.mask(maxPixels)).toGray();
      if (mask.width() != raster.width() || mask.height() != raster.height()) {
        throw new IOException(
            "mask "
                + m.getFileName()
                + " is "
                + mask.width()
                + "x"
                + mask.height()
                + " but the image is "
                + raster.width()
                + "x"
                + raster.height());
      }
      byte[] bits = new byte[mask.pixels().length];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = (byte) ((mask.pixels()[i] & 0xff) > 127 ? 1 : 0);
        if (union != null) {
          union[i] |= bits[i];
        }
      }
      if (!merged) {
        Roi.fromMask(
                "mask-" + (++n),
                roiLabel,
                BitMask.wrap(raster.width(), raster.height(), bits),
                "mask",
                Map.of("mask_file", m.getFileName().toString()))
            .ifPresent(rois::add);
      }
    }
    if (merged && !maskFiles.isEmpty()) {
      Roi.fromMask(
              "mask-1",
              roiLabel,
              BitMask.wrap(raster.width(), raster.height(), union),
              "mask",
              Map.of("mask_files", String.valueOf(maskFiles.size())))
          .ifPresent(rois::add);
    }
    if (boxes.isPresent()) {
      // Boxes sit beside the masks; a box region never replaces a mask region.
      rois.addAll(boxes.get().regions(rel, raster.width(), raster.height()));
    }
    String className = rel.substring(0, rel.indexOf('/'));
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), rel, 0),
            spec.name(),
            rel,
            new Identity(rel, rel),
            modality,
            bodyPart,
            "",
            raster);
    return List.of(
        s.withLabels(List.of(Label.single(task, task.indexOf(className)))).withRois(rois));
  }

  /** {@code <stem>_mask*.<image extension>} among the candidates, in name order. */
  private static List<Path> masksOf(Path image, List<Path> candidates) {
    String name = image.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    return candidates.stream()
        .filter(
            p -> {
              String f = p.getFileName().toString();
              return f.startsWith(stem + "_mask") && ImageFormat.byExtension(f).isPresent();
            })
        .sorted()
        .toList();
  }
}
