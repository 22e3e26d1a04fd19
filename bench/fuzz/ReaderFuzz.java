import io.medloom.core.source.ReadBudget;
import io.medloom.io.dicom.DicomReader;
import io.medloom.io.image.ImageFormat;
import io.medloom.io.image.RasterFiles;
import io.medloom.io.nifti.NiftiReader;
import io.medloom.io.numpy.NpyReader;
import io.medloom.io.numpy.NpzReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Jazzer target for one MedLoom reader, chosen by the system property {@code medloom.fuzz.reader}
 * (png, jpeg, tiff, dicom, nifti, npy, npz, yaml). Each input goes to the reader exactly as a
 * build gives it a file, with a read budget; an {@link IOException} (the readers' documented
 * rejection, {@link ReadBudget.BudgetExceededException} included) is the expected outcome of a
 * broken file. Anything else that escapes — a RuntimeException, an Error, a hang — is a finding.
 */
public final class ReaderFuzz {
  /** 2048 x 2048 pixels, 64 MB decoded per input: large enough for every seed, small for a bomb. */
  static final ReadBudget BUDGET = new ReadBudget(2048L * 2048, 64L << 20);

  private static String reader;
  private static Path input;
  private static Method yamlParse;

  private ReaderFuzz() {}

  public static void fuzzerInitialize() throws Exception {
    reader = System.getProperty("medloom.fuzz.reader", "");
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("medloom.fuzz.tmp", "/tmp")),
        "medloom-fuzz-" + reader + "-");
    dir.toFile().deleteOnExit();
    String ext =
        switch (reader) {
          case "nifti" -> "input.nii";
          case "npy" -> "input.npy";
          case "npz" -> "input.npz";
          case "dicom" -> "input.dcm";
          default -> "input.bin";
        };
    input = dir.resolve(ext);
    input.toFile().deleteOnExit();
    if (reader.equals("yaml")) {
      Class<?> c = Class.forName("io.medloom.io.medimeta.MiniYaml");
      yamlParse = c.getDeclaredMethod("parse", String.class, String.class);
      yamlParse.setAccessible(true);
    }
    // ImageJ reports to System.out; libFuzzer's own report goes to stderr.
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
  }

  public static void fuzzerTestOneInput(byte[] data) throws Throwable {
    try {
      switch (reader) {
        case "png", "jpeg", "tiff" -> image(data);
        case "dicom" -> DicomReader.read(write(data), BUDGET);
        case "nifti" -> NiftiReader.read(write(data), BUDGET);
        case "npy" -> NpyReader.read(write(data), BUDGET);
        case "npz" -> NpzReader.read(write(data), BUDGET);
        case "yaml" -> yaml(data);
        default -> throw new IllegalStateException("unknown medloom.fuzz.reader '" + reader + "'");
      }
    } catch (IOException expected) {
      // the documented rejection of a bad file
    }
  }

  /** The build's path for image files: sniff the content, then decode within the budget. */
  private static void image(byte[] data) throws IOException {
    Optional<ImageFormat> format = ImageFormat.sniff(data, Math.min(data.length, 16));
    if (data.length == 0 || format.isEmpty()) {
      return; // RasterFiles.read refuses these before decoding
    }
    RasterFiles.decode(data, format.get(), new RasterFiles.DecodeOptions(BUDGET, true, 0));
  }

  private static void yaml(byte[] data) throws Throwable {
    try {
      yamlParse.invoke(null, new String(data, StandardCharsets.UTF_8), "info.yaml");
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Path write(byte[] data) throws IOException {
    Files.write(input, data);
    return input;
  }
}
