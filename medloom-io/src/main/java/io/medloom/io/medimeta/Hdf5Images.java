package io.medloom.io.medimeta;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.dataset.ContiguousDatasetImpl;
import io.jhdf.object.datatype.FixedPoint;
import io.medloom.core.image.Raster;
import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * MedIMeta's {@code images.hdf5}: the dataset {@code images}, 8-bit, shape (N,H,W) for one channel
 * or (N,H,W,3) channels-last, row i being image i. One image is read at a time (a contiguous
 * dataset as a slice of raw bytes, a chunked one through the decompressing reader), so a file of
 * many gigabytes is never loaded whole. The file stays open for the source's life; reads are
 * serialized.
 */
final class Hdf5Images {
  private final Path path;
  private final HdfFile file;
  private final Dataset images;
  private final int count;
  private final int height;
  private final int width;
  private final int channels;

  private Hdf5Images(Path path, HdfFile file, Dataset images, int[] dims) {
    this.path = path;
    this.file = file;
    this.images = images;
    this.count = dims[0];
    this.height = dims[1];
    this.width = dims[2];
    this.channels = dims.length == 4 ? dims[3] : 1;
  }

  /** Opens and checks the file: the dataset, its type and shape, and the image count. */
  static Hdf5Images open(Path path, int expected, ReadBudget budget) throws IOException {
    HdfFile file;
    try {
      file = new HdfFile(path);
    } catch (RuntimeException e) {
      throw new IOException(path + ": not a readable HDF5 file: " + e.getMessage(), e);
    }
    try {
      Node node = file.getChildren().get("images");
      if (!(node instanceof Dataset d)) {
        throw new IOException(
            path + ": no dataset 'images' (the file holds " + file.getChildren().keySet() + ")");
      }
      int[] dims = d.getDimensions();
      boolean byteType =
          d.getDataType() instanceof FixedPoint f && f.getSize() == 1 && !d.isCompound();
      if (!byteType) {
        throw new IOException(
            path + ": dataset 'images' must hold 8-bit integers, not " + d.getJavaType());
      }
      boolean shapeOk =
          (dims.length == 3 || (dims.length == 4 && (dims[3] == 1 || dims[3] == 3)))
              && dims[1] > 0
              && dims[2] > 0;
      if (!shapeOk) {
        throw new IOException(
            path + ": dataset 'images' must be (N,H,W) or (N,H,W,3), not " + Arrays.toString(dims));
      }
      if (dims[0] != expected) {
        throw new IOException(
            path + ": " + dims[0] + " images, but info.yaml announces " + expected);
      }
      budget.checkPixels(dims[2], dims[1], path + " images");
      return new Hdf5Images(path, file, d, dims);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e instanceof IOException io ? io : new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Image {@code i} as a raster (channels-last bytes are already the raster's layout). */
  synchronized Raster read(int i) throws IOException {
    if (i < 0 || i >= count) {
      throw new IOException(path + ": no image " + i + " among " + count);
    }
    byte[] px = new byte[height * width * channels];
    long[] offset =
        channels == 1 && images.getDimensions().length == 3
            ? new long[] {i, 0, 0}
            : new long[] {i, 0, 0, 0};
    int[] shape =
        offset.length == 3 ? new int[] {1, height, width} : new int[] {1, height, width, channels};
    try {
      if (images instanceof ContiguousDatasetImpl c) {
        ByteBuffer b = c.getSliceDataBuffer(offset, shape);
        b.get(px);
      } else {
        copy(images.getData(offset, shape), px, 0);
      }
    } catch (RuntimeException e) {
      throw new IOException(path + ": cannot read image " + i + ": " + e.getMessage(), e);
    }
    return new Raster(width, height, channels == 3 ? 3 : 1, px);
  }

  /**
   * Flattens the reader's nested arrays (8-bit values widened to byte, short or int) in C order.
   */
  private static int copy(Object a, byte[] out, int at) {
    if (a instanceof byte[] b) {
      System.arraycopy(b, 0, out, at, b.length);
      return at + b.length;
    }
    if (a instanceof short[] s) {
      for (short v : s) {
        out[at++] = (byte) v;
      }
      return at;
    }
    if (a instanceof int[] s) {
      for (int v : s) {
        out[at++] = (byte) v;
      }
      return at;
    }
    for (Object row : (Object[]) a) {
      at = copy(row, out, at);
    }
    return at;
  }

  int count() {
    return count;
  }

  void close() {
    file.close();
  }
}
