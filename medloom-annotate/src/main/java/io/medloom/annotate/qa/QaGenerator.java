package io.medloom.annotate.qa;

import io.medloom.core.image.RegionLocation;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.model.Triplet;
import io.medloom.core.qa.Fact;
import io.medloom.core.qa.QaPair;
import io.medloom.core.qa.QaRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Questions whose answers are right by construction: each is asked about one stored fact (a label,
 * a report triplet, the modality or body part, a region's measured location, size or containing
 * organ) and answered from it with {@link QaRules}, the rules {@code verify} re-derives answers
 * with. No fact is invented: a "no" comes only from a label that leaves the class out or a triplet
 * that says absent; facts below the confidence threshold, regions or labels rejected in review, and
 * regions whose label another region of the image shares ("the nodule" would be ambiguous) are not
 * asked about. Yes/no questions are balanced per image. A sample's questions form one conversation:
 * global, then region, then relation questions.
 */
public final class QaGenerator {
  /** The {@code origin} of the {@code qa} texts this generator writes. */
  public static final String ORIGIN = "qa:1";

  /**
   * @param perSample at most this many questions per image
   * @param seed varies phrasings, option order and which facts are picked
   * @param minConfidence facts less sure than this are not asked about
   */
  public record Config(int perSample, long seed, double minConfidence) {
    public Config {
      if (perSample < 1) {
        throw new IllegalArgumentException("questions per sample must be >= 1: " + perSample);
      }
      if (minConfidence < 0 || minConfidence > 1) {
        throw new IllegalArgumentException("confidence threshold not in [0,1]: " + minConfidence);
      }
    }
  }

  private static final List<String> COMMON_MODALITIES =
      List.of("X-ray", "CT", "MRI", "ultrasound", "mammography", "endoscopy");

  private final Map<String, Task> tasks;
  private final Config config;
  private final QaTemplates bank;
  private final QaReviews reviews;
  private final QaTally tally = new QaTally();

  public QaGenerator(List<Task> tasks, Config config, QaTemplates bank, QaReviews reviews) {
    Map<String, Task> m = new LinkedHashMap<>();
    tasks.forEach(t -> m.put(t.name(), t));
    this.tasks = Map.copyOf(m);
    this.config = config;
    this.bank = bank;
    this.reviews = reviews;
  }

  public QaTally tally() {
    return tally;
  }

  /** The conversation about {@code s}'s image; empty for a sample without an image. */
  public List<QaPair> generate(Sample s) {
    tally.samples.incrementAndGet();
    if (!s.hasImage()) {
      return List.of();
    }
    Random rng = new Random(fnv(s.id()) ^ (config.seed() * 0x9E3779B97F4A7C15L));
    List<Draft> global = global(s, rng);
    List<Draft> region = new ArrayList<>();
    List<Draft> relation = new ArrayList<>();
    regions(s, rng, region, relation);
    List<QaPair> out = select(global, region, relation);
    if (!out.isEmpty()) {
      tally.withQuestions.incrementAndGet();
    }
    for (QaPair p : out) {
      tally.questions.incrementAndGet();
      tally.type(p.type());
      if (p.type().equals("closed")) {
        (p.answer().equals("yes") ? tally.yes : tally.no).incrementAndGet();
      }
    }
    return out;
  }

