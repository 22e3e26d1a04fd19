package io.medloom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.medloom.store.StoredSample;
import io.medloom.store.review.Review;
import io.medloom.store.review.ReviewLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ./medloom serve}: the viewer pages (static assets from the jar) and the JSON API behind
 * them. Read-only unless started with review on; then decisions are appended to the dataset's
 * {@code reviews.jsonl} and need the token printed at start-up. Nothing from a request ever names a
 * file: datasets are chosen at start-up and samples are looked up by validated id in SQL.
 *
 * <p>Every request must name this machine in {@code Host} ({@link HostGuard}, against DNS
 * rebinding); bound beyond loopback, every request also needs the token (header, the cookie the
 * start-up link sets, or {@code ?token=}); request bodies are capped at {@link #MAX_BODY_BYTES}
 * however they are framed.
 */
public final class ViewerServer implements AutoCloseable {
  /** Sample and ROI ids: hex keys, source-made names; never a path. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}");

  public static final String TOKEN_HEADER = "X-MedLoom-Token";

  /** The largest request body read (a decision is well under 1 KB). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** The cookie that carries the token for reads when bound beyond loopback. */
  static final String TOKEN_COOKIE = "medloom_token";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How to serve: address, port (0 picks a free one), whether reviews may be written, and the
   * folder where each dataset's grid index is cached between starts (null: built in memory).
   */
  public record Options(String bind, int port, boolean review, Path cache) {
    public Options(String bind, int port, boolean review) {
      this(bind, port, review, null);
    }
  }

  /**
   * The index cache folder when the user names none: {@code $MEDLOOM_CACHE/viewer}, else {@code
   * $XDG_CACHE_HOME/medloom/viewer}, else {@code ~/.cache/medloom/viewer}.
   */
  public static Path defaultCache() {
    return IndexCache.defaultRoot();
  }

  private final List<DatasetIndex> datasets;
  private final Options options;
  private final HostGuard hosts;
  private final String token;
  private final Javalin app;
  private volatile ReviewQueue queue;
  // One log object per dataset: its append is synchronized, so concurrent decisions never
  // interleave.
  private final Map<String, ReviewLog> logs = new LinkedHashMap<>();

  /** How many nearest samples a search by meaning ranks before the other filters apply. */
  static final int MEANING_RANKED = 1000;

  private final TextSearch search;

  private ViewerServer(List<DatasetIndex> datasets, Options options, TextSearch search) {
    this.datasets = datasets;
    this.options = options;
    this.search = search;
    this.hosts = HostGuard.forBind(options.bind());
    byte[] t = new byte[16];
    new SecureRandom().nextBytes(t);
    this.token = HexFormat.of().formatHex(t);
    datasets.forEach(d -> logs.put(d.name, new ReviewLog(d.root)));
    this.app = Javalin.create(this::configure);
    routes();
  }

  /** Opens the datasets (building each grid index) and starts serving. */
  public static ViewerServer start(List<Path> roots, Options options) throws Exception {
    return start(roots, options, null);
  }

  /** As {@link #start(List, Options)}, with search by meaning answered by {@code search}. */
  public static ViewerServer start(List<Path> roots, Options options, TextSearch search)
      throws Exception {
    List<DatasetIndex> opened = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Path root : roots) {
      String base = root.toAbsolutePath().normalize().getFileName().toString();
      String name = base;
      for (int k = 2; !names.add(name); k++) {
        name = base + "-" + k;
      }
      opened.add(DatasetIndex.open(name, root, options.cache()));
    }
    ViewerServer s = new ViewerServer(opened, options, search);
    s.app.start(options.bind(), options.port());
    return s;
  }

  public int port() {
    return app.port();
  }

  /** The review token (only meaningful with review on). */
  public String token() {
    return token;
  }

  /**
   * True when bound beyond loopback: other machines can connect, so reads need the token too (the
   * caller warns and prints {@link #tokenLink}).
   */
  public boolean readsNeedToken() {
    return !hosts.loopbackOnly();
  }

  /** The link that opens the viewer with the token (it moves into a cookie on first use). */
  public String tokenLink() {
    String b = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
    return "http://" + b + ":" + port() + "/?token=" + token;
  }

  public List<String> datasetNames() {
    return datasets.stream().map(d -> d.name).toList();
  }

  private void configure(io.javalin.config.JavalinConfig config) {
    config.showJavalinBanner = false;
    config.staticFiles.add(
        sf -> {
          sf.hostedPath = "/";
          sf.directory = "/io/medloom/server/web";
          sf.location = Location.CLASSPATH;
        });
    config.staticFiles.enableWebjars();
    // Javalin checks this against Content-Length only; bodies are read through body(), which caps
    // chunked ones too.
    config.http.maxRequestSize = MAX_BODY_BYTES;
  }

  private void routes() {
    app.before(this::guard);
    app.before(
        ctx -> {
          ctx.header(
              "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src"
                  + " 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.header("X-Frame-Options", "DENY");
          ctx.header("Referrer-Policy", "no-referrer");
          ctx.header("Cache-Control", "no-store");
        });
    app.exception(Refused.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
    app.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    app.exception(Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> error(ctx, 500, "internal error: " + e.getClass().getSimpleName()));
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null) {
            error(ctx, 404, "not found");
          }
        });
    app.get("/api/datasets", ctx -> json(ctx, datasetsJson()));
    app.get("/api/samples", this::samples);
    app.get("/api/samples/{id}", this::sample);
    app.get("/api/samples/{id}/image.png", this::image);
    app.get("/api/samples/{id}/rois/{roi}/mask.png", this::mask);
    app.get("/api/review/status", ctx -> json(ctx, Map.of("review", options.review())));
    app.get("/api/review/queue", this::reviewQueue);
    app.post("/api/review/decisions", this::decide);
  }

  /** Host first (a rebinding page gets nothing), then the read token when bound beyond loopback. */
  private void guard(Context ctx) {
    String host = ctx.header("Host");
    if (!hosts.accepts(host)) {
      throw new Refused(
          421,
          "Host '"
              + (host == null ? "" : host)
              + "' is not this viewer's address: open it as http://127.0.0.1:"
              + port()
              + "/ (or the --bind address); other names are refused against DNS rebinding");
    }
    if (hosts.loopbackOnly()) {
      return;
    }
    if (tokenMatches(ctx.header(TOKEN_HEADER)) || tokenMatches(ctx.cookie(TOKEN_COOKIE))) {
      return;
    }
    if (tokenMatches(ctx.queryParam("token"))) {
      // The start-up link: keep the token in a cookie the browser sends with every image and API
      // call of the page (never to another site), and take it out of the address bar.
      ctx.header("Set-Cookie", TOKEN_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
      if (!ctx.path().startsWith("/api/")) {
        ctx.status(303);
        ctx.header("Location", ctx.path());
        ctx.skipRemainingHandlers();
      }
      return;
    }
    throw new Refused(
        401,
        "this viewer is bound to "
            + options.bind()
            + ", beyond this machine: every request needs the token printed at start-up (open"
            + " the printed link, or send header "
            + TOKEN_HEADER
            + ")");
  }

  private boolean tokenMatches(String given) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** The request body, at most {@link #MAX_BODY_BYTES} bytes whether sized or chunked. */
  private static byte[] body(Context ctx) throws java.io.IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] b = ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (b.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return b;
  }

  private static Refused tooLarge() {
    return new Refused(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status);
    ctx.contentType("application/json");
    try {
      ctx.result(JSON.writeValueAsString(Map.of("error", message, "status", status)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.result("{\"status\":" + status + "}");
    }
  }

  private static void json(Context ctx, Object body) throws Exception {
    ctx.contentType("application/json");
    ctx.result(JSON.writeValueAsBytes(body));
  }

  private List<Map<String, Object>> datasetsJson() throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DatasetIndex d : datasets) {
      Map<String, Object> m = d.overview();
      m.put("search_model", search == null ? null : search.describe());
      out.add(m);
    }
    return out;
  }

  private static String validId(String id, String what) {
    if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
      throw new BadRequest("invalid " + what + " id");
    }
    return id;
  }

  private DatasetIndex dataset(Optional<String> name) {
    if (name.isEmpty()) {
      if (datasets.size() == 1) {
        return datasets.get(0);
      }
      throw new BadRequest("several datasets are served: say which with dataset=");
    }
    return datasets.stream()
        .filter(d -> d.name.equals(name.get()))
        .findFirst()
        .orElseThrow(() -> new NotFound("no dataset named '" + name.get() + "'"));
  }

  private DatasetIndex holding(Context ctx, String id) throws Exception {
    String ds = ctx.queryParam("dataset");
    if (ds != null) {
      DatasetIndex d = dataset(Optional.of(ds));
      if (d.contains(id)) {
        return d;
      }
    } else {
      for (DatasetIndex d : datasets) {
        if (d.contains(id)) {
          return d;
        }
      }
    }
    throw new NotFound("no sample " + id);
  }

  private void samples(Context ctx) throws Exception {
    SampleFilter f = SampleFilter.parse(ctx::queryParam);
    DatasetIndex d = dataset(f.dataset());
    if (!f.meaning()) {
      json(ctx, d.page(f));
      return;
    }
    if (search == null) {
      throw new BadRequest(
          "search by meaning needs a model: ./medloom serve DATASET --model MODEL");
    }
    String query = f.text().orElseThrow(() -> new BadRequest("mode=meaning needs a query q"));
    json(ctx, d.page(f, search.search(d.root, query, MEANING_RANKED)));
  }

  private void sample(Context ctx) throws Exception {
    String id = validId(ctx.pathParam("id"), "sample");
    json(ctx, holding(ctx, id).sampleJson(id).orElseThrow(() -> new NotFound("no sample " + id)));
  }

  private void image(Context ctx) throws Exception {
    String id = validId(ctx.pathParam("id"), "sample");
    StoredSample s = holding(ctx, id).sample(id).orElseThrow(() -> new NotFound("no " + id));
    if (s.png() == null) {
      throw new NotFound("sample " + id + " has no image");
    }
    ctx.contentType("image/png");
    ctx.result(s.png());
  }

  private void mask(Context ctx) throws Exception {
    String id = validId(ctx.pathParam("id"), "sample");
    String roiId = validId(ctx.pathParam("roi"), "roi");
    StoredSample s = holding(ctx, id).sample(id).orElseThrow(() -> new NotFound("no " + id));
    JsonNode roi = null;
    for (JsonNode r : JSON.readTree(s.roisJson())) {
      if (r.path("id").asText().equals(roiId)) {
        roi = r;
      }
    }
    if (roi == null || !roi.path("mask_rle").isTextual()) {
      throw new NotFound("sample " + id + " has no mask for region " + roiId);
    }
    ctx.contentType("image/png");
    ctx.result(MaskOutline.png(roi.path("mask_rle").asText(), s.width(), s.height(), color(roi)));
  }

  private static int color(JsonNode roi) {
    String origin = roi.path("origin").asText();
    return switch (origin.startsWith("model:") ? "model" : origin) {
      case "atlas" -> 0x3fa7ff;
      case "model" -> 0xff9f1c;
      case "annotator" -> 0x2ecc71;
      default -> 0xff3b6b;
    };
  }

  private void reviewQueue(Context ctx) throws Exception {
    requireReview();
    SampleFilter page =
        SampleFilter.parse(k -> k.equals("offset") || k.equals("limit") ? ctx.queryParam(k) : null);
    ReviewQueue q = queue;
    if (q == null) {
      synchronized (this) {
        if (queue == null) {
          queue = ReviewQueue.build(datasets);
        }
        q = queue;
      }
    }
    List<Review> decided = new ArrayList<>();
    for (DatasetIndex d : datasets) {
      decided.addAll(logs.get(d.name).read().reviews());
    }
    json(ctx, q.page(ReviewQueue.decidedKeys(decided), page.offset(), page.limit()));
  }

  private void requireReview() {
    if (!options.review()) {
      throw new NotFound("review is off: start the server with --review");
    }
  }

  private void decide(Context ctx) throws Exception {
    requireReview();
    // The header only, never the cookie: a cookie rides along with requests other sites make.
    if (!tokenMatches(ctx.header(TOKEN_HEADER))) {
      error(ctx, 401, "review writes need the token printed at start-up in " + TOKEN_HEADER);
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(body(ctx));
    } catch (java.io.IOException e) {
      throw new BadRequest("body is not JSON");
    }
    if (body == null || !body.isObject()) {
      throw new BadRequest("body must be a JSON object");
    }
    String id = validId(body.path("sample_id").asText(null), "sample");
    DatasetIndex d = dataset(Optional.ofNullable(body.path("dataset").asText(null)));
    if (!d.contains(id)) {
      throw new NotFound("no sample " + id + " in " + d.name);
    }
    JsonNode t = body.path("target");
    Review r;
    try {
      Review.Target target =
          new Review.Target(
              t.path("type").asText(""),
              t.path("kind").asText(""),
              t.path("roi_id").asText(""),
              t.path("task").asText(""));
      StoredSample stored = d.sample(id).orElseThrow(() -> new NotFound("no sample " + id));
      JsonNode before =
          ReviewTargets.stored(stored, target, body.get("before"))
              .orElseThrow(
                  () ->
                      new Conflict(
                          "the sample has no such "
                              + target.type()
                              + " (any more): reload the sample and review what it holds now"));
      String action = body.path("action").asText("");
      JsonNode after =
          action.equals("correct")
              ? Corrections.checked(target, body.get("after"), d.info(), stored)
              : null;
      r =
          new Review(
              Instant.now().toString(),
              body.path("reviewer").asText(""),
              d.name,
              id,
              target,
              action,
              before,
              after);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequest(String.valueOf(e.getMessage()));
    }
    logs.get(d.name).append(r);
    ctx.status(201);
    json(ctx, Map.of("recorded", true, "time", r.time()));
  }

  @Override
  public void close() throws Exception {
    app.stop();
    for (DatasetIndex d : datasets) {
      d.close();
    }
  }
}
