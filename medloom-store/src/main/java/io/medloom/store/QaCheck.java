package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.image.CocoRle;
import io.medloom.core.image.RegionLocation;
import io.medloom.core.model.Box;
import io.medloom.core.model.Task;
import io.medloom.core.qa.Fact;
import io.medloom.core.qa.QaPair;
import io.medloom.core.qa.QaRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Re-derives the answer of every stored {@code qa} text from its row: the modality and body part
 * columns, the labels, the triplets, and for region facts the region's mask (location with {@link
 * RegionLocation} from the decoded mask, size from its pixel count, containment from the overlap
 * with the named structure's mask), never from the attributes stored next to them. An answer the
 * row does not give is a problem; so is a question about a fact the row does not hold.
 */
final class QaCheck {
  static final String KIND = "qa";

  private final Map<String, Task> tasks;

  QaCheck(Map<String, Task> tasks) {
    this.tasks = tasks;
  }

  /** Checks the row's qa texts; returns how many answers were re-derived. */
  int check(
      StoredSample s,
      JsonNode rois,
      JsonNode texts,
      JsonNode labels,
      JsonNode triplets,
      BiConsumer<String, String> problem) {
    int n = 0;
    StoredLocations places = null;
    Map<String, JsonNode> byId = new HashMap<>();
    rois.forEach(r -> byId.putIfAbsent(r.path("id").asText(), r));
    for (JsonNode t : texts) {
      if (!KIND.equals(t.path("kind").asText())) {
        continue;
      }
      QaPair q;
      try {
        q = QaPair.fromJson(t.path("text").asText());
      } catch (IllegalArgumentException e) {
        problem.accept("qa", s.id() + ": unreadable qa text: " + e.getMessage());
        continue;
      }
      n++;
      Optional<String> expected;
      try {
        if (q.fact().aboutRegion()) {
          if (places == null) {
            places = new StoredLocations(s, rois);
          }
          expected = region(s, q, byId, places);
        } else {
          expected = global(s, q, labels, triplets);
        }
      } catch (RuntimeException e) {
        expected = Optional.empty();
      }
      if (expected.isEmpty()) {
        problem.accept(
            "qa",
            s.id()
                + ": turn "
                + q.turn()
                + " asks about "
                + describe(q.fact())
                + ", which the row does not hold");
      } else if (!expected.get().equals(q.answer())) {
        problem.accept(
            "qa",
            s.id()
                + ": turn "
                + q.turn()
                + " '"
                + q.question()
                + "' answers '"
                + q.answer()
                + "' but the stored "
                + describe(q.fact())
                + " gives '"
                + expected.get()
                + "'");
      }
    }
    return n;
  }

  private Optional<String> global(StoredSample s, QaPair q, JsonNode labels, JsonNode triplets) {
    Fact f = q.fact();
    switch (f.kind()) {
      case "modality":
        return QaRules.modalityName(s.modality() == null ? "" : s.modality());
      case "body_part":
        return QaRules.bodyPartName(s.bodyPart() == null ? "" : s.bodyPart());
      case "label":
        return label(f, q, labels);
      case "triplet":
        Set<String> said = new HashSet<>();
        for (JsonNode t : triplets) {
          if (t.path("finding").asText().toLowerCase(Locale.ROOT).equals(f.ref())) {
            said.add(t.path("existence").asText());
          }
        }
        if (said.equals(Set.of("present"))) {
          return Optional.of("yes");
        }
        return said.equals(Set.of("absent")) ? Optional.of("no") : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private Optional<String> label(Fact f, QaPair q, JsonNode labels) {
    Task task = tasks.get(f.ref());
    if (task == null) {
      return Optional.empty();
    }
    for (JsonNode l : labels) {
      if (!l.path("task").asText().equals(f.ref())) {
        continue;
      }
      Set<Integer> on = new HashSet<>();
      l.path("indices").forEach(i -> on.add(i.asInt()));
      if (l.path("index").isInt() && l.path("index").asInt() >= 0) {
        on.add(l.path("index").asInt());
      }
      if (q.type().equals("closed")) {
        for (Map.Entry<Integer, String> c : task.classes().entrySet()) {
          if (c.getValue().equals(f.value())) {
            return Optional.of(QaRules.yesNo(on.contains(c.getKey())));
          }
        }
        return Optional.empty();
      }
      return on.size() == 1
          ? Optional.ofNullable(task.classes().get(on.iterator().next()))
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> region(
      StoredSample s, QaPair q, Map<String, JsonNode> byId, StoredLocations places) {
    JsonNode roi = byId.get(q.fact().ref());
    if (roi == null || s.png() == null) {
      return Optional.empty();
    }
    byte[] mask = mask(roi, s.width(), s.height());
    if (q.fact().kind().equals("roi.organ")) {
      // The answer names a structure: at least half the region must lie in that structure's mask.
      for (JsonNode o : byId.values()) {
        if (o != roi && o.path("label").asText().equalsIgnoreCase(q.answer())) {
          byte[] organ = mask(o, s.width(), s.height());
          long in = 0;
          long all = 0;
          for (int i = 0; i < mask.length; i++) {
            all += mask[i];
            in += mask[i] & organ[i];
          }
          return Optional.of(
              all > 0 && in >= QaRules.WITHIN_SHARE * all
                  ? q.answer()
                  : "a structure holding less than half of it");
        }
      }
      return Optional.empty();
    }
    Optional<RegionLocation.Location> where = places.of(q.fact().ref());
    if (where.isEmpty()) {
      return Optional.empty();
    }
    long count = 0;
    for (byte b : mask) {
      count += b;
    }
    return QaRules.regionAnswer(
        q.fact().kind(), where.get(), count / (double) (s.width() * s.height()));
  }

  private static byte[] mask(JsonNode roi, int w, int h) {
    if (roi.path("mask_rle").isTextual()) {
      return CocoRle.decode(roi.path("mask_rle").asText(), w, h).toBytes();
    }
    JsonNode b = roi.path("box");
    return RegionLocation.fill(
        new Box(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt()), w, h);
  }

  private static String describe(Fact f) {
    return switch (f.kind()) {
      case "label" ->
          "label of task '"
              + f.ref()
              + "'"
              + (f.value().isEmpty() ? "" : " (class '" + f.value() + "')");
      case "triplet" -> "report finding '" + f.ref() + "'";
      case "modality", "body_part" -> f.kind().replace('_', ' ');
      default -> f.kind().substring(4).replace('_', ' ') + " of region " + f.ref();
    };
  }
}
