package io.medloom.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams an HDF5 file holding one contiguous uint8 dataset at the root, in O(1) memory.
 *
 * <p>Because the shape is known up front, every byte of metadata is known up front too: {@link
 * #open} writes the superblock, the root group's object header and the dataset's object header,
 * after which the file is nothing but the raw array in C order; {@link #append} copies each image's
 * bytes straight to disk. References are to the "HDF5 File Format Specification Version 3.0"
 * (section numbers as in docs.hdfgroup.org). Layout of the file:
 *
 * <pre>
 *   0   superblock v2 (48 bytes)             -> root group header
 *   48  root group object header v2          -> link "name" -> dataset header
 *   ..  dataset object header v2             -> data address, data size
 *   ..  data: N*H*W[*C] bytes, C order, up to end of file
 * </pre>
 *
 * <p>A file whose {@link #close} failed is unreadable on purpose: the superblock's end-of-file
 * address points past the short data, and the HDF5 library refuses truncated files.
 */
final class Hdf5Uint8Writer implements Closeable {
  /** "Undefined address" (all bits set), section II.A. */
  private static final long UNDEF = -1L;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final int SUPERBLOCK_SIZE = 48;

  private final FileChannel channel;
  private final long expected;
  private long written;
  private boolean closed;

  private Hdf5Uint8Writer(FileChannel channel, long expected) {
    this.channel = channel;
    this.expected = expected;
  }

  /**
   * Creates (or truncates) {@code file} and writes all metadata for dataset {@code name} of shape
   * {@code dims} (rank 3 or 4, e.g. (N,H,W) or (N,H,W,3)).
   */
  static Hdf5Uint8Writer open(Path file, String name, long[] dims) throws IOException {
    if (dims.length != 3 && dims.length != 4) {
      throw new IllegalArgumentException("rank must be 3 or 4, got " + Arrays.toString(dims));
    }
    long size = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
      size = Math.multiplyExact(size, d);
    }
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length == 0
        || nameBytes.length > 255
        || !name.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != '/')
        || name.equals(".")) {
      throw new IllegalArgumentException("dataset name must be 1-255 printable ASCII, no '/'");
    }
    // Sizes of the headers do not depend on the addresses in them, so build with 0 first.
    long rootAddr = SUPERBLOCK_SIZE;
    long datasetAddr = rootAddr + rootGroup(nameBytes, 0).length;
    long dataAddr = datasetAddr + dataset(dims, 0, size).length;
    ByteBuffer head = ByteBuffer.allocate((int) (dataAddr)).order(ByteOrder.LITTLE_ENDIAN);
    head.put(superblock(rootAddr, dataAddr + size));
    head.put(rootGroup(nameBytes, datasetAddr));
    head.put(dataset(dims, size == 0 ? UNDEF : dataAddr, size));
    FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      writeFully(ch, head.flip());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new Hdf5Uint8Writer(ch, size);
  }

  /** Appends the next bytes of the array (C order), typically one whole image. */
  void append(byte[] pixels) throws IOException {
    if (closed) {
      throw new IOException("HDF5 writer is closed");
    }
    if (pixels.length > expected - written) {
      throw new IOException(
          "too many bytes for the HDF5 dataset: expected "
              + expected
              + ", got at least "
              + (written + pixels.length));
    }
    writeFully(channel, ByteBuffer.wrap(pixels));
    written += pixels.length;
  }

  /** Checks that exactly the dataset's size was appended, fsyncs and closes. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      if (written != expected) {
        throw new IOException(
            "HDF5 dataset incomplete: expected " + expected + " bytes, got " + written);
      }
      channel.force(true);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /**
   * Superblock version 2 (section II.A, "Disk Format: Level 0A"): the smallest superblock that has
   * a checksum and points straight at the root object header (no symbol-table entry, no B-tree K
   * values). 8-byte offsets and lengths; no superblock extension.
   */
  private static byte[] superblock(long rootAddr, long eof) {
    ByteBuffer b = ByteBuffer.allocate(SUPERBLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(SIGNATURE).put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0); // version, sizes
    b.putLong(0).putLong(UNDEF).putLong(eof).putLong(rootAddr); // base, ext, EOF, root
    b.putInt(lookup3(b.array(), 0, b.position(), 0));
    return b.array();
  }

  /**
   * The root group as a "compact" new-style group (sections IV.A.2.c, IV.A.2.k, IV.A.2.g): Link
   * Info (no fractal heap, no name index, because the links sit in the header), Group Info
   * (defaults), and one hard Link message to the dataset. Compact storage needs no local heap or
   * B-tree, so the whole group is one fixed-size header.
   */
  private static byte[] rootGroup(byte[] name, long datasetAddr) {
    ByteBuffer linkInfo = le(18).put((byte) 0).put((byte) 0).putLong(UNDEF).putLong(UNDEF);
    ByteBuffer groupInfo = le(2).put((byte) 0).put((byte) 0);
    // Link v1, flags 0: 1-byte name length, hard link (type field absent), ASCII name.
    ByteBuffer link = le(3 + name.length + 8).put((byte) 1).put((byte) 0);
    link.put((byte) name.length).put(name).putLong(datasetAddr);
    return objectHeader(
        message(0x02, 0, linkInfo), message(0x0A, 0, groupInfo), message(0x06, 0, link));
  }

  /**
   * The dataset's object header (section IV.A.2): Dataspace v2 (b; simple, fixed size, no max
   * dims), Datatype (d; class 0 fixed-point v1: little-endian, unsigned, 1 byte, offset 0,
   * precision 8 — i.e. numpy uint8), Fill Value v3 (f; flags 0x0A = allocation late, write fill if
   * set, none defined — what the library writes by default) and Data Layout v3 (i; contiguous:
   * address and size of the raw data). Datatype and fill value are flagged constant (bit 0), as the
   * library flags them; no filter pipeline message, so the bytes are stored as is.
   */
  private static byte[] dataset(long[] dims, long dataAddr, long size) {
    ByteBuffer space = le(4 + 8 * dims.length).put((byte) 2).put((byte) dims.length);
    space.put((byte) 0).put((byte) 1);
    for (long d : dims) {
      space.putLong(d);
    }
    ByteBuffer type = le(12).put((byte) 0x10).put(new byte[3]).putInt(1);
    type.putShort((short) 0).putShort((short) 8);
    ByteBuffer fill = le(2).put((byte) 3).put((byte) 0x0A);
    ByteBuffer layout = le(18).put((byte) 3).put((byte) 1).putLong(dataAddr).putLong(size);
    return objectHeader(
        message(0x01, 0, space),
        message(0x03, 1, type),
        message(0x05, 1, fill),
        message(0x08, 0, layout));
  }

  /** A header message (section IV.A.1.b): type, 2-byte data size, flags, then the data. */
  private static byte[] message(int type, int flags, ByteBuffer data) {
    byte[] body = data.array();
    return le(4 + body.length)
        .put((byte) type)
        .putShort((short) body.length)
        .put((byte) flags)
        .put(body)
        .array();
  }

  /**
   * Version 2 object header (section IV.A.1.b): "OHDR", version 2, flags whose bits 0-1 give the
   * width of the chunk-0 size field (no times, no attribute phase change values), the size of the
   * messages, the messages (no gap), and a lookup3 checksum over everything before it.
   */
  private static byte[] objectHeader(byte[]... messages) {
    int size = Arrays.stream(messages).mapToInt(m -> m.length).sum();
    int width = size < 0x100 ? 0 : size < 0x10000 ? 1 : 2; // 1, 2 or 4 bytes
    ByteBuffer b = le(6 + (1 << width) + size + 4);
    b.put(new byte[] {'O', 'H', 'D', 'R', 2, (byte) width});
    switch (width) {
      case 0 -> b.put((byte) size);
      case 1 -> b.putShort((short) size);
      default -> b.putInt(size);
    }
    for (byte[] m : messages) {
      b.put(m);
    }
    b.putInt(lookup3(b.array(), 0, b.position(), 0));
    return b.array();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Bob Jenkins' lookup3 {@code hashlittle}, byte-wise as in HDF5's {@code H5_checksum_lookup3}
   * (the checksum of v2 superblocks, II.A, and of v2 object headers, IV.A.1.b). Java's int
   * arithmetic wraps like C's uint32_t; {@code >>>} keeps the shifts logical.
   */
  static int lookup3(byte[] k, int off, int length, int initval) {
    int a = 0xdeadbeef + length + initval;
    int b = a;
    int c = a;
    int i = off;
    while (length > 12) {
      a += u32(k, i);
      b += u32(k, i + 4);
      c += u32(k, i + 8);
      // mix(a, b, c)
      a -= c;
      a ^= Integer.rotateLeft(c, 4);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 6);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 8);
      b += a;
      a -= c;
      a ^= Integer.rotateLeft(c, 16);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 19);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 4);
      b += a;
      length -= 12;
      i += 12;
    }
    if (length == 0) {
      return c; // zero-length tail: no final mix (lookup3's "case 0: return c")
    }
    // The last 1..12 bytes, missing ones read as zero (lookup3's fall-through switch).
    byte[] tail = Arrays.copyOfRange(k, i, i + 12);
    Arrays.fill(tail, length, 12, (byte) 0);
    a += u32(tail, 0);
    b += u32(tail, 4);
    c += u32(tail, 8);
    // final(a, b, c)
    c ^= b;
    c -= Integer.rotateLeft(b, 14);
    a ^= c;
    a -= Integer.rotateLeft(c, 11);
    b ^= a;
    b -= Integer.rotateLeft(a, 25);
    c ^= b;
    c -= Integer.rotateLeft(b, 16);
    a ^= c;
    a -= Integer.rotateLeft(c, 4);
    b ^= a;
    b -= Integer.rotateLeft(a, 14);
    c ^= b;
    c -= Integer.rotateLeft(b, 24);
    return c;
  }

  /** Four bytes little-endian, as lookup3 adds k[0] + k[1]<<8 + k[2]<<16 + k[3]<<24. */
  private static int u32(byte[] k, int i) {
    return (k[i] & 0xff)
        | (k[i + 1] & 0xff) << 8
        | (k[i + 2] & 0xff) << 16
        | (k[i + 3] & 0xff) << 24;
  }
}
