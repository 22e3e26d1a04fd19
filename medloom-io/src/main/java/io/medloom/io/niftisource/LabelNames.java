package io.medloom.io.niftisource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Region names of a label volume, from the text file beside it ({@code aal.nii.txt}): lines {@code
 * <value> <name> [code]} or {@code <value>\t<name>}. Values without a name are called {@code label
 * <value>}.
 */
final class LabelNames {
  private LabelNames() {}

  static Map<Integer, String> read(Path labelVolume) throws IOException {
    Map<Integer, String> names = new TreeMap<>();
    String file = labelVolume.getFileName().toString();
    String base = file.replaceAll("\\.gz$", "");
    for (Path candidate :
        new Path[] {
          labelVolume.resolveSibling(base + ".txt"),
          labelVolume.resolveSibling(base.replaceAll("\\.nii$", "") + ".txt")
        }) {
      if (!Files.isRegularFile(candidate)) {
        continue;
      }
      for (String line : Files.readAllLines(candidate, StandardCharsets.UTF_8)) {
        String[] f = line.strip().split("\\t|\\s+", 3);
        if (f.length < 2) {
          continue;
        }
        try {
          int value = Integer.parseInt(f[0]);
          String name = line.contains("\t") ? line.substring(line.indexOf('\t') + 1).strip() : f[1];
          names.put(value, name);
        } catch (NumberFormatException e) {
          // a header or comment line
        }
      }
      break;
    }
    return names;
  }
}
