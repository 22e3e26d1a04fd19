package io.medloom.core.transform;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import java.util.List;

/**
 * An image and the masks that belong to it, moved together by geometric transforms (MONAI's keyed
 * transforms): a crop or rotation of the image applies to every mask with nearest-neighbour
 * sampling, so a region stays on its pixels; intensity transforms touch the image only.
 *
 * @param masks at the image's size, in a caller-defined order that transforms keep
 */
public record Keyed(Raster image, List<BitMask> masks) {
  public Keyed {
    notNull(image, "image");
    masks = List.copyOf(masks);
    for (BitMask m : masks) {
      checkArgument(
          m.width() == image.width() && m.height() == image.height(),
          "mask %sx%s does not match image %sx%s",
          m.width(),
          m.height(),
          image.width(),
          image.height());
    }
  }

  public static Keyed of(Raster image) {
    return new Keyed(image, List.of());
  }

  public Keyed withImage(Raster r) {
    return new Keyed(r, masks);
  }
}
