package io.medloom.core.qa;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;

/**
 * One question with its answer, stored as the JSON text of a {@code qa} text. The pairs of a
 * sample, in {@code turn} order, are one conversation about its image: global questions first, then
 * regions, then relations (LLaVA's instruction data takes the same order).
 *
 * @param turn position in the sample's conversation, from 1
 * @param stage {@code global}, {@code region} or {@code relation}
 * @param type {@code closed} (yes/no), {@code choice} (the answer is one of {@code options}) or
 *     {@code open} (a short free answer)
 * @param question the question as asked
 * @param answer the answer, right by construction from {@code fact}
 * @param options the choices offered by a {@code choice} question, empty otherwise
 * @param fact the stored fact the answer comes from
 * @param factOrigin where that fact came from: {@code labelled} (the source's labels), {@code
 *     measured} (computed from pixels and masks), {@code generated} (report parsing, a model's or
 *     an atlas's region) or {@code reviewed} (an expert's decision)
 * @param confidence how sure the fact is, in [0, 1] (the word's margin times the region's score)
 */
public record QaPair(
    int turn,
    String stage,
    String type,
    String question,
    String answer,
    List<String> options,
    Fact fact,
    @JsonProperty("fact_origin") String factOrigin,
    double confidence) {
  public static final Set<String> STAGES = Set.of("global", "region", "relation");
  public static final Set<String> TYPES = Set.of("closed", "choice", "open");
  public static final Set<String> ORIGINS = Set.of("labelled", "measured", "generated", "reviewed");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public QaPair {
    checkArgument(turn >= 1, "turn must be >= 1: %s", turn);
    checkArgument(STAGES.contains(stage), "qa stage must be one of %s: '%s'", STAGES, stage);
    checkArgument(TYPES.contains(type), "qa type must be one of %s: '%s'", TYPES, type);
    notBlank(question, "question");
    notBlank(answer, "answer");
    options = options == null ? List.of() : List.copyOf(options);
    notNull(fact, "fact");
    checkArgument(
        ORIGINS.contains(factOrigin), "fact origin must be one of %s: '%s'", ORIGINS, factOrigin);
    checkArgument(
        !type.equals("closed") || answer.equals("yes") || answer.equals("no"),
        "a closed question is answered yes or no: '%s'",
        answer);
    checkArgument(
        !type.equals("choice") || options.contains(answer),
        "a choice question's answer '%s' is not among its options %s",
        answer,
        options);
    checkArgument(confidence >= 0 && confidence <= 1, "qa confidence not in [0,1]: %s", confidence);
  }

  /** VQA-RAD's and SLAKE's answer type: CLOSED for yes/no and choices, OPEN otherwise. */
  public String answerType() {
    return type.equals("open") ? "OPEN" : "CLOSED";
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a qa pair: " + e.getMessage(), e);
    }
  }

  /** Parses the stored form; a malformed one is an {@link IllegalArgumentException} saying why. */
  public static QaPair fromJson(String json) {
    try {
      return MAPPER.readValue(json, QaPair.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a qa pair: " + e.getOriginalMessage(), e);
    }
  }
}
