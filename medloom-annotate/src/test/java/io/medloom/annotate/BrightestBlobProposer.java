package io.medloom.annotate;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.RoiProposer;
import java.util.List;
import java.util.Map;

/**
 * Test double for {@link RoiProposer}: every pixel within {@code margin} gray levels of the
 * brightest one. It deliberately sets a wrong origin so the test can see the stage stamp it.
 */
final class BrightestBlobProposer implements RoiProposer {
  private final int margin;
  int calls;

  BrightestBlobProposer(int margin) {
    this.margin = margin;
  }

  @Override
  public String name() {
    return "brightest-blob";
  }

  @Override
  public List<Roi> propose(Sample s) {
    calls++;
    Raster g = s.image().orElseThrow().toGray();
    byte[] px = g.pixels();
    int max = 0;
    for (byte b : px) {
      max = Math.max(max, b & 0xff);
    }
    byte[] m = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      m[i] = (byte) ((px[i] & 0xff) >= max - margin ? 1 : 0);
    }
    return Roi.fromMask("blob", "nodule", BitMask.wrap(g.width(), g.height(), m), "box", Map.of())
        .map(
            r ->
                new Roi(
                    r.id(),
                    r.label(),
                    r.box(),
                    r.mask(),
                    r.areaFraction(),
                    "box",
                    0.7,
                    r.attributes()))
        .stream()
        .toList();
  }
}
