package io.medloom.core.pipeline;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.image.Letterbox;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings an image to {@code size x size}, 8-bit, aspect kept with black padding ({@link
 * Letterbox}), and moves every region with it: masks nearest-neighbour, boxes re-derived from the
 * resized mask (or mapped when there is no mask). Colour images whose channels are all equal become
 * gray; true colour (endoscopy, fundus, photos) stays RGB.
 */
public final class StandardizeStage implements Stage.OneToOne {
  private final int size;

  public StandardizeStage(int size) {
    checkArgument(size >= 8 && size <= 4096, "size must be in 8..4096: %s", size);
    this.size = size;
  }

  public Stage asStage() {
    return Stage.of("standardize", this);
  }

  @Override
  public Sample apply(Sample sample) {
    if (sample.image().isEmpty()) {
      return sample; // text-only: nothing to standardize
    }
    Raster img = sample.image().get();
    if (img.channels() == 3 && img.isNearlyGray()) {
      img = img.toGray();
    }
    Letterbox lb = Letterbox.fit(img.width(), img.height(), size);
    Raster out = lb.apply(img);
    List<Roi> rois = new ArrayList<>(sample.rois().size());
    for (Roi r : sample.rois()) {
      if (r.mask().isPresent()) {
        // A region thinner than one output pixel can vanish; dropping it is honest, a fake box is
        // not.
        Roi.fromMask(r.id(), r.label(), lb.apply(r.mask().get()), r.origin(), r.attributes())
            .map(m -> withConfidence(m, r.confidence()))
            .ifPresent(rois::add);
      } else {
        var box = lb.apply(r.box());
        double area = box.width() * (double) box.height() / (size * (double) size);
        rois.add(
            new Roi(
                r.id(),
                r.label(),
                box,
                Optional.empty(),
                Math.min(1, area),
                r.origin(),
                r.confidence(),
                r.attributes()));
      }
    }
    return sample.withImage(out, rois);
  }

  private static Roi withConfidence(Roi r, double confidence) {
    return new Roi(
        r.id(),
        r.label(),
        r.box(),
        r.mask(),
        r.areaFraction(),
        r.origin(),
        confidence,
        r.attributes());
  }
}