  /** Round-robin over the three stages up to the budget, then in conversation order. */
  private List<QaPair> select(List<Draft> g, List<Draft> r, List<Draft> rel) {
    int[] take = new int[3];
    List<List<Draft>> stages = List.of(g, r, rel);
    int chosen = 0;
    boolean more = true;
    while (chosen < config.perSample() && more) {
      more = false;
      for (int i = 0; i < 3 && chosen < config.perSample(); i++) {
        if (take[i] < stages.get(i).size()) {
          take[i]++;
          chosen++;
          more = true;
        }
      }
    }
    List<QaPair> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (Draft d : stages.get(i).subList(0, take[i])) {
        out.add(
            new QaPair(
                out.size() + 1,
                d.stage(),
                d.type(),
                d.question(),
                d.answer(),
                d.options(),
                d.fact(),
                d.origin(),
                d.confidence()));
      }
    }
    return out;
  }

  // ---------- global: modality, body part, labels, report triplets ----------

  private List<Draft> global(Sample s, Random rng) {
    List<Draft> out = new ArrayList<>();
    QaRules.modalityName(s.modality())
        .ifPresent(
            name -> {
              if (rng.nextBoolean()) {
                List<String> options = new ArrayList<>(List.of(name));
                List<String> others = new ArrayList<>(COMMON_MODALITIES);
                others.remove(name);
                Collections.shuffle(others, rng);
                options.addAll(others.subList(0, 2));
                Collections.shuffle(options, rng);
                out.add(
                    Draft.of(
                        "global",
                        "choice",
                        bank.phrase(
                            "modality.choice",
                            rng,
                            Map.of("options", QaTemplates.options(options))),
                        name,
                        options,
                        new Fact("modality", "", ""),
                        "labelled",
                        1));
              } else {
                out.add(
                    Draft.of(
                        "global",
                        "open",
                        bank.phrase("modality.open", rng, Map.of()),
                        name,
                        List.of(),
                        new Fact("modality", "", ""),
                        "labelled",
                        1));
              }
            });
    List<Draft> yes = new ArrayList<>();
    List<Draft> no = new ArrayList<>();
    List<Draft> choices = new ArrayList<>();
    Set<String> labelled = labels(s, rng, yes, no, choices);
    triplets(s, rng, labelled, yes, no);
    Collections.shuffle(yes, rng);
    Collections.shuffle(no, rng);
    int pairs = Math.min(yes.size(), no.size());
    // Balanced per image; an image with facts on one side only gets one question of that side.
    for (int i = 0; i < pairs; i++) {
      boolean yesFirst = rng.nextBoolean();
      out.add(yesFirst ? yes.get(i) : no.get(i));
      out.add(yesFirst ? no.get(i) : yes.get(i));
    }
    if (pairs == 0 && !(yes.isEmpty() && no.isEmpty())) {
      out.add(yes.isEmpty() ? no.get(0) : yes.get(0));
    }
    QaRules.bodyPartName(s.bodyPart())
        .ifPresent(
            part ->
                out.add(
                    Draft.of(
                        "global",
                        "open",
                        bank.phrase("body_part.open", rng, Map.of()),
                        part,
                        List.of(),
                        new Fact("body_part", "", ""),
                        "labelled",
                        1)));
    out.addAll(choices);
    return out;
  }

  /** Closed questions from labels; returns the class names a complete label covers. */
  private Set<String> labels(
      Sample s, Random rng, List<Draft> yes, List<Draft> no, List<Draft> choices) {
    Set<String> covered = new HashSet<>();
    for (Label l : s.labels()) {
      Task t = tasks.get(l.task());
      if (t == null || t.target() == TaskTarget.REGRESSION || bank.skipTask(t.name())) {
        continue;
      }
      if (reviews.rejected(s.id(), "label", t.name())) {
        tally.rejectedInReview.incrementAndGet();
        continue;
      }
      String origin = reviews.reviewed(s.id(), "label", t.name()) ? "reviewed" : "labelled";
      boolean single = t.target() != TaskTarget.MULTILABEL;
      for (Map.Entry<Integer, String> c : t.classes().entrySet()) {
        String name = c.getValue().toLowerCase(Locale.ROOT);
        covered.add(name);
        boolean present = l.indices().contains(c.getKey());
        String question =
            bank.isNormalClass(name)
                ? bank.phrase("normal.closed", rng, Map.of())
                : single
                    ? bank.phrase("class.closed", rng, Map.of("class", name))
                    : bank.phrase(
                        "finding.closed", rng, Map.of("a_finding", bank.withArticle(name)));
        (present ? yes : no)
            .add(
                Draft.of(
                    "global",
                    "closed",
                    question,
                    QaRules.yesNo(present),
                    List.of(),
                    new Fact("label", t.name(), c.getValue()),
                    origin,
                    1));
      }
      if (single && l.index() >= 0 && t.classes().size() > 1) {
        String answer = t.classes().get(l.index());
        List<String> others = new ArrayList<>(t.classes().values());
        others.remove(answer);
        Collections.shuffle(others, rng);
        List<String> options = new ArrayList<>(others.subList(0, Math.min(3, others.size())));
        options.add(answer);
        Collections.shuffle(options, rng);
        choices.add(
            Draft.of(
                "global",
                "choice",
                bank.phrase("class.choice", rng, Map.of("options", QaTemplates.options(options))),
                answer,
                options,
                new Fact("label", t.name(), ""),
                origin,
                1));
      }
    }
    return covered;
  }

  /** Closed questions from the report: present → yes, absent → no; hedged or mixed → nothing. */
  private void triplets(
      Sample s, Random rng, Set<String> covered, List<Draft> yes, List<Draft> no) {
    Map<String, Set<String>> existence = new TreeMap<>();
    for (Triplet t : s.triplets()) {
      existence
          .computeIfAbsent(t.finding().toLowerCase(Locale.ROOT), k -> new HashSet<>())
          .add(t.existence());
    }
    existence.forEach(
        (finding, said) -> {
          java.util.Optional<String> words = bank.tripletFinding(finding);
          if (words.isEmpty()
              || covered.contains(finding)
              || covered.contains(words.get())
              || said.size() != 1
              || said.contains("uncertain")) {
            // not a finding one asks about, a label says it already, or the report hedges or
            // contradicts itself
            return;
          }
          boolean present = said.contains("present");
          (present ? yes : no)
              .add(
                  Draft.of(
                      "global",
                      "closed",
                      bank.phrase(
                          "finding.closed",
                          rng,
                          Map.of("a_finding", bank.withArticle(words.get()))),
                      QaRules.yesNo(present),
                      List.of(),
                      new Fact("triplet", finding, ""),
                      "generated",
                      1));
        });
  }

  // ---------- regions and relations ----------

  private void regions(Sample s, Random rng, List<Draft> region, List<Draft> relation) {
    Map<String, List<Roi>> byLabel = new TreeMap<>();
    for (Roi r : s.rois()) {
      // Measured findings only: anatomy gets no word confidence, atlas zones are not findings.
      if (!r.origin().equals("atlas")
          && r.attributes().containsKey("attr.confidence.words")
          && bank.asksAboutRegion(r.label())) {
        byLabel.computeIfAbsent(r.label().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
      }
    }
    Set<String> ruledOut = Triplet.ruledOut(s.triplets());
    List<Roi> asked = new ArrayList<>();
    byLabel.forEach(
        (label, rois) -> {
          if (rois.size() > 1) {
            tally.ambiguous.addAndGet(rois.size());
          } else if (ruledOut.contains(label)) {
            tally.ambiguous.incrementAndGet(); // the report denies what the region shows
          } else if (reviews.rejected(s.id(), "roi", rois.get(0).id())) {
            tally.rejectedInReview.incrementAndGet();
          } else {
            asked.add(rois.get(0));
          }
        });
    Collections.shuffle(asked, rng);
    for (Roi r : asked) {
      List<Draft> mine = new ArrayList<>();
      regionQuestions(s, r, rng, mine, relation);
      region.addAll(mine);
    }
  }

  private void regionQuestions(
      Sample s, Roi r, Random rng, List<Draft> region, List<Draft> relation) {
    Map<String, String> a = r.attributes();
    String finding = r.label().toLowerCase(Locale.ROOT);
    String origin =
        r.origin().equals("annotator") || reviews.reviewed(s.id(), "roi", r.id())
            ? "reviewed"
            : io.medloom.core.model.Roi.isModel(r.origin()) ? "generated" : "measured";
    double base = r.confidence() * Draft.num(a, "attr.confidence.fragments", 1);
    RegionLocation.Location loc =
        new RegionLocation.Location(
            a.getOrDefault("attr.loc.side", ""),
            a.getOrDefault("attr.loc.zone", ""),
            a.getOrDefault("attr.loc.region", ""),
            a.getOrDefault("attr.loc.grid", ""),
            1);
    double locConf = base * Draft.num(a, "attr.confidence.location", 0);
    double sizeConf = base * Draft.num(a, "attr.confidence.size", 0);
    double area = Draft.num(a, "attr.size.area_fraction", r.areaFraction());
    Map<String, String> fill = Map.of("finding", finding);
    // A region across the midline (an enlarged heart) has no one place in a lung to name.
    boolean placed = !loc.side().equals("midline");
    QaRules.locationPhrase(loc)
        .filter(p -> placed)
        .ifPresent(
            p ->
                add(
                    region,
                    Draft.of(
                        "region",
                        "open",
                        bank.phrase("roi.location.open", rng, fill),
                        p,
                        List.of(),
                        new Fact("roi.location", r.id(), ""),
                        origin,
                        locConf)));
    QaRules.side(loc)
        .ifPresent(
            side -> {
              List<String> options = new ArrayList<>(List.of("right", "left"));
              Collections.shuffle(options, rng);
              add(region, choice("roi.side", r, side, options, fill, origin, locConf, rng));
            });
    QaRules.zone(loc)
        .filter(z -> placed)
        .ifPresent(
            zone ->
                add(
                    region,
                    choice("roi.zone", r, zone, RegionLocation.ZONES, fill, origin, locConf, rng)));
    QaRules.imageSide(loc)
        .ifPresent(
            side ->
                add(
                    region,
                    choice(
                        "roi.image_side",
                        r,
                        side,
                        QaRules.IMAGE_SIDES,
                        fill,
                        origin,
                        locConf,
                        rng)));
    String size = QaRules.sizeWord(area);
    int k = QaRules.SIZE_WORDS.indexOf(size);
    int from = Math.max(0, Math.min(k - 1, QaRules.SIZE_WORDS.size() - 3));
    add(
        region,
        choice(
            "roi.size",
            r,
            size,
            QaRules.SIZE_WORDS.subList(from, from + 3),
            fill,
            origin,
            sizeConf,
            rng));
    String organ = a.getOrDefault("attr.loc.organ", "");
    // On a lateral film both lungs and the heart overlap in projection: "within" is undecidable.
    boolean frontal =
        RegionLocation.FRONTAL_VIEWS.contains(s.view().toUpperCase(Locale.ROOT).strip());
    if (!organ.isEmpty()
        && (frontal || !a.containsKey("attr.loc.zone"))
        && Draft.num(a, "attr.loc.organ_share", 0) >= QaRules.WITHIN_SHARE) {
      add(
          relation,
          Draft.of(
              "relation",
              "open",
              bank.phrase("roi.organ.open", rng, fill),
              organ.toLowerCase(Locale.ROOT),
              List.of(),
              new Fact("roi.organ", r.id(), ""),
              origin,
              base * Draft.num(a, "attr.confidence.relation", 0)));
    }
  }

  private Draft choice(
      String kind,
      Roi r,
      String answer,
      List<String> options,
      Map<String, String> fill,
      String origin,
      double confidence,
      Random rng) {
    Map<String, String> values = new HashMap<>(fill);
    values.put("options", QaTemplates.options(options));
    return Draft.of(
        "region",
        "choice",
        bank.phrase(kind + ".choice", rng, values),
        answer,
        options,
        new Fact(kind, r.id(), ""),
        origin,
        confidence);
  }

  private void add(List<Draft> list, Draft d) {
    if (d.confidence() < config.minConfidence()) {
      tally.lowConfidence.incrementAndGet();
    } else {
      list.add(d);
    }
  }

  /** FNV-1a 64 of the id: stable across JVMs. */
  static long fnv(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
