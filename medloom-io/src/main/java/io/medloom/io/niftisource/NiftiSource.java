package io.medloom.io.niftisource;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.source.ReadBudget;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.files.SortedFileWalk;
import io.medloom.io.files.SourcePaths;
import io.medloom.io.nifti.NiftiReader;
import io.medloom.io.nifti.NiftiVolume;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code nifti:DIR} — NIfTI-1/2 volumes ({@code .nii}, {@code .nii.gz}, {@code .hdr/.img}) cut into
 * 2-D slices. Options: {@code plane} (axial, coronal, sagittal; default axial, in radiological
 * display orientation), {@code slices} (all, every:K, labelled; default all), {@code t} (first or
 * all time points of a 4-D volume; default first), {@code images} (a glob on file names; default
 * every volume but the label volume), {@code labels} (a label volume in the images' voxel space,
 * e.g. an atlas: each region in a slice becomes a region of interest named from the text file
 * beside it), {@code patient} (file: each volume is a subject, the default; dir: all volumes are
 * one subject, as for a template and its derived images), {@code modality}, {@code body_part}.
 *
 * <p>Intensities become 8-bit through a per-volume window from the 0.5th to 99.5th percentile of
 * the finite voxels of the time point, which keeps a few extreme voxels from washing out the rest.
 * A volume with NaN or infinite voxels is rejected. Slices keep the voxel grid (no resampling to
 * physical aspect when voxels are anisotropic).
 */
final class NiftiSource implements Source {
  private final SourceSpec spec;
  private final Path root;
  private final String plane;
  private final SlicePolicy policy;
  private final boolean allTimePoints;
  private final Optional<Path> labelsFile;
  private final PathMatcher images;
  private final boolean onePatient;
  private final NiftiVolume labels; // null without a label volume
  private final Map<Integer, String> labelNames;
  private final ReadBudget budget;

