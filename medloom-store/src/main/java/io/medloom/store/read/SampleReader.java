package io.medloom.store.read;

import io.medloom.core.image.PngDecoder;
import io.medloom.core.image.Raster;
import io.medloom.core.model.DatasetInfo;
import io.medloom.store.DatasetException;
import io.medloom.store.DatasetReader;
import io.medloom.store.ParquetShardWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Typed, random-access reading of one split of a finished dataset: {@link #size()} samples at
 * positions 0..size-1 in shard order, and {@link #get(int, Set)} decoding only the chosen columns.
 *
 * <p>Opening scans the split once (one DuckDB query per shard, in file order) and spools the
 * encoded bytes of the opened columns (PNG, nested JSON) into a temporary file, deleted on {@link
 * #close()}; the small per-sample fields stay in memory. A get is then a positional read of that
 * file and a decode, with no query: a DuckDB query per row costs about 15 ms, a spooled read a few
 * microseconds, and a training loader reads every sample every epoch.
 *
 * <p><b>Thread-safety:</b> after {@link #open} returns, {@link #get}, {@link #size()} and the other
 * accessors may be called from any number of threads at once without locking: the in-memory state
 * is immutable and the spool is read with positional reads, which {@link FileChannel} allows
 * concurrently. {@link #close()} must not race with gets still running.
 */
public final class SampleReader implements AutoCloseable {
  private static final Column[] SPOOLED = {
    Column.IMAGE, Column.LABELS, Column.ROIS, Column.TEXTS, Column.TRIPLETS
  };

  private final Path root;
  private final DatasetInfo info;
  private final String fingerprint;
  private final SplitScheme scheme;
  private final Optional<String> split;
  private final Set<Column> opened;
  private final List<Meta> meta;
  private final long[] offsets; // [position * SPOOLED.length + column]
  private final int[] lengths; // -1: null in the row
  private final Path spoolFile;
  private final FileChannel spool;

  /** The small fields of a row, kept in memory. */
  private record Meta(
      String id,
      String source,
      String originalPath,
      String patientKey,
      String studyKey,
      String split,
      String originalSplit,
      String modality,
      String bodyPart,
      String view,
      int width,
      int height,
      int channels) {}

  private SampleReader(
      Path root,
      DatasetInfo info,
      String fingerprint,
      SplitScheme scheme,
      Optional<String> split,
      Set<Column> opened,
      List<Meta> meta,
      long[] offsets,
      int[] lengths,
      Path spoolFile,
      FileChannel spool) {
    this.root = root;
    this.info = info;
    this.fingerprint = fingerprint;
    this.scheme = scheme;
    this.split = split;
    this.opened = opened;
    this.meta = meta;
    this.offsets = offsets;
    this.lengths = lengths;
    this.spoolFile = spoolFile;
    this.spool = spool;
  }

  /**
   * Opens the rows of {@code split} (all rows when empty) under {@code scheme}, ready to decode
   * {@code columns}. Refuses an unfinished dataset, and a split name no row has (naming those that
   * exist), so a typo never trains on nothing.
   */
  public static SampleReader open(
      Path root, SplitScheme scheme, Optional<String> split, Set<Column> columns)
      throws IOException {
    Set<Column> opened = columns.isEmpty() ? EnumSet.noneOf(Column.class) : EnumSet.copyOf(columns);
    if (opened.contains(Column.MASKS)) {
      opened.add(Column.ROIS);
    }
    Path spoolFile = Files.createTempFile("medloom-spool-", ".bin");
    spoolFile.toFile().deleteOnExit();
    FileChannel spool = null;
    try (DatasetReader r = DatasetReader.open(root)) {
      spool =
          FileChannel.open(
              spoolFile,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      Scan scan = new Scan(spool, opened);
      List<Path> shards;
      try (Stream<Path> s = Files.list(r.layout().samples())) {
        shards = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
      }
      for (Path shard : shards) {
        scan.shard(r, shard, scheme, split);
      }
      if (split.isPresent() && scan.meta.isEmpty()) {
        throw new DatasetException(
            root
                + " has no sample in "
                + scheme.column()
                + " = '"
                + split.get()
                + "'; values present: "
                + splitValues(r, scheme));
      }
      return new SampleReader(
          root,
          r.info(),
          fingerprint(root),
          scheme,
          split,
          Set.copyOf(opened),
          List.copyOf(scan.meta),
          scan.offsets(),
          scan.lengths(),
          spoolFile,
          spool);
    } catch (SQLException e) {
      close(spool, spoolFile);
      throw new DatasetException("cannot read the samples of " + root + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      close(spool, spoolFile);
      throw e;
    }
  }

  /** How many rows of a finished dataset have {@code split} under {@code scheme}. */
  public static long count(Path root, SplitScheme scheme, String split) throws IOException {
    try (DatasetReader r = DatasetReader.open(root)) {
      long[] n = new long[1];
      r.query(
          "SELECT count(*) FROM samples WHERE " + scheme.column() + " = ?",
          List.of(split),
          rs -> {
            rs.next();
            n[0] = rs.getLong(1);
          });
      return n[0];
    } catch (SQLException e) {
      throw new DatasetException("cannot read the samples of " + root + ": " + e.getMessage(), e);
    }
  }

  private static String splitValues(DatasetReader r, SplitScheme scheme) throws SQLException {
    List<String> values = new ArrayList<>();
    r.query(
        "SELECT DISTINCT " + scheme.column() + " FROM samples ORDER BY 1",
        rs -> {
          while (rs.next()) {
            values.add(String.valueOf(rs.getString(1)));
          }
        });
    return values.isEmpty() ? "none" : values.toString();
  }

  /**
   * A short identity of a finished dataset's content: SHA-256 of its {@code _SUCCESS} file, which
   * lists the SHA-256 of every shard, of {@code dataset.json} and of {@code rejects.jsonl}.
   */
  public static String fingerprint(Path root) throws IOException {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(Files.readAllBytes(root.resolve(io.medloom.store.DatasetLayout.SUCCESS)));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public Path root() {
    return root;
  }

  public DatasetInfo info() {
    return info;
  }

  /** {@link #fingerprint(Path)} of this dataset. */
  public String fingerprint() {
    return fingerprint;
  }

  public SplitScheme scheme() {
    return scheme;
  }

  public Optional<String> split() {
    return split;
  }

  /** The columns this reader can decode. */
  public Set<Column> columns() {
    return opened;
  }

  public int size() {
    return meta.size();
  }

  /** The id of the sample at {@code position}. */
  public String id(int position) {
    return meta(position).id();
  }

  /** The sample at {@code position} with every opened column decoded. */
  public SampleRecord get(int position) throws IOException {
    return get(position, opened);
  }

  /**
   * The sample at {@code position} with {@code columns} decoded (each must have been opened).
   * Failures name the sample and the column.
   */
  public SampleRecord get(int position, Set<Column> columns) throws IOException {
    Meta m = meta(position);
    for (Column c : columns) {
      if (!opened.contains(c)) {
        throw new IllegalArgumentException(
            "column " + c + " was not opened (opened: " + opened + ")");
      }
    }
    Optional<Raster> image = Optional.empty();
    List<io.medloom.core.model.Label> labels = List.of();
    List<io.medloom.core.model.Roi> rois = List.of();
    List<io.medloom.core.model.Text> texts = List.of();
    List<io.medloom.core.model.Triplet> triplets = List.of();
    Column current = null;
    try {
      if (columns.contains(Column.IMAGE)) {
        current = Column.IMAGE;
        byte[] png = spooled(position, Column.IMAGE);
        if (png != null) {
          image = Optional.of(PngDecoder.decode(png).withChannels(m.channels()));
        }
      }
      if (columns.contains(Column.LABELS)) {
        current = Column.LABELS;
        labels = NestedJson.labels(text(position, Column.LABELS));
      }
      boolean masks = columns.contains(Column.MASKS);
      if (masks || columns.contains(Column.ROIS)) {
        current = masks ? Column.MASKS : Column.ROIS;
        rois = NestedJson.rois(text(position, Column.ROIS), m.width(), m.height(), masks);
      }
      if (columns.contains(Column.TEXTS)) {
        current = Column.TEXTS;
        texts = NestedJson.texts(text(position, Column.TEXTS));
      }
      if (columns.contains(Column.TRIPLETS)) {
        current = Column.TRIPLETS;
        triplets = NestedJson.triplets(text(position, Column.TRIPLETS));
      }
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(
          root + ": sample " + m.id() + ", column " + current + ": " + e.getMessage(), e);
    }
    return new SampleRecord(
        position,
        m.id(),
        m.source(),
        m.originalPath(),
        m.patientKey(),
        m.studyKey(),
        m.split(),
        Optional.ofNullable(m.originalSplit()),
        m.modality(),
        m.bodyPart(),
        m.view(),
        m.width(),
        m.height(),
        m.channels(),
        columns,
        image,
        labels,
        rois,
        texts,
        triplets);
  }

  private Meta meta(int position) {
    if (position < 0 || position >= meta.size()) {
      throw new IndexOutOfBoundsException(
          "position " + position + " outside 0.." + (meta.size() - 1) + " of " + root);
    }
    return meta.get(position);
  }

  private String text(int position, Column c) throws IOException {
    byte[] b = spooled(position, c);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private byte[] spooled(int position, Column c) throws IOException {
    int slot = position * SPOOLED.length + slotOf(c);
    int len = lengths[slot];
    if (len < 0) {
      return null;
    }
    byte[] out = new byte[len];
    ByteBuffer buf = ByteBuffer.wrap(out);
    long at = offsets[slot];
    while (buf.hasRemaining()) {
      int n = spool.read(buf, at + buf.position());
      if (n < 0) {
        throw new IOException("spool file ends early at " + (at + buf.position()));
      }
    }
    return out;
  }

  private static int slotOf(Column c) {
    for (int i = 0; i < SPOOLED.length; i++) {
      if (SPOOLED[i] == c) {
        return i;
      }
    }
    throw new IllegalArgumentException("column " + c + " is not spooled");
  }

  @Override
  public void close() throws IOException {
    close(spool, spoolFile);
  }

  private static void close(FileChannel spool, Path file) throws IOException {
    try {
      if (spool != null) {
        spool.close();
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** One pass over the shards, appending the opened columns' bytes to the spool. */
  private static final class Scan {
    private final FileChannel spool;
    private final Set<Column> opened;
    final List<Meta> meta = new ArrayList<>();
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private long end;

    Scan(FileChannel spool, Set<Column> opened) {
      this.spool = spool;
      this.opened = opened;
    }

    void shard(DatasetReader r, Path shard, SplitScheme scheme, Optional<String> split)
        throws SQLException, IOException {
      String sql =
          "SELECT id, source, original_path, patient_key, study_key, split, original_split,"
              + " modality, body_part, view, width, height, channels,"
              + (opened.contains(Column.IMAGE) ? " image.bytes" : " NULL")
              + " AS png,"
              + json(Column.LABELS, "labels")
              + ","
              + json(Column.ROIS, "rois")
              + ","
              + json(Column.TEXTS, "texts")
              + ","
              + json(Column.TRIPLETS, "triplets")
              + " FROM read_parquet("
              + ParquetShardWriter.sqlString(shard)
              + ", file_row_number = true)"
              + (split.isPresent() ? " WHERE " + scheme.column() + " = ?" : "")
              + " ORDER BY file_row_number";
      IOException[] failure = new IOException[1];
      r.query(
          sql,
          split.isPresent() ? List.of(split.get()) : List.of(),
          rs -> {
            while (rs.next()) {
              try {
                row(rs);
              } catch (IOException e) {
                failure[0] = e;
                return;
              }
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }

    private String json(Column c, String column) {
      return opened.contains(c) ? " to_json(" + column + ") AS " + column : " NULL AS " + column;
    }

    private void row(ResultSet rs) throws SQLException, IOException {
      int p = meta.size();
      meta.add(
          new Meta(
              rs.getString("id"),
              rs.getString("source"),
              rs.getString("original_path"),
              rs.getString("patient_key"),
              rs.getString("study_key"),
              rs.getString("split"),
              rs.getString("original_split"),
              rs.getString("modality"),
              rs.getString("body_part"),
              rs.getString("view"),
              rs.getInt("width"),
              rs.getInt("height"),
              rs.getInt("channels")));
      int need = (p + 1) * SPOOLED.length;
      if (need > offsets.length) {
        offsets = java.util.Arrays.copyOf(offsets, Math.max(need, offsets.length * 2));
        lengths = java.util.Arrays.copyOf(lengths, offsets.length);
      }
      for (int i = 0; i < SPOOLED.length; i++) {
        Column c = SPOOLED[i];
        byte[] bytes = null;
        if (opened.contains(c)) {
          bytes =
              c == Column.IMAGE
                  ? blob(rs, "png")
                  : utf8(rs.getString(c.name().toLowerCase(java.util.Locale.ROOT)));
        }
        int slot = p * SPOOLED.length + i;
        offsets[slot] = end;
        lengths[slot] = bytes == null ? -1 : bytes.length;
        if (bytes != null) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            end += spool.write(buf, end);
          }
        }
      }
    }

    private static byte[] utf8(String s) {
      return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] blob(ResultSet rs, String column) throws SQLException {
      Object o = rs.getObject(column);
      if (o == null || rs.wasNull()) {
        return null;
      }
      if (o instanceof java.sql.Blob b) {
        return b.getBytes(1, (int) b.length());
      }
      return (byte[]) o;
    }

    long[] offsets() {
      return java.util.Arrays.copyOf(offsets, meta.size() * SPOOLED.length);
    }

    int[] lengths() {
      return java.util.Arrays.copyOf(lengths, meta.size() * SPOOLED.length);
    }
  }
}
