package io.medloom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.model.DatasetInfo;
import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset being served: its reader, and a small table ({@code idx}, one row per sample, ordered
 * by id; see {@link IndexTables}) with the columns the grid filters on, so paging and filtering a
 * million samples never rescans the parquet shards; filters are answered from bit sets ({@link
 * Facets}) and a word index ({@link WordIndex}). Images and full rows are read from the shards by
 * id. DuckDB connections are not for concurrent use, so access is serialised per dataset.
 */
final class DatasetIndex implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String name;
  final Path root;
  private final DatasetReader reader;
  private final long size;
  private final Facets facets;
  private final WordIndex words;

  private DatasetIndex(
      String name, Path root, DatasetReader reader, long size, Facets facets, WordIndex words) {
    this.name = name;
    this.root = root;
    this.reader = reader;
    this.size = size;
    this.facets = facets;
    this.words = words;
  }

  /** Opens a dataset and builds its grid index in memory (nothing cached). */
  static DatasetIndex open(String name, Path root) throws IOException, SQLException {
    return open(name, root, null);
  }

  /**
   * Opens a dataset with its grid index read from (or, the first time, written to) the cache folder
   * {@code cacheRoot} ({@link IndexCache}); with no folder, or one that cannot be written, the
   * index is built in memory.
   */
  static DatasetIndex open(String name, Path root, Path cacheRoot)
      throws IOException, SQLException {
    DatasetReader r = DatasetReader.open(root);
    try {
      long t0 = System.nanoTime();
      String how = IndexTables.attachOrBuild(r, root, cacheRoot);
      long n = r.count("SELECT count(*) FROM idx");
      int size = Math.toIntExact(n);
      Facets facets = Facets.read(r, size);
      WordIndex words = IndexTables.words(r, size);
      System.err.printf(
          "viewer: %s: %d samples, %d distinct texts, %d words; index %s in %.1f s%n",
          name, n, words.entries(), words.words(), how, (System.nanoTime() - t0) / 1e9);
      DatasetIndex d = new DatasetIndex(name, root, r, n, facets, words);
      d.warmUp();
      return d;
    } catch (IOException | SQLException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /**
   * Runs a structured filter, a word search and a page read once, uncached, so the JIT has compiled
   * their paths before the first user's request rather than during it.
   */
  private void warmUp() throws SQLException {
    for (int k = 0; k < 3; k++) {
      SampleFilter f =
          SampleFilter.parse(
              p ->
                  switch (p) {
                    case "has_roi" -> "false";
                    case "q" -> "a b";
                    default -> null;
                  });
      page(f);
      matches.clear();
    }
  }

  DatasetInfo info() {
    return reader.info();
  }

  long size() {
    return size;
  }

  /** Counts per split, modality, source, ROI origin and task label, for the overview charts. */
  synchronized Map<String, Object> overview() throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("title", reader.info().name());
    m.put("samples", size);
    m.put("counts", reader.info().counts());
    m.put("split", tally("SELECT split, count(*) FROM idx GROUP BY 1 ORDER BY 1"));
    m.put("modality", tally("SELECT modality, count(*) FROM idx GROUP BY 1 ORDER BY 1"));
    m.put("source", tally("SELECT source, count(*) FROM idx GROUP BY 1 ORDER BY 1"));
    m.put(
        "roi_origin",
        tally("SELECT o, count(*) FROM (SELECT unnest(roi_origins) AS o FROM idx) GROUP BY 1"));
    m.put(
        "labels",
        tally(
            "SELECT k, count(*) FROM (SELECT unnest(label_keys) AS k FROM idx) GROUP BY 1"
                + " ORDER BY 1"));
    m.put("tasks", reader.info().tasks());
    m.put("duplicates", reader.info().duplicates());
    return m;
  }

  private Map<String, Long> tally(String sql) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    reader.query(
        sql,
        rs -> {
          while (rs.next()) {
            out.put(String.valueOf(rs.getString(1)), rs.getLong(2));
          }
        });
    return out;
  }

  /**
   * Positions (row numbers in id order) of the samples matching recent filters. Paging through one
   * filter, the common case, then reads only the page; a new filter costs bit-set intersections
   * ({@link Facets}) and, for a text search, a look-up in the {@link WordIndex}.
   */
  private final Map<String, int[]> matches =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
          return size() > 32;
        }
      };

  private int[] matching(SampleFilter f) throws SQLException {
    String key = f.echo().toString();
    int[] cached = matches.get(key);
    if (cached != null) {
      return cached;
    }
    java.util.BitSet m = facets.matching(f).orElse(null);
    if (m == null) {
      m = new java.util.BitSet(Math.toIntExact(size));
      List<Object> params = new ArrayList<>();
      java.util.BitSet bits = m;
      reader.query(
          "SELECT pos FROM idx" + f.where(params),
          params,
          rs -> {
            while (rs.next()) {
              bits.set(rs.getInt(1));
            }
          });
    }
    // By meaning, the query ranks the samples instead of filtering them (see page).
    if (f.text().isPresent() && !f.meaning()) {
      m.and(words.matching(f.text().get(), this::textsContaining));
    }
    int[] out = new int[m.cardinality()];
    for (int i = 0, p = m.nextSetBit(0); p >= 0; p = m.nextSetBit(p + 1)) {
      out[i++] = p;
    }
    matches.put(key, out);
    return out;
  }

  /** The candidate distinct texts (entries of {@link WordIndex}) that contain the needle. */
  private java.util.BitSet textsContaining(java.util.BitSet candidates, String needle)
      throws SQLException {
    java.util.BitSet out = new java.util.BitSet();
    StringBuilder sql = new StringBuilder("SELECT tid FROM texts WHERE contains(text, ?)");
    // A few candidates are looked up by number; many are checked in one pass over the texts.
    if (candidates.cardinality() <= 1000) {
      sql.append(" AND tid IN (");
      candidates.stream().forEach(t -> sql.append(t).append(','));
      sql.setCharAt(sql.length() - 1, ')');
    }
    reader.query(
        sql.toString(),
        List.of(needle),
        rs -> {
          while (rs.next()) {
            int t = rs.getInt(1);
            if (candidates.get(t)) {
              out.set(t);
            }
          }
        });
    return out;
  }

  /** One page of the grid and the number of samples matching the filter. */
  synchronized Map<String, Object> page(SampleFilter f) throws SQLException {
    return page(f, null);
  }

  /**
   * One page of the grid; with {@code ranked} (search by meaning) the samples matching the other
   * filters in the order of the ranking, each with its score, the unranked left out.
   */
  synchronized Map<String, Object> page(SampleFilter f, List<TextSearch.Hit> ranked)
      throws SQLException {
    int[] all = matching(f);
    Map<Integer, Double> scores = new java.util.HashMap<>();
    if (ranked != null) {
      java.util.Set<Integer> allowed = new java.util.HashSet<>();
      for (int p : all) {
        allowed.add(p);
      }
      Map<String, Integer> positions = positions();
      List<Integer> order = new ArrayList<>();
      for (TextSearch.Hit h : ranked) {
        Integer p = positions.get(h.sampleId());
        if (p != null && allowed.contains(p) && scores.putIfAbsent(p, h.score()) == null) {
          order.add(p);
        }
      }
      all = order.stream().mapToInt(Integer::intValue).toArray();
    }
    int from = (int) Math.min(all.length, (long) f.offset());
    int to = Math.min(all.length, from + f.limit());
    List<Map<String, Object>> items = new ArrayList<>();
    if (from < to) {
      // Positions are our own ints, so they can be inlined safely; DuckDB then reads the wide
      // columns of the page's rows only.
      StringBuilder in = new StringBuilder();
      for (int k = from; k < to; k++) {
        in.append(k == from ? "" : ",").append(all[k]);
      }
      Map<Integer, Map<String, Object>> byPos = new java.util.HashMap<>();
      reader.query(
          "SELECT pos, id, split, modality, source, view, n_rois, roi_origins, label_keys"
              + " FROM idx WHERE pos IN ("
              + in
              + ") ORDER BY pos",
          List.of(),
          rs -> {
            while (rs.next()) {
              Map<String, Object> it = new LinkedHashMap<>();
              byPos.put(rs.getInt(1), it);
              it.put("id", rs.getString(2));
              it.put("dataset", name);
              it.put("split", rs.getString(3));
              it.put("modality", rs.getString(4));
              it.put("source", rs.getString(5));
              it.put("view", rs.getString(6));
              it.put("n_rois", rs.getInt(7));
              it.put("roi_origins", list(rs.getArray(8)));
              it.put("labels", list(rs.getArray(9)));
            }
          });
      for (int k = from; k < to; k++) {
        Map<String, Object> it = byPos.get(all[k]);
        if (ranked != null) {
          it.put("score", scores.get(all[k]));
        }
        items.add(it);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", all.length);
    out.put("offset", f.offset());
    out.put("limit", f.limit());
    out.put("filter", f.echo());
    out.put("items", items);
    return out;
  }

  private static List<Object> list(java.sql.Array a) throws SQLException {
    return a == null ? List.of() : List.of((Object[]) a.getArray());
  }

  private Map<String, Integer> idPositions;

  /** Sample id to grid position, read once. */
  private Map<String, Integer> positions() throws SQLException {
    if (idPositions == null) {
      Map<String, Integer> m = new java.util.HashMap<>();
      reader.query(
          "SELECT id, pos FROM idx",
          rs -> {
            while (rs.next()) {
              m.put(rs.getString(1), rs.getInt(2));
            }
          });
      idPositions = m;
    }
    return idPositions;
  }

  synchronized boolean contains(String id) throws SQLException {
    boolean[] found = new boolean[1];
    reader.query("SELECT 1 FROM idx WHERE id = ?", List.of(id), rs -> found[0] = rs.next());
    return found[0];
  }

  synchronized Optional<StoredSample> sample(String id) throws SQLException {
    return reader.get(id);
  }

  /** The full sample as the API serves it: fields, nested columns as JSON, and neighbours. */
  synchronized Optional<Map<String, Object>> sampleJson(String id)
      throws SQLException, IOException {
    Optional<StoredSample> s = reader.get(id);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    StoredSample x = s.get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", x.id());
    m.put("dataset", name);
    m.put("source", x.source());
    m.put("split", x.split());
    m.put("modality", x.modality());
    m.put("body_part", x.bodyPart());
    m.put("view", x.view());
    m.put("width", x.width());
    m.put("height", x.height());
    m.put("channels", x.channels());
    m.put("has_image", x.png() != null);
    m.put("labels", tree(x.labelsJson()));
    m.put("rois", tree(x.roisJson()));
    m.put("texts", tree(x.textsJson()));
    m.put("triplets", tree(x.tripletsJson()));
    String[] around = new String[2];
    reader.query(
        "SELECT (SELECT id FROM idx p WHERE p.pos = i.pos - 1),"
            + " (SELECT id FROM idx n WHERE n.pos = i.pos + 1) FROM idx i WHERE i.id = ?",
        List.of(id),
        rs -> {
          if (rs.next()) {
            around[0] = rs.getString(1);
            around[1] = rs.getString(2);
          }
        });
    m.put("previous", around[0]);
    m.put("next", around[1]);
    return Optional.of(m);
  }

  private static JsonNode tree(String json) throws IOException {
    return json == null ? JSON.createArrayNode() : JSON.readTree(json);
  }

  /** Receives one sample's id and nested columns (rois, texts, triplets) as JSON trees. */
  interface ReviewRowConsumer {
    void accept(String id, JsonNode rois, JsonNode texts, JsonNode triplets) throws IOException;
  }

  /** Streams every sample's regions and texts, for the review queue, without holding them all. */
  synchronized void forEachReviewRow(ReviewRowConsumer consumer) throws SQLException {
    reader.query(
        "SELECT id, to_json(rois), to_json(texts), to_json(triplets) FROM samples ORDER BY id",
        List.of(),
        rs -> {
          while (rs.next()) {
            try {
              consumer.accept(
                  rs.getString(1),
                  tree(rs.getString(2)),
                  tree(rs.getString(3)),
                  tree(rs.getString(4)));
            } catch (IOException e) {
              throw new SQLException("unreadable nested column of " + rs.getString(1), e);
            }
          }
        });
  }

  @Override
  public synchronized void close() throws SQLException {
    reader.close();
  }
}
