package io.medloom.annotate.qa;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.annotate.AnnotateStageProvider;
import io.medloom.core.image.BitMask;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StandardizeStage;
import io.medloom.core.qa.QaPair;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.text.stage.ReportTextStageProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance: every answer the qa stage writes on phantom films agrees with the phantom's truth
 * (the findings it drew, each lesion's {@code truth.location}, its exact mask), checked here with
 * the test's own reading of that truth, never with the generator's or the annotator's rules.
 */
class QaPhantomTruthTest {
  private static final Pattern TRUTH_LOCATION =
      Pattern.compile("(right|left) (upper zone|middle zone|lower zone|apex|costophrenic angle)");
  private static final List<Sample> SAMPLES = new ArrayList<>();
  private static final Map<String, Set<String>> TRUTH_FINDINGS = new HashMap<>();
  private static List<Task> tasks;
  private static QaGenerator generator;

  @BeforeAll
  static void build() throws Exception {
    Source src = Sources.open(SourceSpec.parse("phantom:80"), SourceContext.withSeed(11));
    tasks = new ArrayList<>(src.tasks());
    tasks.addAll(new ReportTextStageProvider().tasks());
    StandardizeStage std = new StandardizeStage(128);
    var report = new ReportTextStageProvider().stage(StageContext.of(11, 128));
    AnnotateStageProvider annotate = new AnnotateStageProvider();
    generator =
        new QaGenerator(
            tasks, new QaGenerator.Config(10, 11, 0.75), QaTemplates.load(), QaReviews.NONE);
    for (Iterator<SourceItem> it = src.items(); it.hasNext(); ) {
      for (Sample raw : src.read(it.next())) {
        // The phantom's own truth, taken before any stage ran.
        Label findings =
            raw.labels().stream()
                .filter(l -> l.task().equals("findings"))
                .findFirst()
                .orElseThrow();
        TRUTH_FINDINGS.put(raw.id(), Set.copyOf(List.of(findings.name().split(", "))));
        Sample s = report.apply(std.apply(raw)).get(0);
        SAMPLES.add(QaStage.apply(generator, annotate.apply(s, 11)));
      }
    }
  }

  @Test
  void everyAnswerAgreesWithThePhantomTruth() {
    Map<String, int[]> byFact = new TreeMap<>(); // kind -> {checked, agreed}
    List<String> misses = new ArrayList<>();
    int unverifiable = 0;
    for (Sample s : SAMPLES) {
      Map<String, Roi> rois = new HashMap<>();
      s.rois().forEach(r -> rois.put(r.id(), r));
      for (QaPair q : QaStage.pairs(s)) {
        String expected = expected(s, q, rois);
        if (expected == null) {
          unverifiable++;
          misses.add("unverifiable: " + q.toJson());
          continue;
        }
        int[] c = byFact.computeIfAbsent(q.fact().kind(), k -> new int[2]);
        c[0]++;
        if (expected.equals(q.answer())) {
          c[1]++;
        } else {
          misses.add(s.id() + " " + s.view() + " expected '" + expected + "': " + q.toJson());
        }
      }
    }
    int checked = byFact.values().stream().mapToInt(c -> c[0]).sum();
    StringBuilder rates = new StringBuilder();
    byFact.forEach(
        (k, c) -> rates.append(k).append(' ').append(c[1]).append('/').append(c[0]).append("; "));
    System.out.println(
        "phantom qa agreement with truth: " + rates + "unverifiable " + unverifiable);
    System.out.println(generator.tally().summary());
    assertThat(misses).isEmpty();
    assertThat(checked).isGreaterThan(400);
    assertThat(byFact.keySet())
        .contains(
            "label",
            "modality",
            "body_part",
            "roi.location",
            "roi.side",
            "roi.zone",
            "roi.size",
            "roi.organ");
  }

  @Test
  void yesAndNoAreBalancedAndEverySampleHasAConversation() {
    long yes = generator.tally().yes();
    long no = generator.tally().no();
    assertThat(yes + no).isGreaterThan(50);
    assertThat(yes / (double) (yes + no)).isBetween(0.4, 0.6);
    for (Sample s : SAMPLES) {
      List<QaPair> qa = QaStage.pairs(s);
      assertThat(qa).as(s.id()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
      // Global questions come first, then regions, then relations.
      List<String> order = List.of("global", "region", "relation");
      for (int i = 1; i < qa.size(); i++) {
        assertThat(order.indexOf(qa.get(i).stage()))
            .isGreaterThanOrEqualTo(order.indexOf(qa.get(i - 1).stage()));
        assertThat(qa.get(i).turn()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameQuestionsAndAnotherSeedOtherPhrasings() {
    Sample s = SAMPLES.get(3);
    QaGenerator same =
        new QaGenerator(
            tasks, new QaGenerator.Config(10, 11, 0.75), QaTemplates.load(), QaReviews.NONE);
    assertThat(same.generate(s)).isEqualTo(QaStage.pairs(s));
    int differ = 0;
    for (Sample x : SAMPLES.subList(0, 20)) {
      QaGenerator other =
          new QaGenerator(
              tasks, new QaGenerator.Config(10, 12, 0.75), QaTemplates.load(), QaReviews.NONE);
      if (!other.generate(x).equals(QaStage.pairs(x))) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThan(10);
  }

  @Test
  void regionsRejectedInReviewAreNotAskedAboutAndAcceptedOnesAreReviewed() {
    Sample s =
        SAMPLES.stream()
            .filter(x -> QaStage.pairs(x).stream().anyMatch(q -> q.fact().aboutRegion()))
            .findFirst()
            .orElseThrow();
    String roi =
        QaStage.pairs(s).stream()
            .filter(q -> q.fact().aboutRegion())
            .findFirst()
            .get()
            .fact()
            .ref();
    QaReviews rejectIt =
        new QaReviews() {
          @Override
          public boolean rejected(String sampleId, String type, String ref) {
            return type.equals("roi") && ref.equals(roi);
          }

          @Override
          public boolean reviewed(String sampleId, String type, String ref) {
            return false;
          }
        };
    QaReviews acceptIt =
        new QaReviews() {
          @Override
          public boolean rejected(String sampleId, String type, String ref) {
            return false;
          }

          @Override
          public boolean reviewed(String sampleId, String type, String ref) {
            return type.equals("roi") && ref.equals(roi);
          }
        };
    var config = new QaGenerator.Config(30, 11, 0.75);
    QaGenerator rejecting = new QaGenerator(tasks, config, QaTemplates.load(), rejectIt);
    assertThat(rejecting.generate(s)).noneMatch(q -> q.fact().ref().equals(roi));
    assertThat(rejecting.tally().rejectedInReview()).isEqualTo(1);
    assertThat(new QaGenerator(tasks, config, QaTemplates.load(), acceptIt).generate(s))
        .filteredOn(q -> q.fact().ref().equals(roi))
        .isNotEmpty()
        .allMatch(q -> q.factOrigin().equals("reviewed"));
  }

  @Test
  void aStricterThresholdLeavesOutLessSureFacts() {
    long loose = 0;
    long strict = 0;
    QaGenerator sure =
        new QaGenerator(
            tasks, new QaGenerator.Config(30, 11, 0.95), QaTemplates.load(), QaReviews.NONE);
    QaGenerator any =
        new QaGenerator(
            tasks, new QaGenerator.Config(30, 11, 0.0), QaTemplates.load(), QaReviews.NONE);
    for (Sample s : SAMPLES) {
      List<QaPair> a = any.generate(s);
      List<QaPair> b = sure.generate(s);
      loose += a.stream().filter(q -> q.fact().aboutRegion()).count();
      strict += b.stream().filter(q -> q.fact().aboutRegion()).count();
      assertThat(b).allMatch(q -> q.confidence() >= 0.95);
    }
    assertThat(strict).isLessThan(loose);
    assertThat(sure.tally().lowConfidence()).isGreaterThan(0);
  }

  @Test
  void withoutLabelsOrReportNothingIsAnsweredNo() {
    QaGenerator g =
        new QaGenerator(
            tasks, new QaGenerator.Config(30, 11, 0.75), QaTemplates.load(), QaReviews.NONE);
    for (Sample s : SAMPLES.subList(0, 30)) {
      Sample bare = s.withLabels(List.of()).withTriplets(List.of());
      // No label and no report: no fact says anything is absent, so no question is answered no.
      assertThat(g.generate(bare)).noneMatch(q -> q.answer().equals("no"));
    }
  }

  /** The truth's answer to q, or null when the phantom's truth does not say. */
  private static String expected(Sample s, QaPair q, Map<String, Roi> rois) {
    Set<String> truth = TRUTH_FINDINGS.get(s.id());
    switch (q.fact().kind()) {
      case "modality":
        return "X-ray"; // the phantom draws radiographs
      case "body_part":
        return "chest";
      case "label":
        if (q.type().equals("closed")) {
          return truth.contains(q.fact().value()) ? "yes" : "no";
        }
        return null;
      case "triplet":
        return truthHas(truth, q.fact().ref()) ? "yes" : "no";
      default:
        break;
    }
    Roi r = rois.get(q.fact().ref());
    Map<String, String> a = r.attributes();
    String finding = a.getOrDefault("truth.finding", "");
    String where = a.getOrDefault("truth.location", "");
    Matcher m = TRUTH_LOCATION.matcher(where);
    String side = m.matches() ? m.group(1) : null;
    String zone =
        !m.matches()
            ? null
            : m.group(2).equals("apex")
                ? "upper"
                : m.group(2).equals("costophrenic angle") ? "lower" : m.group(2).split(" ")[0];
    return switch (q.fact().kind()) {
      case "roi.side" -> side;
      case "roi.zone" -> zone;
      case "roi.location" ->
          zone == null ? null : (s.view().equals("PA") ? side + " " : "") + zone + " zone";
      case "roi.size" -> sizeClass(r);
      case "roi.organ" ->
          finding.equals("cardiomegaly") ? "heart" : side == null ? null : side + " lung";
      default -> null;
    };
  }

  /**
   * Whether the phantom drew what a report tag names. The phantom draws only its own findings, so
   * any other tag is absent; device words are its support devices, opacity words its opacities,
   * pneumonia its consolidation.
   */
  private static boolean truthHas(Set<String> truth, String tag) {
    return switch (tag) {
      case "tube", "line", "device", "pacemaker", "wire", "drainage", "stent", "hardware" ->
          truth.contains("support devices");
      case "opacity", "infiltration", "lesion" ->
          truth.contains("consolidation") || truth.contains("nodule") || truth.contains("mass");
      // The phantom's reports call its consolidations pneumonia ("Right lower zone pneumonia.").
      case "pneumonia" -> truth.contains("consolidation");
      default -> truth.contains(tag);
    };
  }

  /** Size classes as documented: under 0.2%, 1%, 5%, 15% of the image, from the exact mask. */
  private static String sizeClass(Roi r) {
    BitMask m = r.mask().orElseThrow();
    double f = m.count() / (double) (m.width() * m.height());
    return f < 0.002
        ? "tiny"
        : f < 0.01 ? "small" : f < 0.05 ? "moderate-sized" : f < 0.15 ? "large" : "very large";
  }
}
