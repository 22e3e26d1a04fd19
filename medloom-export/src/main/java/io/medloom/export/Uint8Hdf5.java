package io.medloom.export;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes one uint8 dataset with jhdf 0.9.4.
 *
 * <p>Why this is not a plain {@code putDataset}: jhdf 0.9.4 has no API to write unsigned integers.
 * {@code WritableDatasetImpl} takes its type from {@code DataType.fromObject}, which maps Java
 * {@code byte} to a <em>signed</em> 8-bit {@code FixedPoint} (h5py then reads int8, and MedIMeta's
 * loader would see negative pixels). The stored bytes of int8 and uint8 are identical; only the
 * sign bit of the HDF5 datatype message differs. So we let jhdf encode its own int8 datatype
 * message, clear the sign bit, parse it back with jhdf's public {@code FixedPoint(ByteBuffer)}
 * constructor, and put that type into the dataset before the file is written. The only non-API step
 * is replacing the private field {@code dataType}; if a jhdf upgrade renames it, this fails loudly
 * instead of silently writing int8. jhdf later gained a writer API for unsigned fixed-point data
 * (jamesmudd/jhdf pull request 845); switch to it once the project moves past 0.9.4.
 */
final class Uint8Hdf5 {
  private Uint8Hdf5() {}

  /**
   * Writes {@code data} — a {@code byte[][][]} (N,H,W) or {@code byte[][][][]} (N,H,W,C) — as the
   * uint8 dataset {@code name} of a new file.
   */
  static void write(Path file, String name, Object data) {
    try (WritableHdfFile f = HdfFile.write(file)) {
      WritableDataset ds = f.putDataset(name, data);
      makeUnsigned(ds);
    }
  }

  static void makeUnsigned(WritableDataset ds) {
    DataType signed = ds.getDataType();
    if (!(signed instanceof FixedPoint fp) || fp.getSize() != 1) {
      throw new IllegalArgumentException(
          "expected an 8-bit integer dataset, got "
              + signed.getClass().getSimpleName()
              + " of "
              + signed.getSize()
              + " bytes (pass byte arrays)");
    }
    FixedPoint unsigned = unsigned8(fp);
    try {
      Field f = ds.getClass().getDeclaredField("dataType");
      f.setAccessible(true);
      f.set(ds, unsigned);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot mark the HDF5 dataset uint8: this jhdf version ("
              + ds.getClass().getName()
              + ") has no field 'dataType'; use jhdf's unsigned writer API instead",
          e);
    }
  }

  /** jhdf's own encoding of {@code signed}, with the sign bit (bit 3 of the class bits) cleared. */
  static FixedPoint unsigned8(FixedPoint signed) {
    ByteBuffer msg = signed.toBuffer();
    byte[] bytes = new byte[msg.remaining()];
    msg.get(bytes);
    // Datatype message: byte 0 = class and version, bytes 1..3 = class bit field (bit 3 = signed).
    bytes[1] &= (byte) ~0x08;
    FixedPoint unsigned = new FixedPoint(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    if (unsigned.isSigned() || unsigned.getSize() != 1 || unsigned.getBitPrecision() != 8) {
      throw new IllegalStateException(
          "building uint8 failed: signed="
              + unsigned.isSigned()
              + " size="
              + unsigned.getSize()
              + " precision="
              + unsigned.getBitPrecision());
    }
    return unsigned;
  }
}
