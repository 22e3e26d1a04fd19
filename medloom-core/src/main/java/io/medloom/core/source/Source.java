package io.medloom.core.source;

import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

/**
 * A place samples come from. Listing is cheap and in a fixed order (resuming a build skips by
 * ordinal); reading one item is the expensive part and happens on worker threads.
 *
 * <p>{@link #read} signals a bad input by throwing with a message that names what is wrong; the
 * runner records it as a rejection and moves on.
 */
public interface Source {
  /** The spec this source was opened from. */
  SourceSpec spec();

  /** Items in a fixed, deterministic order; the iterator may be lazy. */
  Iterator<SourceItem> items() throws IOException;

  /** The number of items when known up front (for progress and planning). */
  default OptionalLong size() {
    return OptionalLong.empty();
  }

  /** Reads one item into samples (one for a 2-D image, several for a volume or multi-frame). */
  List<Sample> read(SourceItem item) throws Exception;

  /** Tasks whose labels this source's samples carry. */
  List<Task> tasks();

  /**
   * Regular expressions matching this source's identifiers in clear (e.g. patient ids), so that
   * {@code verify} can prove none of them reached the dataset.
   */
  default List<String> identifierPatterns() {
    return List.of();
  }

  /**
   * The raw identifiers of this source (patient ids and names, study, series and instance UIDs,
   * accession numbers), when they can be listed without decoding the images (an id column of a CSV,
   * the headers of DICOM files), so that {@code verify --identifiers-from} can search a built
   * dataset for any of them in clear. Empty when the source cannot tell or has none.
   *
   * @throws IOException when the source cannot be listed (a server that does not answer)
   */
  default java.util.Set<String> identifiers() throws IOException {
    return java.util.Set.of();
  }

  /** Licence of the data, as the source states it. */
  default String license() {
    return "unknown";
  }
}
