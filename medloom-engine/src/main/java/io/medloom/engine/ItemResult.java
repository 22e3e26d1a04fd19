package io.medloom.engine;

import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.store.Row;
import java.util.List;
import java.util.Optional;

/** What one input became: encoded rows (and their samples, for tallies) or a rejection. */
record ItemResult(List<Row> rows, List<Sample> samples, Optional<Rejection> rejection) {
  static ItemResult rejected(Rejection r) {
    return new ItemResult(List.of(), List.of(), Optional.of(r));
  }
}
