package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.store.DatasetReader;
import io.medloom.store.Json;
import io.medloom.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact copies and re-encoded copies of an image, filed as different patients, end up in one split;
 * distinct real images are not grouped.
 */
class DuplicatesTest {
  @TempDir Path tmp;

  /**
   * Near duplicates inside BUSI itself, checked by eye (the same scan saved twice): 8 to 14 bits
   * apart in the perceptual hash and within 3 gray levels on thumbnails. (Two more pairs of these
   * 40 images, 242/288 and 199/248, are the same scan at another frame: 4 to 6 levels apart, not
   * grouped.)
   */
  private static final String[][] REAL_PAIRS = {
    {"benign (105).png", "benign (156).png"}, {"benign (259).png", "benign (280).png"}
  };

  @Test
  void duplicatesAcrossPatientsShareASplitAndAreReported() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT/benign");
    List<Path> originals;
    try (var files = Files.list(busi)) {
      originals = files.filter(p -> !p.toString().contains("_mask")).sorted().limit(40).toList();
    }
    Path in = tmp.resolve("in");
    Files.createDirectories(in.resolve("a"));
    Files.createDirectories(in.resolve("b"));
    Map<String, String> copyOf = new HashMap<>();
    for (int i = 0; i < originals.size(); i++) {
      String name = "img" + i + ".png";
      Files.copy(originals.get(i), in.resolve("a").resolve(name));
      if (i < 5) { // exact copy under another name (another "patient")
        Files.copy(originals.get(i), in.resolve("b").resolve("copy" + i + ".png"));
        copyOf.put("b/copy" + i + ".png", "a/" + name);
      } else if (i < 10) { // re-encoded as JPEG: near duplicate
        BufferedImage img = ImageIO.read(originals.get(i).toFile());
        BufferedImage rgb =
            new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        rgb.getGraphics().drawImage(img, 0, 0, null);
        writeJpeg(rgb, in.resolve("b").resolve("reencoded" + i + ".jpg"), 0.9f);
        copyOf.put("b/reencoded" + i + ".jpg", "a/" + name);
      }
    }
    Path out = tmp.resolve("out");
    // Many patients per split so that copies would usually be split apart if nothing grouped them.
    Cli build =
        Cli.run(
            "build",
            "--source",
            "folder:" + in + "?paths=clear", // copies are matched by path below
            "--out",
            out.toString(),
            "--size",
            "128",
            "--val",
            "0.3",
            "--test",
            "0.3",
            "--seed",
            "11");
    assertThat(build.exitCode()).as(build.out()).isZero();
    Map<String, String> split = new HashMap<>();
    try (DatasetReader r = DatasetReader.open(out)) {
      r.query(
          "SELECT original_path, split FROM samples",
          rs -> {
            while (rs.next()) {
              split.put(rs.getString(1), rs.getString(2));
            }
          });
      JsonNode dup = Json.MAPPER.valueToTree(r.info().duplicates());
      assertThat(dup.get("exact_groups").asLong()).isEqualTo(5);
      assertThat(dup.get("near_duplicate_pairs").asLong()).isGreaterThanOrEqualTo(5);
      // Each copy links two "patients"; BUSI itself holds near duplicates too (see REAL_PAIRS),
      // which link a few more.
      assertThat(dup.get("patients_linked_by_duplicates").asLong()).isBetween(20L, 24L);
    }
    copyOf.forEach(
        (copy, original) ->
            assertThat(split.get(copy))
                .as("%s vs %s", copy, original)
                .isEqualTo(split.get(original)));
    assertThat(Cli.run("verify", out.toString()).exitCode()).isZero();
    assertThat(Cli.run("info", out.toString()).out()).contains("duplicates", "exact_groups=5");
  }

  @Test
  void lookAlikeSyntheticPatientsAreNotTakenForDuplicates() throws Exception {
    // The phantom draws every film from one template: many hashes come within 24 bits; only the
    // thumbnail check keeps distinct patients apart (and the split ratios intact).
    Path out = tmp.resolve("phantom");
    assertThat(
            Cli.run("build", "--source", "phantom:150", "--out", out.toString(), "--size", "224")
                .exitCode())
        .isZero();
    try (DatasetReader r = DatasetReader.open(out)) {
      assertThat(r.info().duplicates()).containsEntry("patients_linked_by_duplicates", 0L);
    }
  }

  private static void writeJpeg(BufferedImage img, Path file, float quality) throws Exception {
    var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    try (var out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
