package io.medloom.store.review;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Set;

/**
 * One expert decision, as a line of {@code reviews.jsonl}: who, when, on what, and the value before
 * and after. Targets: a text ({@code kind}, {@code roi_id}, and the text as shown in {@code
 * before.text}), an ROI ({@code roi_id}; a correction gives {@code after.box}) or a label ({@code
 * task}; a correction gives {@code after.index} and {@code after.name}).
 */
public record Review(
    String time,
    String reviewer,
    String dataset,
    @JsonProperty("sample_id") String sampleId,
    Target target,
    String action,
    JsonNode before,
    JsonNode after) {
  public static final Set<String> ACTIONS = Set.of("accept", "reject", "correct");

  /** What was reviewed within the sample. */
  public record Target(
      String type, String kind, @JsonProperty("roi_id") String roiId, String task) {
    public static final Set<String> TYPES = Set.of("text", "roi", "label");

    public Target {
      checkArgument(TYPES.contains(type), "target type must be one of %s: '%s'", TYPES, type);
      kind = kind == null ? "" : kind;
      roiId = roiId == null ? "" : roiId;
      task = task == null ? "" : task;
      checkArgument(!type.equals("text") || !kind.isEmpty(), "a text target needs its kind");
      checkArgument(!type.equals("roi") || !roiId.isEmpty(), "an roi target needs its roi_id");
      checkArgument(!type.equals("label") || !task.isEmpty(), "a label target needs its task");
    }
  }

  public Review {
    notBlank(time, "review time");
    notBlank(reviewer, "reviewer");
    checkArgument(reviewer.length() <= 100, "reviewer name too long");
    notNull(dataset, "dataset");
    notBlank(sampleId, "sample id");
    notNull(target, "target");
    checkArgument(ACTIONS.contains(action), "action must be one of %s: '%s'", ACTIONS, action);
    before = before == null ? NullNode.getInstance() : before;
    after = after == null ? NullNode.getInstance() : after;
    checkArgument(
        !action.equals("correct") || !after.isNull(), "a correction needs the value after");
  }

  /**
   * Names what a decision is about within its dataset: sample, target, and for a text the wording
   * the reviewer saw (a reworded text is another target). The applier keeps the last decision per
   * key; the review queue leaves out items whose key was decided.
   */
  public static String targetKey(String sampleId, Target t, String shownText) {
    return String.join(
        "\u0000",
        sampleId,
        t.type(),
        t.kind(),
        t.roiId(),
        t.task(),
        t.type().equals("text") ? shownText : "");
  }

  /** {@link #targetKey} of this decision. */
  public String targetKey() {
    return targetKey(sampleId, target, before.path("text").asText(""));
  }
}
