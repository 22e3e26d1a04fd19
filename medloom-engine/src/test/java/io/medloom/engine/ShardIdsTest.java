package io.medloom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Counts;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Split;
import io.medloom.store.RowEncoder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source that breaks its list-once promise loses the repeat before the shard is written. */
class ShardIdsTest {
  private static final RowEncoder ENCODER = new RowEncoder();

  private static Sample sample(String id, String path) {
    return Sample.read(
            id,
            "test:x",
            path,
            new Identity("p", "s"),
            "OT",
            "",
            "",
            new Raster(4, 4, 1, new byte[16]))
        .withSplit(Split.TRAIN)
        .deidentified("0".repeat(32), "1".repeat(32));
  }

  private static ItemResult item(long ordinal, String path, String... ids) {
    List<Sample> samples = java.util.Arrays.stream(ids).map(id -> sample(id, path)).toList();
    return new ItemResult(
        samples.stream().map(s -> ENCODER.encode(ordinal, s)).toList(), samples, Optional.empty());
  }

  @Test
  void anInputRepeatingAnIdOfTheShardOrOfItselfIsRejectedBeforeWriting() {
    ShardWork work =
        ShardWork.of(
            List.of(
                item(0, "a.png", "id-a"),
                item(1, "again/a.png", "id-a"),
                item(2, "volume.nii", "id-v0", "id-v0"),
                item(3, "b.png", "id-b")));
    assertThat(work.counts()).isEqualTo(new Counts(4, 2, 2, 2));
    assertThat(work.rows()).extracting(r -> r.id()).containsExactly("id-a", "id-b");
    assertThat(work.rejections())
        .extracting(Rejection::originalPath, Rejection::stage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("again/a.png", "ids"),
            org.assertj.core.groups.Tuple.tuple("volume.nii", "ids"));
    assertThat(work.rejections().get(0).reason())
        .contains("sample id id-a", "an earlier input of this source");
    assertThat(work.rejections().get(1).reason()).contains("another frame of this input");
    assertThat(work.splitCounts()).containsEntry("train", 2L);
  }
}
