package io.medloom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.store.RowEncoder;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A reader that dies with an Error on one input (a parser recursing on hostile nesting, a decoder
 * asking for more memory than exists) costs that input only: it becomes a rejection naming the
 * Error, and the build goes on.
 */
class ReaderErrorsTest {
  private static Source failing(Supplier<Error> error) {
    return new Source() {
      @Override
      public SourceSpec spec() {
        return SourceSpec.parse("folder:/hostile");
      }

      @Override
      public Iterator<SourceItem> items() {
        return List.of(SourceItem.of(0, "x.png")).iterator();
      }

      @Override
      public List<Sample> read(SourceItem item) {
        throw error.get();
      }

      @Override
      public List<Task> tasks() {
        return List.of();
      }
    };
  }

  @Test
  void stackOverflowAndOutOfMemoryInAReaderBecomeRejections() {
    for (Supplier<Error> e :
        List.<Supplier<Error>>of(
            () -> new StackOverflowError(), () -> new OutOfMemoryError("Java heap space"))) {
      ItemResult r =
          ShardComputer.runOne(
              failing(e),
              SourceItem.of(0, "x.png"),
              new Pipeline(List.of()),
              new RowEncoder(),
              io.medloom.core.Timings.NONE);
      assertThat(r.rejection()).isPresent();
      assertThat(r.rejection().get().originalPath()).isEqualTo("x.png");
      assertThat(r.rejection().get().reason()).contains(e.get().getClass().getSimpleName());
    }
  }
}
