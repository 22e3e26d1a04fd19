package io.medloom.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The file a generated build key lives in while its build runs: {@code <state>/build-keys/<hash of
 * the output path>.key}. The directory is created 0700 and the file 0600 from their first moment (a
 * temporary created with those permissions, written, synced, then renamed into place), so there is
 * no window in which another user could read the key; neither is ever reached through a symbolic
 * link, which could send the key somewhere else or read a planted one.
 */
final class BuildKeyFile {
  static final int KEY_BYTES = 32;

  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private BuildKeyFile() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The key if {@code file} exists, refusing links and anything but a key-sized regular file. */
  static java.util.Optional<byte[]> read(Path file) throws IOException {
    checkDirectory(file.getParent(), false);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.empty();
    }
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink() || !a.isRegularFile()) {
      throw new IOException(
          "refusing the build key "
              + file
              + ": it is "
              + (a.isSymbolicLink() ? "a symbolic link" : "not a regular file")
              + " (a key is only ever read from a plain file MedLoom created)");
    }
    ByteBuffer buf = ByteBuffer.allocate(KEY_BYTES + 1);
    Set<OpenOption> opts = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try (SeekableByteChannel ch = Files.newByteChannel(file, opts)) {
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read until the buffer is full or the file ends
      }
    }
    if (buf.position() != KEY_BYTES) {
      throw new IOException(
          "the build key "
              + file
              + " is damaged ("
              + buf.position()
              + " bytes, not "
              + KEY_BYTES
              + "); delete the unfinished build folder and build again");
    }
    if (posix()) {
      // An older MedLoom, or a copy, may have left it readable by others: close that at once.
      Files.setPosixFilePermissions(file, FILE_MODE);
    }
    return java.util.Optional.of(java.util.Arrays.copyOf(buf.array(), KEY_BYTES));
  }

  /** Creates a new random key at {@code file}, owner-only from the start; returns it. */
  static byte[] create(Path file) throws IOException {
    Path dir = file.getParent();
    checkDirectory(dir, true);
    byte[] key = new byte[KEY_BYTES];
    SecureRandom random = new SecureRandom();
    random.nextBytes(key);
    byte[] suffix = new byte[8];
    random.nextBytes(suffix);
    Path tmp = dir.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(suffix));
    Set<OpenOption> opts =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    FileAttribute<?>[] attrs =
        posix()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
            : new FileAttribute<?>[0];
    try {
      try (FileChannel ch = FileChannel.open(tmp, opts, attrs)) {
        ByteBuffer b = ByteBuffer.wrap(key);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      // rename(2) replaces whatever is at the target, a link included, and never follows it.
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return key;
  }

  /**
   * Checks (and with {@code create}, makes) the key directory: a real directory, not a link,
   * accessible by its owner only (a looser one is tightened).
   */
  private static void checkDirectory(Path dir, boolean create) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (!create) {
        return;
      }
      Files.createDirectories(dir.getParent());
      try {
        if (posix()) {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } else {
          Files.createDirectory(dir);
        }
      } catch (FileAlreadyExistsException e) {
        // made concurrently by another build: checked below like any existing directory
      }
    }
    BasicFileAttributes a =
        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink() || !a.isDirectory()) {
      throw new IOException(
          "refusing the key directory "
              + dir
              + ": it is "
              + (a.isSymbolicLink() ? "a symbolic link" : "not a directory")
              + "; remove it (or point MEDLOOM_STATE_DIR elsewhere) and build again");
    }
    if (posix()
        && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(DIR_MODE)) {
      Files.setPosixFilePermissions(dir, DIR_MODE);
    }
  }
}
