package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** query --cache answers exactly what the shards answer, from a copy made once per content. */
class QueryCacheTest {
  @TempDir Path tmp;

  private static final List<String> QUERIES =
      List.of(
          "select count(*) from samples",
          "select split, count(*) from samples group by split order by split",
          "select l.name, split, count(*) from samples, unnest(labels) t(l) group by all order by all",
          "select id, split from samples where id like 'a%' order by id limit 5",
          "select * exclude (image) from samples limit 3",
          "select id, image.bytes from samples limit 2",
          "select column_name, column_type from (describe samples)");

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void sameAnswersAsTheShardsFromOneCopy() throws Exception {
    Path ds = tmp.resolve("ds");
    assertThat(
            Cli.run("build", "--source", "phantom:24", "--out", ds.toString(), "--size", "32")
                .exitCode())
        .isZero();
    Path cache = tmp.resolve("cache");
    for (String q : QUERIES) {
      Cli plain = Cli.run("query", ds.toString(), q);
      Cli cached = Cli.run("query", ds.toString(), q, "--cache", cache.toString());
      assertThat(plain.exitCode()).as(plain.out()).isZero();
      assertThat(cached.exitCode()).as(cached.out()).isZero();
      assertThat(cached.out()).as(q).isEqualTo(plain.out());
    }
    List<Path> made = files(cache);
    assertThat(made).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".duckdb"));
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(made.get(0), old);

    // Rebuilt into the same folder, the dataset has other shards: a new copy, the old not read.
    Path other = tmp.resolve("other");
    assertThat(
            Cli.run("build", "--source", "phantom:10", "--out", other.toString(), "--size", "32")
                .exitCode())
        .isZero();
    Cli ten =
        Cli.run(
            "query", other.toString(), "select count(*) from samples", "--cache", cache.toString());
    assertThat(ten.out()).endsWith("\n10\n");
    assertThat(files(cache)).hasSize(2).contains(made.get(0));
    assertThat(Files.getLastModifiedTime(made.get(0))).isEqualTo(old);
  }
}
