package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;

/** An axis-aligned box in pixels of the stored image; {@code x1,y1} are exclusive. */
public record Box(int x0, int y0, int x1, int y1) {
  public Box {
    checkArgument(
        x0 >= 0 && y0 >= 0 && x1 > x0 && y1 > y0,
        "box must have 0 <= x0 < x1 and 0 <= y0 < y1: [%s,%s,%s,%s]",
        x0,
        y0,
        x1,
        y1);
  }

  public int width() {
    return x1 - x0;
  }

  public int height() {
    return y1 - y0;
  }

  public boolean fitsIn(int imageWidth, int imageHeight) {
    return x1 <= imageWidth && y1 <= imageHeight;
  }
}
