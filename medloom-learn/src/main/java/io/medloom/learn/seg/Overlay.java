package io.medloom.learn.seg;

import io.medloom.core.image.PngEncoder;
import io.medloom.core.image.Raster;
import io.medloom.learn.model.ModelFolder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An image with the truth's outline in green and the prediction tinted and outlined in red (where
 * they agree the outline is yellow), for looking at the best and worst cases.
 */
public final class Overlay {
  private Overlay() {}

  public static void write(Raster gray, boolean[] truth, boolean[] pred, Path png)
      throws IOException {
    int w = gray.width();
    int h = gray.height();
    boolean[] te = edge(truth, w, h);
    boolean[] pe = edge(pred, w, h);
    byte[] out = new byte[w * h * 3];
    byte[] px = gray.pixels();
    for (int i = 0; i < w * h; i++) {
      int v = px[i] & 0xff;
      int r = v;
      int g = v;
      int b = v;
      if (pred[i]) {
        r = Math.min(255, (int) (v * 0.65 + 255 * 0.35));
        g = (int) (v * 0.65);
        b = (int) (v * 0.65);
      }
      if (te[i] && pe[i]) {
        r = 255;
        g = 255;
        b = 0;
      } else if (te[i]) {
        r = 0;
        g = 255;
        b = 0;
      } else if (pe[i]) {
        r = 255;
        g = 0;
        b = 0;
      }
      out[i * 3] = (byte) r;
      out[i * 3 + 1] = (byte) g;
      out[i * 3 + 2] = (byte) b;
    }
    ModelFolder.writeAtomically(png, new PngEncoder().encode(new Raster(w, h, 3, out)));
  }

  /** Outline pixels, thickened to two pixels so they show at any size. */
  private static boolean[] edge(boolean[] m, int w, int h) {
    int[] surface = SegMetrics.surface(m, w, h);
    boolean[] out = new boolean[m.length];
    int t = Math.max(1, Math.min(w, h) / 256);
    for (int i : surface) {
      int x = i % w;
      int y = i / w;
      for (int dy = -t; dy <= t; dy++) {
        for (int dx = -t; dx <= t; dx++) {
          int nx = x + dx;
          int ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
            out[ny * w + nx] = true;
          }
        }
      }
    }
    return out;
  }
}
