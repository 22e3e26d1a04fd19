package io.medloom.engine.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.model.Box;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.Stage;
import io.medloom.store.review.Review;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies expert decisions to samples (run by {@code annotate} after the annotation stage, so a
 * rejected generated text stays rejected when the composer writes it again). Rejected items are
 * removed; corrections replace the item with {@code origin=annotator} (an ROI correction keeps the
 * box only, since the old mask no longer matches it); accepts change nothing. The last decision on
 * a target wins. A decision whose target is no longer there (the text changed) is counted stale.
 */
public final class ReviewApplier {
  public static final String ANNOTATOR = "annotator";

  private final Map<String, List<Review>> bySample = new HashMap<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();

  public ReviewApplier(List<Review> reviews) {
    // Last decision per target wins: keep them in order, later ones overwrite earlier ones.
    Map<String, Review> last = new LinkedHashMap<>();
    for (Review r : reviews) {
      last.remove(r.targetKey());
      last.put(r.targetKey(), r);
    }
    last.values()
        .forEach(r -> bySample.computeIfAbsent(r.sampleId(), k -> new ArrayList<>()).add(r));
    // Texts first: a text decision names the wording the reviewer saw, which a region decision
    // of the same sample may take away (a moved box drops its generated descriptions).
    bySample
        .values()
        .forEach(
            l -> l.sort(java.util.Comparator.comparing(r -> !r.target().type().equals("text"))));
  }

  public Stage stage() {
    return Stage.of("reviews", this::apply);
  }

  public long applied() {
    return applied.get();
  }

  public long stale() {
    return stale.get();
  }

  public Sample apply(Sample s) {
    List<Review> decisions = bySample.get(s.id());
    if (decisions == null) {
      return s;
    }
    Sample out = s;
    for (Review r : decisions) {
      Optional<Sample> next =
          switch (r.target().type()) {
            case "text" -> text(out, r);
            case "roi" -> roi(out, r);
            default -> label(out, r);
          };
      if (next.isPresent()) {
        applied.incrementAndGet();
        out = next.get();
      } else {
        stale.incrementAndGet();
      }
    }
    return out;
  }

  private static Optional<Sample> text(Sample s, Review r) {
    String shown = r.before().path("text").asText("");
    List<Text> texts = new ArrayList<>();
    boolean found = false;
    for (Text t : s.texts()) {
      boolean match =
          t.kind().equals(r.target().kind())
              && t.roiId().orElse("").equals(r.target().roiId())
              && t.text().equals(shown);
      if (!match) {
        texts.add(t);
        continue;
      }
      found = true;
      switch (r.action()) {
        case "accept" -> texts.add(t);
        case "correct" ->
            texts.add(new Text(t.kind(), r.after().path("text").asText(), ANNOTATOR, t.roiId()));
        default -> {} // rejected: dropped
      }
    }
    if (!found) {
      return Optional.empty();
    }
    if (r.target().kind().equals("desc.roi") && !r.action().equals("accept")) {
      // desc.full repeats each region sentence: it must not keep what the expert took out.
      removeFromFull(
          texts, shown, r.action().equals("correct") ? r.after().path("text").asText() : "");
    }
    return Optional.of(s.withTexts(texts));
  }

  /** Replaces a region sentence inside every {@code desc.full} (the edit makes it annotator's). */
  private static void removeFromFull(List<Text> texts, String sentence, String replacement) {
    for (int i = 0; i < texts.size(); i++) {
      Text t = texts.get(i);
      if (t.kind().equals("desc.full") && t.text().contains(sentence)) {
        String edited = t.text().replace(sentence, replacement).replaceAll(" {2,}", " ").strip();
        texts.set(i, new Text(t.kind(), edited, ANNOTATOR, t.roiId()));
      }
    }
  }

  private static Optional<Sample> roi(Sample s, Review r) {
    String id = r.target().roiId();
    Optional<Roi> target = s.rois().stream().filter(x -> x.id().equals(id)).findFirst();
    if (target.isEmpty()) {
      return Optional.empty();
    }
    List<Roi> rois = new ArrayList<>();
    boolean moved = false;
    for (Roi x : s.rois()) {
      if (!x.id().equals(id)) {
        rois.add(x);
      } else if (r.action().equals("accept")) {
        rois.add(x);
      } else if (r.action().equals("correct")) {
        JsonNode b = r.after().path("box");
        Box box =
            new Box(b.path(0).asInt(), b.path(1).asInt(), b.path(2).asInt(), b.path(3).asInt());
        int w = s.image().map(i -> i.width()).orElse(box.x1());
        int h = s.image().map(i -> i.height()).orElse(box.y1());
        double area = (double) (box.x1() - box.x0()) * (box.y1() - box.y0()) / ((double) w * h);
        String label = r.after().path("label").asText(x.label());
        moved = !box.equals(x.box());
        rois.add(
            new Roi(
                x.id(),
                label,
                box,
                Optional.empty(),
                Math.min(1.0, area),
                ANNOTATOR,
                1.0,
                x.attributes()));
      }
    }
    Sample out = s.withRois(rois);
    if (r.action().equals("reject")) {
      // Texts about a rejected region go with it.
      List<Text> texts = new ArrayList<>(s.texts());
      texts.removeIf(t -> t.roiId().orElse("").equals(id));
      out = out.withTexts(texts);
    } else if (moved) {
      // Generated descriptions of the old box say where it was; annotate describes the new one
      // (when the box already is where the expert put it, nothing moves and they stay).
      List<Text> texts = new ArrayList<>(s.texts());
      for (Text t : s.texts()) {
        boolean generated = t.origin().startsWith("composer") || t.origin().startsWith("llm:");
        if (generated && t.kind().equals("desc.roi") && t.roiId().orElse("").equals(id)) {
          texts.remove(t);
          removeFromFull(texts, t.text(), "");
        }
      }
      out = out.withTexts(texts);
    }
    return Optional.of(out);
  }

  /**
   * The corrected label in the form the viewer logs it: single-label {@code {index, name}} (index
   * and indices both move), multilabel {@code {indices, name}}, regression {@code {value}}.
   */
  private static Label corrected(Label l, JsonNode after) {
    String name = after.path("name").asText(l.name());
    if (l.index() >= 0) {
      int index = after.path("index").asInt(l.index());
      return new Label(l.task(), index, List.of(index), name, l.value());
    }
    if (after.path("indices").isArray()) {
      List<Integer> indices = new ArrayList<>();
      after.path("indices").forEach(i -> indices.add(i.asInt()));
      return new Label(l.task(), -1, indices, name, l.value());
    }
    return new Label(l.task(), -1, l.indices(), name, after.path("value").asDouble(l.value()));
  }

  private static Optional<Sample> label(Sample s, Review r) {
    String task = r.target().task();
    if (s.labels().stream().noneMatch(l -> l.task().equals(task))) {
      return Optional.empty();
    }
    List<Label> labels = new ArrayList<>();
    for (Label l : s.labels()) {
      if (!l.task().equals(task) || r.action().equals("accept")) {
        labels.add(l);
      } else if (r.action().equals("correct")) {
        labels.add(corrected(l, r.after()));
      }
    }
    return Optional.of(s.withLabels(labels));
  }
}
