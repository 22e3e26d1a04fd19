package io.medloom.core.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The raw lines of a corpus file, as the split rule hashed them. */
final class PhiCorpusLines {
  private PhiCorpusLines() {}

  static List<String> read(String name) throws IOException {
    try (InputStream in = PhiCorpusLines.class.getResourceAsStream("phi-corpus/" + name + ".txt")) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(all.split("\n")).filter(l -> !l.isBlank()).toList();
    }
  }
}
