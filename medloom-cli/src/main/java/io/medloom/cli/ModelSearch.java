package io.medloom.cli;

import io.medloom.learn.clip.ClipIndex;
import io.medloom.learn.clip.ClipModel;
import io.medloom.server.TextSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The viewer's search by meaning, answered by a vision–language model: each served dataset's images
 * are indexed once at start (or read from the index cached beside the model), and a query is
 * embedded by the text tower and ranked by cosine similarity. Queries are serialised: the model is
 * not thread-safe.
 */
final class ModelSearch implements TextSearch, AutoCloseable {
  private final ClipModel model;
  private final Path modelDir;
  private final Map<Path, ClipIndex> indexes = new LinkedHashMap<>();

  private ModelSearch(ClipModel model, Path modelDir) {
    this.model = model;
    this.modelDir = modelDir;
  }

  /** Loads the model and indexes the datasets, reporting each index on stderr. */
  static ModelSearch open(Path modelDir, List<Path> datasets) throws IOException {
    ClipModel m = ClipModel.load(modelDir);
    ModelSearch s = new ModelSearch(m, modelDir);
    try {
      for (Path d : datasets) {
        ClipIndex ix = ClipIndex.open(m, d, 2);
        s.indexes.put(key(d), ix);
        System.err.printf(
            "search by meaning: %d images of %s %s %s%n",
            ix.size(), d, ix.fromCache() ? "read from" : "indexed into", ix.file());
      }
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
    return s;
  }

  private static Path key(Path root) {
    return root.toAbsolutePath().normalize();
  }

  @Override
  public String describe() {
    return modelDir.toAbsolutePath().normalize().getFileName().toString();
  }

  @Override
  public synchronized List<Hit> search(Path root, String query, int limit) {
    ClipIndex ix = indexes.get(key(root));
    if (ix == null) {
      throw new IllegalArgumentException("no search index for " + root);
    }
    return ix.search(model, query, limit).stream().map(h -> new Hit(h.id(), h.score())).toList();
  }

  @Override
  public synchronized void close() {
    model.close();
  }
}
