package io.medloom.io.medmnist;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.ReadBudget;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.numpy.NpyArray;
import io.medloom.io.numpy.NpzReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * {@code medmnist:FILE.npz} — a MedMNIST subset: {@code {train,val,test}_images} (N,H,W) or
 * (N,H,W,3) uint8 and {@code {train,val,test}_labels} (N,1) for single-label or (N,C) multi-hot for
 * multilabel subsets. The file's own split is kept as {@code original_split}. Class names come from
 * the MedMNIST table in {@code labels.properties} or the {@code classes} option (comma-separated);
 * the task is named by the {@code task} option (default: the file name). MedMNIST has no patient
 * ids, so each image is its own patient. Pickled object arrays are refused.
 */
final class MedMnistSource implements Source {
  private static final List<String> SPLITS = List.of("train", "val", "test");

  private final SourceSpec spec;
  private final String name;
  private final Task task;
  private final String modality;
  private final String bodyPart;
  private final List<Part> parts = new ArrayList<>();
  private final int total;

  /** The images and labels of one original split. */
  private record Part(String split, NpyArray images, NpyArray labels, int[] values, int start) {
    int count() {
      return images.shape()[0];
    }
  }

  /** Reads the whole archive at once: every array of it together must fit {@code budget}. */
  MedMnistSource(SourceSpec spec, ReadBudget budget) throws IOException {
    this.spec = spec;
    Path file = Path.of(spec.location());
    String fileName = file.getFileName().toString();
    this.name =
        fileName.toLowerCase(Locale.ROOT).replaceAll("\\.npz$", "").replaceAll("_\\d+$", "");
    Map<String, NpyArray> arrays = NpzReader.read(file, budget);
    int start = 0;
    int labelWidth = -1;
    for (String split : SPLITS) {
      NpyArray images = arrays.get(split + "_images");
      NpyArray labels = arrays.get(split + "_labels");
      if (images == null && labels == null) {
        continue;
      }
      if (images == null || labels == null) {
        throw new IOException(
            fileName + " has only one of " + split + "_images / " + split + "_labels");
      }
      if (!images.dtype().endsWith("u1")
          || (images.shape().length != 3 && images.shape().length != 4)) {
        throw new IOException(
            fileName
                + ": "
                + split
                + "_images must be uint8 (N,H,W[,3]), got "
                + images.dtype()
                + " "
                + Arrays.toString(images.shape()));
      }
      if (labels.shape().length < 1 || labels.shape().length > 2) {
        throw new IOException(
            fileName
                + ": "
                + split
                + "_labels must be (N,) or (N,C), got "
                + Arrays.toString(labels.shape()));
      }
      budget.checkPixels(images.shape()[2], images.shape()[1], fileName + ": " + split + " image");
      if (labels.shape()[0] != images.shape()[0]) {
        throw new IOException(
            fileName
                + ": "
                + split
                + " has "
                + images.shape()[0]
                + " images but "
                + labels.shape()[0]
                + " labels");
      }
      int width = labels.shape().length == 1 ? 1 : labels.shape()[1];
      labelWidth = labelWidth < 0 ? width : labelWidth;
      int[] values;
      try {
        values = labels.toIntArray(); // once: per sample it would make a build quadratic
      } catch (IllegalStateException | ArithmeticException e) {
        throw new IOException(fileName + ": " + split + "_labels: " + e.getMessage(), e);
      }
      parts.add(new Part(split, images, labels, values, start));
      start += images.shape()[0];
    }
    if (parts.isEmpty()) {
      throw new IOException(
          fileName + " holds no train/val/test _images arrays; keys: " + arrays.keySet());
    }
    this.total = start;
    Properties known = knownLabels();
    List<String> classes = List.of(spec.option("classes", known.getProperty(name, "")).split(","));
    if (classes.size() == 1 && classes.get(0).isBlank()) {
      int max = 0;
      for (Part p : parts) {
        for (int v : p.values()) {
          max = Math.max(max, v);
        }
      }
      classes = new ArrayList<>();
      for (int i = 0; i <= Math.max(max, labelWidth - 1); i++) {
        classes.add(String.valueOf(i));
      }
    }
    TaskTarget target =
        labelWidth > 1
            ? TaskTarget.MULTILABEL
            : classes.size() == 2 ? TaskTarget.BINARY : TaskTarget.MULTICLASS;
    this.task =
        Task.of(spec.option("task", name), target, classes.stream().map(String::trim).toList());
    this.modality = spec.option("modality", known.getProperty(name + ".modality", "OT"));
    this.bodyPart = spec.option("body_part", known.getProperty(name + ".body_part", ""));
  }

  private static Properties knownLabels() {
    Properties p = new Properties();
    try (InputStream in = MedMnistSource.class.getResourceAsStream("labels.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(total);
  }

  @Override
  public List<Task> tasks() {
    return List.of(task);
  }

  @Override
  public String license() {
    return "CC BY 4.0 (MedMNIST)";
  }

  @Override
  public Iterator<SourceItem> items() {
    List<SourceItem> items = new ArrayList<>(total);
    for (Part p : parts) {
      for (int i = 0; i < p.count(); i++) {
        items.add(SourceItem.of(p.start() + i, p.split() + "/" + i));
      }
    }
    return items.iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) throws IOException {
    int ordinal = (int) item.ordinal();
    Part part =
        parts.stream().filter(p -> ordinal < p.start() + p.count()).findFirst().orElseThrow();
    int i = ordinal - part.start();
    int[] shape = part.images().shape();
    int h = shape[1];
    int w = shape[2];
    int ch = shape.length == 4 ? shape[3] : 1;
    int n = w * h * ch;
    // The image's own bytes only: copying the whole array per sample costs O(N^2) over a build.
    NpyArray images = part.images();
    byte[] px =
        images.fortranOrder()
            ? Arrays.copyOfRange(images.uint8(), i * n, (i + 1) * n)
            : Arrays.copyOfRange(images.data(), i * n, (i + 1) * n);
    Raster raster = new Raster(w, h, ch, px);
    int[] labels = part.values();
    int width = part.labels().shape().length == 1 ? 1 : part.labels().shape()[1];
    Label label;
    if (task.target() == TaskTarget.MULTILABEL) {
      List<String> positive = new ArrayList<>();
      for (int c = 0; c < width; c++) {
        if (labels[i * width + c] != 0) {
          positive.add(task.classes().get(c));
        }
      }
      label = Label.multi(task, positive);
    } else {
      int v = labels[i * width];
      if (!task.classes().containsKey(v)) {
        throw new IOException("label " + v + " is outside the classes " + task.classes().values());
      }
      label = Label.single(task, v);
    }
    String id = name + "/" + item.path();
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), id, 0),
            spec.name(),
            item.path(),
            new Identity(id, id),
            modality,
            bodyPart,
            "",
            raster);
    return List.of(s.withLabels(List.of(label)).withOriginalSplit(Optional.of(part.split())));
  }
}