  NiftiSource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.root = Path.of(spec.location()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("nifti source: not a directory: " + root);
    }
    this.budget = context.budget();
    this.plane = spec.option("plane", "axial").toLowerCase(Locale.ROOT);
    if (!List.of("axial", "coronal", "sagittal").contains(plane)) {
      throw new IllegalArgumentException("plane must be axial, coronal or sagittal: " + plane);
    }
    this.policy = SlicePolicy.parse(spec.option("slices", "all"));
    this.allTimePoints = spec.option("t", "first").equals("all");
    String labelsOption = spec.option("labels", "");
    this.labelsFile =
        labelsOption.isEmpty() ? Optional.empty() : Optional.of(root.resolve(labelsOption));
    if (labelsFile.isPresent()) {
      if (!Files.isRegularFile(labelsFile.get())) {
        throw new IOException("nifti source: label volume not found: " + labelsFile.get());
      }
      this.labels = NiftiReader.read(labelsFile.get(), budget);
      this.labelNames = LabelNames.read(labelsFile.get());
    } else {
      this.labels = null;
      this.labelNames = Map.of();
    }
    this.images = FileSystems.getDefault().getPathMatcher("glob:" + spec.option("images", "*"));
    this.onePatient = spec.option("patient", "file").equals("dir");
  }

  static boolean isVolume(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".nii")
        || n.endsWith(".nii.gz")
        || n.endsWith(".hdr")
        || n.endsWith(".hdr.gz");
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
      Path name = e.path().getFileName();
      if (!isVolume(name.toString()) || !images.matches(name)) {
        continue; // region-name tables, colour maps, .img halves of pairs, documentation
      }
      if (labelsFile.isPresent() && e.path().equals(labelsFile.get())) {
        continue;
      }
      items.add(new SourceItem(items.size(), root.relativize(e.path()).toString(), e.problem()));
    }
    return items.iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    NiftiVolume v = NiftiReader.read(root.resolve(item.path()), budget);
    if (v.channels() != 1) {
      throw new IOException("RGB NIfTI volumes are not sliced yet (datatype " + v.datatype() + ")");
    }
    if (v.hasNonFinite()) {
      throw new IOException("volume has NaN or infinite voxels");
    }
    if (labels != null
        && (labels.nx() != v.nx() || labels.ny() != v.ny() || labels.nz() != v.nz())) {
      throw new IOException(
          "label volume is "
              + labels.nx()
              + "x"
              + labels.ny()
              + "x"
              + labels.nz()
              + " but this volume is "
              + v.nx()
              + "x"
              + v.ny()
              + "x"
              + v.nz());
    }
    String subject = onePatient ? "dir:" + root.getFileName() : item.path();
    Identity identity = new Identity(subject, item.path());
    int slices = v.sliceCount(plane);
    int times = allTimePoints ? v.nt() : 1;
    List<Sample> out = new ArrayList<>();
    for (int t = 0; t < times; t++) {
      float[] window = window(v, t);
      for (int s = 0; s < slices; s++) {
        NiftiVolume.Slice image = v.slice(plane, s, t);
        Optional<NiftiVolume.Slice> label =
            labels == null ? Optional.empty() : Optional.of(labels.slice(plane, s, 0));
        boolean content = hasContent(label.orElse(image));
        if (!policy.takes(s, slices, content)) {
          continue;
        }
        String path = item.path() + "#" + plane + "=" + s + (times > 1 ? ",t=" + t : "");
        Sample sample =
            Sample.read(
                SampleIds.of(spec.kind(), item.path(), t * slices + s),
                spec.name(),
                path,
                identity,
                spec.option("modality", "OT").toUpperCase(Locale.ROOT),
                spec.option("body_part", "").toUpperCase(Locale.ROOT),
                plane.toUpperCase(Locale.ROOT),
                toRaster(image, window));
        out.add(label.isPresent() ? sample.withRois(regions(label.get())) : sample);
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no slice of " + slices + " matches slices=" + policy.kind());
    }
    return out;
  }

  private static boolean hasContent(NiftiVolume.Slice s) {
    for (float f : s.values()) {
      if (f != 0) {
        return true;
      }
    }
    return false;
  }

  /** {low, high}: the 0.5th and 99.5th percentiles of the time point's voxels. */
  private static float[] window(NiftiVolume v, int t) {
    int n = v.nx() * v.ny() * v.nz();
    float[] values = Arrays.copyOfRange(v.data(), t * n, (t + 1) * n);
    Arrays.sort(values);
    float low = values[(int) Math.floor(0.005 * (n - 1))];
    float high = values[(int) Math.ceil(0.995 * (n - 1))];
    if (high <= low) {
      high = values[n - 1];
      low = values[0];
    }
    return new float[] {low, high};
  }

  private static Raster toRaster(NiftiVolume.Slice s, float[] window) {
    byte[] px = new byte[s.width() * s.height()];
    float low = window[0];
    float range = Math.max(window[1] - low, 1e-6f);
    for (int i = 0; i < px.length; i++) {
      float x = (s.values()[i] - low) / range * 255f;
      px[i] = (byte) Math.round(Math.max(0, Math.min(255, x)));
    }
    return new Raster(s.width(), s.height(), 1, px);
  }

  private List<Roi> regions(NiftiVolume.Slice label) {
    TreeSet<Integer> values = new TreeSet<>();
    for (float f : label.values()) {
      if (f != 0) {
        values.add(Math.round(f));
      }
    }
    List<Roi> rois = new ArrayList<>();
    String atlas = labelsFile.map(p -> p.getFileName().toString()).orElse("");
    for (int value : values) {
      byte[] bits = new byte[label.values().length];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = (byte) (Math.round(label.values()[i]) == value ? 1 : 0);
      }
      String name = labelNames.getOrDefault(value, "label " + value);
      Roi.fromMask(
              "atlas-" + value,
              name,
              BitMask.wrap(label.width(), label.height(), bits),
              "atlas",
              Map.of("atlas", atlas, "atlas.value", String.valueOf(value)))
          .ifPresent(rois::add);
    }
    return rois;
  }
}
