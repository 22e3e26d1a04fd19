package io.medloom.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Search by meaning: a query text ranked against a dataset's images by some model (a
 * vision–language model's joint embedding). The viewer asks it when the grid's search mode is
 * "meaning"; without one, only the word search exists.
 */
public interface TextSearch {
  /** One answer: a sample and its similarity to the query (higher is nearer). */
  record Hit(String sampleId, double score) {}

  /** What answers, shown in the viewer (e.g. the model folder's name). */
  String describe();

  /** The {@code limit} samples of the dataset at {@code root} nearest the query, best first. */
  List<Hit> search(Path root, String query, int limit) throws IOException;
}
