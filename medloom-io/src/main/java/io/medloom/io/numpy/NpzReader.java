package io.medloom.io.numpy;

import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a numpy {@code .npz}: a ZIP (stored or deflated, ZIP64 included) whose entries are all
 * {@code .npy} files, as written by {@code np.savez} / {@code np.savez_compressed}.
 */
public final class NpzReader {
  private NpzReader() {}

  /**
   * All arrays, keyed by entry name without ".npy", in the archive's order. Any entry that is not a
   * .npy file, a duplicate key, or bytes left after an array's data fail the whole read: a
   * partially understood archive is not silently used. Read within the {@linkplain
   * ReadBudget#standard() standard} budget.
   */
  public static Map<String, NpyArray> read(Path npz) throws IOException {
    return read(npz, ReadBudget.standard());
  }

  /**
   * All arrays, as {@link #read(Path)}, together within {@code budget}: every array's declared size
   * is checked against what is left of the budget before it is read, and every entry is inflated
   * through a counting limit, so a zip bomb stops at the budget (its declared sizes and the zip
   * directory may both lie).
   */
  public static Map<String, NpyArray> read(Path npz, ReadBudget budget) throws IOException {
    Map<String, NpyArray> out = new LinkedHashMap<>();
    ZipFile zip;
    try {
      zip = new ZipFile(npz.toFile());
    } catch (ZipException e) {
      throw new IOException(npz + ": not a valid npz (zip) file: " + e.getMessage(), e);
    }
    long used = 0;
    try (zip) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (e.isDirectory() || !name.endsWith(".npy")) {
          throw new IOException(
              npz
                  + ": zip entry '"
                  + name
                  + "' is not a .npy file; an npz holds only .npy entries");
        }
        String key = name.substring(0, name.length() - ".npy".length());
        String src = npz + "!" + name;
        ReadBudget left = budget.remaining(used);
        // The header and the one byte read past the data count too: allow them beyond the budget.
        long limit = left.maxBytes() + NpyReader.MAX_HEADER + 16;
        try (InputStream in = ReadBudget.limit(zip.getInputStream(e), limit, src)) {
          NpyArray a = NpyReader.read(in, src, left, -1);
          used += a.data().length;
          if (in.read() != -1) {
            throw new IOException(src + ": extra bytes after the array data (shape/dtype lie?)");
          }
          if (out.put(key, a) != null) {
            throw new IOException(npz + ": duplicate entry for key '" + key + "'");
          }
        } catch (ZipException | java.io.EOFException ex) {
          throw new IOException(src + ": corrupt zip entry: " + ex.getMessage(), ex);
        }
      }
    }
    return out;
  }
}
