package io.medloom.io.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Lazily walks a directory tree in a fixed order (entries sorted by name, depth first), which a
 * resumable build needs: ordinals must mean the same file on every run. {@code Files.walk} gives no
 * order. Entries that cannot be used (broken links, unlistable directories) are yielded with the
 * problem instead of throwing, so the caller can record them. Hidden entries (dot files) are
 * skipped, as every image-folder loader does.
 *
 * <p>Links are where a walk goes wrong: two links to {@code ..} make {@code 2^depth} paths and a
 * walk that never ends, and a link to elsewhere reads files that are not part of the source. So a
 * link to a folder is never followed into the source's own tree (its files are listed where they
 * really are, once), a link whose target lies outside the root is a problem entry unless {@code
 * followOutside} (the {@code files=anywhere} option) allows it, and every folder is expanded at
 * most once (by its file key), which ends any loop that remains.
 */
public final class SortedFileWalk implements Iterator<SortedFileWalk.Entry> {
  /** A file found (or a problem found where a file or directory was expected). */
  public record Entry(Path path, Optional<String> problem) {}

  private final Path root;
  private final boolean followOutside;
  private final Deque<Path> pending = new ArrayDeque<>();
  private final Deque<Entry> ready = new ArrayDeque<>();
  private final Set<Object> expanded = new HashSet<>();
  private Path realRoot;

  /** Walks {@code root} without leaving it. */
  public SortedFileWalk(Path root) {
    this(root, false);
  }

  public SortedFileWalk(Path root, boolean followOutside) {
    this.root = root;
    this.followOutside = followOutside;
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
    try {
      if (realRoot == null) {
        realRoot = root.toRealPath();
      }
      Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
      if (!expanded.add(key != null ? key : dir.toRealPath())) {
        ready.add(
            new Entry(dir, Optional.of("directory link loop: this folder was walked already")));
        return;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) {
          if (!p.getFileName().toString().startsWith(".")) {
            children.add(p);
          }
        }
      }
    } catch (IOException | SecurityException e) {
      ready.add(new Entry(dir, Optional.of("cannot list directory: " + e)));
      return;
    }
    children.sort(null);
    List<Path> subdirs = new ArrayList<>();
    for (Path p : children) {
      boolean link = Files.isSymbolicLink(p);
      if (link && !Files.exists(p)) {
        ready.add(new Entry(p, Optional.of("broken symbolic link: " + readLink(p))));
        continue;
      }
      Optional<String> linkProblem = link ? linkProblem(p) : Optional.empty();
      if (linkProblem.isPresent()) {
        ready.add(new Entry(p, linkProblem));
      } else if (Files.isDirectory(p)) {
        subdirs.add(p);
      } else if (Files.isRegularFile(p)) {
        ready.add(new Entry(p, Optional.empty()));
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

  /** Why a (not broken) link must not be followed, or empty when it may. */
  private Optional<String> linkProblem(Path link) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      return Optional.of("unresolvable symbolic link: " + e.getMessage());
    }
    boolean inside = target.startsWith(realRoot);
    boolean dir = Files.isDirectory(target);
    if (dir && inside) {
      Path parent;
      try {
        parent = link.getParent().toRealPath();
      } catch (IOException e) {
        parent = link.getParent();
      }
      return Optional.of(
          parent.startsWith(target)
              ? "directory link loop: the link leads back to a folder that contains it"
              : "link to a folder of the source itself: its files are read where they are");
    }
    if (!inside && !followOutside) {
      return Optional.of("symbolic link leads outside the source folder" + SourcePaths.HINT);
    }
    return Optional.empty();
  }

  private static String readLink(Path p) {
    try {
      return "points to " + Files.readSymbolicLink(p) + ", which does not exist";
    } catch (IOException e) {
      return "unreadable link";
    }
  }
}
