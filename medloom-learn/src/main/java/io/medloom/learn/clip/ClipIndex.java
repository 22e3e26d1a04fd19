package io.medloom.learn.clip;

import io.medloom.learn.model.ModelFolder;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's images in a vision–language model's joint space, for text → image search: every
 * sample with an image (all splits), embedded once and cached beside the model in {@code
 * MODEL/search/<dataset fingerprint>.idx}, so a later start with the same model and dataset reads
 * the file instead of running the image tower. A cache written for another model (config hash) or
 * in another format is rebuilt.
 */
public final class ClipIndex {
  private static final int MAGIC = 0x4d4c4958; // "MLIX"
  private static final int VERSION = 1;

  /** A sample and its cosine similarity to the query. */
  public record Hit(String id, double score) {}

  private final String[] ids;
  private final float[][] embeddings;
  private final Path file;
  private final boolean fromCache;

  private ClipIndex(String[] ids, float[][] embeddings, Path file, boolean fromCache) {
    this.ids = ids;
    this.embeddings = embeddings;
    this.file = file;
    this.fromCache = fromCache;
  }

  /** The index of {@code dataset} for {@code model}: read from its cache, else built and cached. */
  public static ClipIndex open(ClipModel model, Path dataset, int threads) throws IOException {
    try (SampleReader reader =
        SampleReader.open(dataset, SplitScheme.MEDLOOM, Optional.empty(), ClipData.COLUMNS)) {
      Path file = model.folder().root().resolve("search").resolve(reader.fingerprint() + ".idx");
      String key = model.info().configHash();
      if (Files.isRegularFile(file)) {
        ClipIndex cached = read(file, key);
        if (cached != null) {
          return cached;
        }
      }
      ClipData data =
          ClipData.images(
              reader, model.info().preset().imageSize(), model.info().normalization(), 0);
      float[][] emb = model.images(data, 64, threads).embeddings();
      String[] ids = new String[data.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = data.id(i);
      }
      Files.createDirectories(file.getParent());
      ModelFolder.writeAtomically(file, bytes(key, ids, emb));
      return new ClipIndex(ids, emb, file, false);
    }
  }

  public int size() {
    return ids.length;
  }

  public Path file() {
    return file;
  }

  /** Whether this index was read from the cache file rather than computed. */
  public boolean fromCache() {
    return fromCache;
  }

  /** The {@code limit} images nearest to the query text, best first (ties by sample id). */
  public List<Hit> search(ClipModel model, String query, int limit) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("the search text is empty");
    }
    float[] q = model.texts(List.of(query.strip()))[0];
    List<Hit> all = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      all.add(new Hit(ids[i], ClipModel.dot(embeddings[i], q)));
    }
    all.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparing(Hit::id));
    return List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size())));
  }

  private static byte[] bytes(String key, String[] ids, float[][] emb) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(key);
      int dim = emb.length == 0 ? 0 : emb[0].length;
      out.writeInt(ids.length);
      out.writeInt(dim);
      for (int i = 0; i < ids.length; i++) {
        out.writeUTF(ids[i]);
        for (float v : emb[i]) {
          out.writeFloat(v);
        }
      }
    }
    return buf.toByteArray();
  }

  /** The cached index, or null when the file is for another model or unreadable (then rebuilt). */
  private static ClipIndex read(Path file, String key) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(key)) {
        return null;
      }
      int n = in.readInt();
      int dim = in.readInt();
      String[] ids = new String[n];
      float[][] emb = new float[n][dim];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readUTF();
        for (int d = 0; d < dim; d++) {
          emb[i][d] = in.readFloat();
        }
      }
      return new ClipIndex(ids, emb, file, true);
    } catch (IOException e) {
      return null;
    }
  }
}
