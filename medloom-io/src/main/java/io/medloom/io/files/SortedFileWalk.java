package io.medloom.io.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Lazily walks a directory tree in a fixed order (entries sorted by name, depth first), which a
 * resumable build needs: ordinals must mean the same file on every run. {@code Files.walk} gives no
 * order. Entries that cannot be used (broken links, unlistable directories) are yielded with the
 * problem instead of throwing, so the caller can record them. Hidden entries (dot files) are
 * skipped, as every image-folder loader does.
 */
public final class SortedFileWalk implements Iterator<SortedFileWalk.Entry> {
  /** A file found (or a problem found where a file or directory was expected). */
  public record Entry(Path path, Optional<String> problem) {}

  private final Deque<Path> pending = new ArrayDeque<>();
  private final Deque<Entry> ready = new ArrayDeque<>();

  public SortedFileWalk(Path root) {
    pending.push(root);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !pending.isEmpty()) {
      expand(pending.pop());
    }
    return !ready.isEmpty();
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void expand(Path dir) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (!p.getFileName().toString().startsWith(".")) {
          children.add(p);
        }
      }
    } catch (IOException | SecurityException e) {
      ready.add(new Entry(dir, Optional.of("cannot list directory: " + e)));
      return;
    }
    children.sort(null);
    List<Path> subdirs = new ArrayList<>();
    for (Path p : children) {
      if (Files.isDirectory(p)) {
        subdirs.add(p);
      } else if (Files.isRegularFile(p)) {
        ready.add(new Entry(p, Optional.empty()));
      } else if (Files.isSymbolicLink(p) && !Files.exists(p)) {
        ready.add(new Entry(p, Optional.of("broken symbolic link: " + readLink(p))));
      } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        ready.add(new Entry(p, Optional.of("entry vanished while listing")));
      } else {
        ready.add(new Entry(p, Optional.of("not a regular file (device, pipe or socket)")));
      }
    }
    // Push in reverse so the first subdirectory is expanded next: depth-first in name order.
    for (int i = subdirs.size() - 1; i >= 0; i--) {
      pending.push(subdirs.get(i));
    }
  }

  private static String readLink(Path p) {
    try {
      return "points to " + Files.readSymbolicLink(p) + ", which does not exist";
    } catch (IOException e) {
      return "unreadable link";
    }
  }
}
