package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid index is cached per dataset content: reused while unchanged, remade when not. */
class IndexCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path dataset;

  @BeforeAll
  static void build() throws Exception {
    dataset = DemoDataset.build(tmp, 30); // two shards of 20 and 10
  }

  private static List<Path> files(Path cache) throws Exception {
    try (Stream<Path> s = Files.list(cache)) {
      return s.sorted().toList();
    }
  }

  private static JsonNode page(Path ds, Path cache, String query) throws Exception {
    try (ViewerServer s =
        ViewerServer.start(List.of(ds), new ViewerServer.Options("127.0.0.1", 0, false, cache))) {
      return JSON.readTree(ApiTest.get(s, "/api/samples?limit=500&" + query).body());
    }
  }

  @Test
  void madeOnceReusedAndRemadeWhenTheDatasetChanges() throws Exception {
    Path cache = tmp.resolve("cache");
    JsonNode inMemory = page(dataset, null, "q=zone");
    JsonNode first = page(dataset, cache, "q=zone");
    assertThat(first.path("total").asLong()).isPositive();
    assertThat(first).isEqualTo(inMemory);
    List<Path> made = files(cache);
    assertThat(made).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".duckdb"));
    // A second start reads the file instead of writing it again.
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(made.get(0), old);
    assertThat(page(dataset, cache, "q=zone")).isEqualTo(first);
    assertThat(files(cache)).isEqualTo(made);
    assertThat(Files.getLastModifiedTime(made.get(0))).isEqualTo(old);

    // A changed dataset (here a copy with one shard fewer, and its _SUCCESS to match) is
    // indexed anew; its index never answers for the original.
    Path smaller = tmp.resolve("smaller");
    Files.createDirectories(smaller.resolve("samples"));
    List<Path> shards;
    try (Stream<Path> s = Files.list(dataset.resolve("samples"))) {
      shards = s.sorted().toList();
    }
    assertThat(shards.size()).isGreaterThan(1);
    for (Path f : shards.subList(1, shards.size())) {
      Files.copy(f, smaller.resolve("samples").resolve(f.getFileName()));
    }
    Files.copy(dataset.resolve("dataset.json"), smaller.resolve("dataset.json"));
    ObjectNode success = (ObjectNode) JSON.readTree(dataset.resolve("_SUCCESS").toFile());
    for (Iterator<JsonNode> it = success.elements(); it.hasNext(); ) {
      JsonNode v = it.next();
      if (v instanceof ObjectNode sums) {
        sums.remove("samples/" + shards.get(0).getFileName());
      }
    }
    JSON.writeValue(smaller.resolve("_SUCCESS").toFile(), success);
    JsonNode all = page(dataset, cache, "");
    JsonNode fewer = page(smaller, cache, "");
    assertThat(files(cache)).hasSize(2);
    assertThat(fewer.path("total").asLong()).isLessThan(all.path("total").asLong());
    assertThat(page(smaller, null, "")).isEqualTo(fewer);
  }

  @Test
  void aDamagedCacheFileIsNotTrusted() throws Exception {
    Path cache = tmp.resolve("damaged");
    Files.createDirectories(cache);
    Files.writeString(IndexCache.file(cache, dataset), "not a database");
    assertThat(page(dataset, cache, "q=zone")).isEqualTo(page(dataset, null, "q=zone"));
  }

  @Test
  void anUnwritableCacheFallsBackToMemory() throws Exception {
    Path notAFolder = tmp.resolve("plain-file");
    Files.writeString(notAFolder, "x");
    JsonNode p = page(dataset, notAFolder.resolve("cache"), "split=train");
    assertThat(p.path("total").asLong())
        .isEqualTo(page(dataset, null, "split=train").path("total").asLong());
  }
}
