package io.medloom.annotate;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a chat model to rephrase each composed {@code desc.roi}, and keeps the answer only when it
 * passes the same checks as the composer's own text, plus two a rephrasing can fail on its own: it
 * must keep every location and appearance claim of the original, and it must not name a finding the
 * original did not. Accepted texts replace the composed one with origin {@code llm:<model>};
 * anything else (a rejected answer, a timeout, a server error) keeps the composed text and is
 * counted by reason. The model is never trusted and never required.
 */
public final class Rephraser {
  static final String SYSTEM =
      "You rephrase one sentence from a medical image description. Keep every fact: the finding,"
          + " its side, zone, size, shape, intensity and texture words. Add no new fact and no"
          + " other finding. Answer with the rephrased sentence only.";
  private static final Pattern CLAIM =
      Pattern.compile(
          "\\b(right|left|midline|upper|middle|lower|apex|apical|costophrenic|"
              + "(?:hyper|iso|hypo)(?:dense|intense|echoic)|brighter|darker|brightness|"
              + "homogeneous|heterogeneous|"
              + "tiny|small|moderate-sized|large|round|oval|elongated|irregular)\\b");

  private final ChatClient chat;
  private final AtomicLong asked = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

  public Rephraser(ChatClient chat) {
    this.chat = chat;
  }

  public String origin() {
    return "llm:" + chat.model();
  }

  public Stage stage() {
    return Stage.of("rephrase", this::apply);
  }

  /** Rephrased sentences asked for, accepted, and kept as composed by reason. */
  public String summary() {
    return "llm "
        + chat.model()
        + ": "
        + asked.get()
        + " asked, "
        + accepted.get()
        + " accepted"
        + (refused.isEmpty() ? "" : ", kept as composed " + new TreeMap<>(refused));
  }

  public long accepted() {
    return accepted.get();
  }

  public Map<String, Long> refused() {
    Map<String, Long> out = new TreeMap<>();
    refused.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public Sample apply(Sample s) {
    Map<String, Roi> rois = new HashMap<>();
    s.rois().forEach(r -> rois.put(r.id(), r));
    List<Text> out = new ArrayList<>(s.texts().size());
    for (Text t : s.texts()) {
      Roi roi = t.roiId().map(rois::get).orElse(null);
      if (!t.kind().equals("desc.roi") || !t.origin().equals(Composer.ORIGIN) || roi == null) {
        out.add(t);
        continue;
      }
      asked.incrementAndGet();
      String answer;
      try {
        answer = chat.complete(SYSTEM, t.text());
      } catch (java.io.IOException e) {
        refuse("endpoint error");
        out.add(t);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        refuse("interrupted");
        out.add(t);
        continue;
      }
      String problem = problem(t.text(), answer, roi, s);
      if (problem.isEmpty()) {
        accepted.incrementAndGet();
        out.add(new Text(t.kind(), answer, origin(), t.roiId()));
      } else {
        refuse(problem);
        out.add(t);
      }
    }
    return s.withTexts(out);
  }

  private void refuse(String reason) {
    refused.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
  }

  /** Why an answer cannot replace the composed sentence, or "" when it can. */
  static String problem(String original, String answer, Roi roi, Sample s) {
    String a = answer.strip();
    if (a.isEmpty() || a.contains("\n") || a.length() > 2 * original.length() + 80) {
      return "not one sentence";
    }
    Map<String, String> attrs = new HashMap<>();
    roi.attributes()
        .forEach(
            (k, v) -> {
              if (k.startsWith(AnnotateStageProvider.PREFIX)) {
                attrs.put(k.substring(AnnotateStageProvider.PREFIX.length()), v);
              }
            });
    if (!ConsistencyCheck.agrees(a, attrs)) {
      return "contradicts the region's geometry";
    }
    String lower = a.toLowerCase(Locale.ROOT);
    String label = roi.label().toLowerCase(Locale.ROOT);
    if (!lower.contains(label)) {
      return "drops the finding";
    }
    if (!claims(lower).equals(claims(original.toLowerCase(Locale.ROOT)))) {
      return "changes a location, size or appearance word";
    }
    String before = original.toLowerCase(Locale.ROOT);
    Set<String> ruledOut = io.medloom.core.model.Triplet.ruledOut(s.triplets());
    for (KnowledgeBase.Entry e : KnowledgeBase.standard().entries()) {
      if (!e.kind().equals("finding")) {
        continue;
      }
      List<String> names = new ArrayList<>(e.synonyms());
      names.add(e.name());
      for (String n : names) {
        String name = n.toLowerCase(Locale.ROOT);
        if (!name.equals(label)
            && !before.contains(name)
            && Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(lower).find()) {
          return ruledOut.contains(name)
              ? "names a finding the report rules out"
              : "adds a finding";
        }
      }
    }
    return "";
  }

  private static Set<String> claims(String text) {
    Set<String> out = new java.util.HashSet<>();
    Matcher m = CLAIM.matcher(text);
    while (m.find()) {
      out.add(m.group(1).equals("apical") ? "apex" : m.group(1));
    }
    return out;
  }
}
