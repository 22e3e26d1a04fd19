package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.image.CocoRle;
import io.medloom.core.image.Raster;
import io.medloom.core.image.RegionLocation;
import io.medloom.core.model.Box;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The location of a stored row's regions, recomputed from what the row holds: the view, the anatomy
 * boxes, each region's mask (its COCO RLE decoded; its box when it has none) and, only when the
 * rule needs the content box, the image. {@link RegionLocation} is the rule the annotator used to
 * write the words, so a description that disagrees with this disagrees with its pixels.
 */
final class StoredLocations {
  private final StoredSample row;
  private final Map<String, JsonNode> rois = new HashMap<>();
  private final List<RegionLocation.Labelled> labelled;
  private RegionLocation.Frame frame;

  StoredLocations(StoredSample row, JsonNode roiList) {
    this.row = row;
    roiList.forEach(r -> rois.putIfAbsent(r.path("id").asText(), r));
    List<RegionLocation.Labelled> labelled = new ArrayList<>();
    for (JsonNode r : roiList) {
      box(r).ifPresent(b -> labelled.add(new RegionLocation.Labelled(r.path("label").asText(), b)));
    }
    this.labelled = labelled;
  }

  /** The region's location; empty when the row has no such region or it covers no pixel. */
  Optional<RegionLocation.Location> of(String roiId) {
    JsonNode r = rois.get(roiId);
    Optional<Box> box = r == null ? Optional.empty() : box(r);
    if (box.isEmpty() || row.png() == null) {
      return Optional.empty();
    }
    int w = row.width();
    int h = row.height();
    byte[] mask =
        r.path("mask_rle").isTextual()
            ? CocoRle.decode(r.path("mask_rle").asText(), w, h).toBytes()
            : RegionLocation.fill(box.get(), w, h);
    if (frame == null) {
      frame = RegionLocation.frameOf(row.view(), labelled, this::image);
    }
    return RegionLocation.of(mask, w, frame);
  }

  private Raster image() {
    try {
      return RowDecoder.image(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Box> box(JsonNode r) {
    JsonNode b = r.path("box");
    try {
      return Optional.of(
          new Box(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt()));
    } catch (RuntimeException e) {
      return Optional.empty(); // the ROI check reports the bad box
    }
  }
}
