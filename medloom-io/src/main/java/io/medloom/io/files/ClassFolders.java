package io.medloom.io.files;

import io.medloom.io.image.ImageFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The class folders of a {@code DIR/<class>/<image>} layout ({@code folder:}, {@code seg:}).
 *
 * <p>A task with one class is almost always a wrong path: published archives wrap the class folders
 * in one more folder (BUSI unpacks to {@code Dataset_BUSI_with_GT/benign|malignant|normal}). When
 * DIR holds exactly one folder, that folder holds no images itself and at least two folders, the
 * classes are read one level down and a warning names the folder to give instead. Any other single
 * class is kept (the user may mean it) with a warning naming the likely fix.
 *
 * @param root the folder whose sub-folders are the classes
 * @param classes the class names, sorted
 */
public record ClassFolders(Path root, List<String> classes) {
  private static final Logger LOG = Logger.getLogger(ClassFolders.class.getName());

  public ClassFolders {
    classes = List.copyOf(classes);
  }

  /**
   * Finds the class folders under {@code dir}.
   *
   * @param kind the source kind, for messages
   * @throws IOException when {@code dir} has no class folder at all
   */
  public static ClassFolders find(String kind, Path dir) throws IOException {
    List<String> classes = subfolders(dir);
    if (classes.isEmpty()) {
      throw new IOException(
          kind
              + " source: "
              + dir
              + " has no class subfolders (expected "
              + kind
              + ":DIR with DIR/<class>/<image>)");
    }
    if (classes.size() == 1) {
      Path only = dir.resolve(classes.get(0));
      List<String> inner = subfolders(only);
      if (inner.size() >= 2 && !holdsImages(only)) {
        LOG.warning(
            kind
                + " source: "
                + dir
                + " holds one folder whose sub-folders are the classes; reading the classes "
                + String.join(", ", inner)
                + " from "
                + only
                + " (give "
                + kind
                + ":"
                + only
                + " to silence this)");
        return new ClassFolders(only, inner);
      }
      LOG.warning(
          kind
              + " source: "
              + dir
              + " has one class folder, '"
              + classes.get(0)
              + "', so every sample gets the same label; if the classes are the folders inside"
              + " it, give "
              + kind
              + ":"
              + only);
    }
    return new ClassFolders(dir, classes);
  }

  /** Non-hidden sub-folders of {@code dir}, sorted by name. */
  private static List<String> subfolders(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .forEach(names::add);
    }
    names.sort(null);
    return names;
  }

  private static boolean holdsImages(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .anyMatch(p -> ImageFormat.byExtension(p.getFileName().toString()).isPresent());
    }
  }
}
