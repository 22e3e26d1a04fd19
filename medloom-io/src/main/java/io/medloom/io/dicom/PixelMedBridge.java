package io.medloom.io.dicom;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * PixelMed (Debian's libpixelmed-java) reached through reflection. PixelMed is not on Maven
 * Central, so the build cannot depend on it; when its jars are installed they are loaded into a
 * child class loader whose parent is ours, which keeps the JPEG 2000 ImageIO plugin from our class
 * path visible to PixelMed. When the jars are absent nothing of PixelMed is touched.
 *
 * <p>Only a handful of PixelMed methods are used; they are looked up once per loader.
 */
final class PixelMedBridge {
  /** System property naming the folder with pixelmed.jar; default {@value #DEFAULT_DIR}. */
  static final String DIR_PROPERTY = "medloom.pixelmed.dir";

  static final String DEFAULT_DIR = "/usr/share/java";

  /** pixelmed.jar first; the others are its run-time needs (codecs, logging, ImageIO plugins). */
  private static final List<String> JARS =
      List.of(
          "pixelmed.jar",
          "pixelmed_imageio.jar",
          "commons-codec.jar",
          "vecmath.jar",
          "slf4j-api.jar");

  private static final Logger LOG = Logger.getLogger(PixelMedBridge.class.getName());
  private static final Map<String, Optional<PixelMedBridge>> BY_DIR = new ConcurrentHashMap<>();

  private final ClassLoader loader;
  private final Class<?> attributeListClass;
  private final Class<?> attributeTagClass;
  private final Class<?> sourceImageClass;
  private final Method listRead;
  private final Method listReadUntil;
  private final Method listGet;
  private final Method listGetPixelData;
  private final Method listDecompressedPhotometric;
  private final Method attrDelimited;
  private final Method attrDoubles;
  private final Method attrVl;
  private final Method imageCount;
  private final Method imageFrame;
  private final Method imageIsSigned;

  private PixelMedBridge(ClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    attributeListClass = loader.loadClass("com.pixelmed.dicom.AttributeList");
    attributeTagClass = loader.loadClass("com.pixelmed.dicom.AttributeTag");
    Class<?> attribute = loader.loadClass("com.pixelmed.dicom.Attribute");
    sourceImageClass = loader.loadClass("com.pixelmed.display.SourceImage");
    listRead = attributeListClass.getMethod("read", String.class);
    listReadUntil = attributeListClass.getMethod("read", String.class, attributeTagClass);
    listGet = attributeListClass.getMethod("get", attributeTagClass);
    listGetPixelData = attributeListClass.getMethod("getPixelData");
    listDecompressedPhotometric =
        attributeListClass.getMethod("getDecompressedPhotometricInterpretation");
    attrDelimited = attribute.getMethod("getDelimitedStringValuesOrEmptyString");
    attrDoubles = attribute.getMethod("getDoubleValues");
    attrVl = attribute.getMethod("getVL");
    imageCount = sourceImageClass.getMethod("getNumberOfBufferedImages");
    imageFrame = sourceImageClass.getMethod("getBufferedImage", int.class);
    imageIsSigned = sourceImageClass.getMethod("isSigned");
  }

  /**
   * The bridge for the folder named by {@value #DIR_PROPERTY}, or empty when PixelMed is absent.
   */
  static Optional<PixelMedBridge> find() {
    String dir = System.getProperty(DIR_PROPERTY, DEFAULT_DIR);
    return BY_DIR.computeIfAbsent(dir, d -> load(Path.of(d)));
  }

  private static Optional<PixelMedBridge> load(Path dir) {
    if (!Files.isRegularFile(dir.resolve("pixelmed.jar"))) {
      return Optional.empty();
    }
    List<URL> urls = new ArrayList<>();
    for (String jar : JARS) {
      Path p = dir.resolve(jar);
      if (Files.isRegularFile(p)) {
        try {
          urls.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalStateException("bad jar path " + p, e);
        }
      }
    }
    ClassLoader parent = PixelMedBridge.class.getClassLoader();
    // Never closed: the classes stay in use for the life of the process.
    URLClassLoader loader = new URLClassLoader("pixelmed", urls.toArray(URL[]::new), parent);
    try {
      PixelMedBridge bridge = new PixelMedBridge(loader);
      registerImageIoPlugins(loader);
      return Optional.of(bridge);
    } catch (ReflectiveOperationException | LinkageError e) {
      // An incompatible PixelMed version: behave as if absent, but say why once.
      LOG.log(Level.WARNING, "PixelMed in " + dir + " is unusable, using ImageJ only", e);
      return Optional.empty();
    }
  }

  /**
   * ImageIO's registry only scans the application class path, so the JPEG lossless reader of
   * pixelmed_imageio.jar (in our child loader) would stay invisible to PixelMed's decoder. Register
   * every reader the child loader can see; re-registering a class already known is harmless.
   */
  private static void registerImageIoPlugins(ClassLoader loader) {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    var it = ServiceLoader.load(ImageReaderSpi.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        registry.registerServiceProvider(it.next(), ImageReaderSpi.class);
      } catch (ServiceConfigurationError e) {
        LOG.log(Level.FINE, "skipping an ImageIO plugin that does not load", e);
      }
    }
  }

  /** PixelMed's AttributeList for the file; its exceptions are unwrapped. */
  Object readList(Path file) throws Exception {
    return call(
        () -> {
          Object list = attributeListClass.getConstructor().newInstance();
          listRead.invoke(list, file.toAbsolutePath().toString());
          return list;
        });
  }

  /** PixelMed's AttributeList of the file's elements before Pixel Data (the header only). */
  Object readHeader(Path file) throws Exception {
    Object stop =
        attributeTagClass.getConstructor(int.class, int.class).newInstance(0x7FE0, 0x0010);
    return call(
        () -> {
          Object list = attributeListClass.getConstructor().newInstance();
          listReadUntil.invoke(list, file.toAbsolutePath().toString(), stop);
          return list;
        });
  }

  /** The attribute (group,element) of the list, or null. */
  Object attribute(Object list, int group, int element) throws Exception {
    Object tag = attributeTagClass.getConstructor(int.class, int.class).newInstance(group, element);
    return call(() -> listGet.invoke(list, tag));
  }

  /** All values of an attribute joined with '\', or "" when absent. */
  String string(Object list, int group, int element) throws Exception {
    Object a = attribute(list, group, element);
    return a == null ? "" : ((String) call(() -> attrDelimited.invoke(a))).trim();
  }

  /** The numeric values of an attribute, or an empty array when absent or not numeric. */
  double[] doubles(Object list, int group, int element) throws Exception {
    Object a = attribute(list, group, element);
    if (a == null) {
      return new double[0];
    }
    double[] v = (double[]) call(() -> attrDoubles.invoke(a));
    return v == null ? new double[0] : v;
  }

  /** The Pixel Data attribute, or null when the object has none. */
  Object pixelData(Object list) throws Exception {
    return call(() -> listGetPixelData.invoke(list));
  }

  /** The value length in bytes of an attribute (0xFFFFFFFF for encapsulated data). */
  long valueLength(Object attribute) throws Exception {
    return (Long) call(() -> attrVl.invoke(attribute));
  }

  /** The photometric interpretation the decompressed pixels have (RGB after JPEG YBR decoding). */
  String decompressedPhotometric(Object list) throws Exception {
    return (String) call(() -> listDecompressedPhotometric.invoke(list));
  }

  /** PixelMed's SourceImage of the list: decodes compressed frames through ImageIO. */
  Object sourceImage(Object list) throws Exception {
    return call(() -> sourceImageClass.getConstructor(attributeListClass).newInstance(list));
  }

  int frameCount(Object sourceImage) throws Exception {
    return (Integer) call(() -> imageCount.invoke(sourceImage));
  }

  boolean isSigned(Object sourceImage) throws Exception {
    return (Boolean) call(() -> imageIsSigned.invoke(sourceImage));
  }

  java.awt.image.BufferedImage frame(Object sourceImage, int index) throws Exception {
    return (java.awt.image.BufferedImage) call(() -> imageFrame.invoke(sourceImage, index));
  }

  /**
   * Runs a PixelMed call with our loader as context class loader (PixelMed and ImageIO look up
   * codecs through it) and unwraps reflection's InvocationTargetException, so callers see
   * PixelMed's own exception (DicomException, EOFException, ...).
   */
  private <T> T call(Callable<T> body) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader saved = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return body.call();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause != null && cause.getClass() == Error.class) {
        // The JPEG 2000 codec (jj2000) reports a corrupt code stream with a plain
        // java.lang.Error ("IO Error when reading tile"): a bad file, not a broken JVM.
        throw new java.io.IOException("JPEG 2000 codec: " + cause.getMessage(), cause);
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    } finally {
      t.setContextClassLoader(saved);
    }
  }

  @Override
  public String toString() {
    return "PixelMedBridge" + (loader instanceof URLClassLoader u ? List.of(u.getURLs()) : "");
  }

  /** For messages: where the jars were looked for. */
  static String searchedDir() {
    return new File(System.getProperty(DIR_PROPERTY, DEFAULT_DIR)).getPath();
  }
}
