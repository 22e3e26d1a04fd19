package io.medloom.io.dicom;

import io.medloom.testing.Requirements;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * DCMTK's command-line tools (Debian package {@code dcmtk}) as the reference decoder: a file is
 * decompressed with the tool for its transfer syntax, its Pixel Data written out raw by {@code
 * dcmdump +W}, and the values unpacked with the header DCMTK wrote.
 */
final class Dcmtk {
  static final String PACKAGE = "dcmtk";

  private Dcmtk() {}

  /** Skips (or fails under CI) when DCMTK is not installed. */
  static void require() {
    Requirements.command("dcmdjpeg", PACKAGE);
    Requirements.command("dcmdjpls", PACKAGE);
    Requirements.command("dcmdrle", PACKAGE);
    Requirements.command("dcmcjpeg", PACKAGE);
    Requirements.command("dcmcjpls", PACKAGE);
    Requirements.command("dcmcrle", PACKAGE);
  }

  /** Runs a DCMTK tool; fails with its output when it does not exit 0. */
  static void run(Path workDir, String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
  }

  /** The tool that decompresses {@code transferSyntax} into explicit VR little endian. */
  static List<String> decompressor(String transferSyntax) {
    if (transferSyntax.startsWith("1.2.840.10008.1.2.4.8")) {
      return List.of("dcmdjpls", "+px");
    }
    if (transferSyntax.equals("1.2.840.10008.1.2.5")) {
      return List.of("dcmdrle");
    }
    if (transferSyntax.startsWith("1.2.840.10008.1.2.4.5")
        || transferSyntax.startsWith("1.2.840.10008.1.2.4.7")) {
      return List.of("dcmdjpeg", "+px");
    }
    return List.of("dcmconv", "+te");
  }

  /**
   * DCMTK's decode of {@code file}: the stored values of every frame, pixel-interleaved, masked to
   * {@code bitsStored} and sign-extended when {@code signed}.
   */
  static List<int[]> decode(Path file, String transferSyntax, Path work)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "dcmtk", ".dcm");
    List<String> cmd = new ArrayList<>(decompressor(transferSyntax));
    cmd.add(file.toAbsolutePath().toString());
    cmd.add(out.toString());
    run(work, cmd.toArray(String[]::new));
    Path rawDir = Files.createTempDirectory(work, "raw");
    Process dump =
        new ProcessBuilder(
                "dcmdump",
                "-q",
                "+W",
                rawDir.toString(),
                "+P",
                "0028,0002",
                "+P",
                "0028,0004",
                "+P",
                "0028,0006",
                "+P",
                "0028,0008",
                "+P",
                "0028,0010",
                "+P",
                "0028,0011",
                "+P",
                "0028,0100",
                "+P",
                "0028,0101",
                "+P",
                "0028,0102",
                "+P",
                "0028,0103",
                "+P",
                "7FE0,0010",
                out.toString())
            .redirectErrorStream(true)
            .start();
    String header = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    dump.waitFor();
    Path raw;
    try (Stream<Path> s = Files.list(rawDir)) {
      raw = s.filter(p -> p.toString().endsWith(".raw")).findFirst().orElseThrow();
    }
    return unpack(Files.readAllBytes(raw), new Header(header));
  }

  /** The Image Pixel attributes as dcmdump printed them. */
  private static final class Header {
    final int spp;
    final String photometric;
    final int planar;
    final int frames;
    final int rows;
    final int cols;
    final int bitsAllocated;
    final int bitsStored;
    final int highBit;
    final boolean signed;

    Header(String dump) {
      spp = number(dump, "(0028,0002)", 1);
      String p = value(dump, "(0028,0004)");
      photometric = p == null ? "" : p.replace("[", "").replace("]", "");
      planar = number(dump, "(0028,0006)", 0);
      frames = number(dump, "(0028,0008)", 1);
      rows = number(dump, "(0028,0010)", 0);
      cols = number(dump, "(0028,0011)", 0);
      bitsAllocated = number(dump, "(0028,0100)", 16);
      bitsStored = number(dump, "(0028,0101)", bitsAllocated);
      highBit = number(dump, "(0028,0102)", bitsStored - 1);
      signed = number(dump, "(0028,0103)", 0) == 1;
    }

    private static String value(String dump, String tag) {
      for (String line : dump.split("\n")) {
        if (line.startsWith(tag)) {
          String[] f = line.trim().split("\\s+");
          return f.length > 2 ? f[2] : null;
        }
      }
      return null;
    }

    private static int number(String dump, String tag, int fallback) {
      String v = value(dump, tag);
      if (v == null) {
        return fallback;
      }
      return Integer.parseInt(v.replace("[", "").replace("]", "").split("\\\\")[0]);
    }
  }

  private static List<int[]> unpack(byte[] raw, Header h) {
    int pixels = h.rows * h.cols;
    boolean ybr422 = h.photometric.equals("YBR_FULL_422") && h.spp == 3;
    int perFrame = ybr422 ? pixels * 2 : pixels * h.spp;
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    List<int[]> frames = new ArrayList<>();
    for (int f = 0; f < h.frames; f++) {
      int[] v = new int[perFrame];
      for (int i = 0; i < perFrame; i++) {
        long at = (long) f * perFrame + i;
        int r =
            switch (h.bitsAllocated) {
              case 1 -> (raw[(int) (at >>> 3)] >> (int) (at & 7)) & 1;
              case 8 -> raw[(int) at] & 0xff;
              case 16 -> b.getShort((int) at * 2) & 0xffff;
              default -> b.getInt((int) at * 4);
            };
        v[i] = stored(r, h);
      }
      frames.add(layout(v, h, pixels, ybr422));
    }
    return frames;
  }

  private static int stored(int raw, Header h) {
    if (h.bitsStored >= 32) {
      return raw;
    }
    int v = (raw >>> (h.highBit + 1 - h.bitsStored)) & ((1 << h.bitsStored) - 1);
    return h.signed && (v & (1 << (h.bitsStored - 1))) != 0 ? v - (1 << h.bitsStored) : v;
  }

  /** Colour by pixel, three samples per pixel (YBR_FULL_422 pairs expanded). */
  private static int[] layout(int[] v, Header h, int pixels, boolean ybr422) {
    if (ybr422) {
      int[] out = new int[pixels * 3];
      for (int p = 0; p < pixels; p++) {
        int q = (p / 2) * 4;
        out[3 * p] = v[q + p % 2];
        out[3 * p + 1] = v[q + 2];
        out[3 * p + 2] = v[q + 3];
      }
      return out;
    }
    if (h.spp == 3 && h.planar == 1) {
      int[] out = new int[v.length];
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < pixels; i++) {
          out[3 * i + c] = v[c * pixels + i];
        }
      }
      return out;
    }
    return v;
  }
}
