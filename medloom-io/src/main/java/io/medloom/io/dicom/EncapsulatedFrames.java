package io.medloom.io.dicom;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the fragments of encapsulated Pixel Data into frames (PS3.5 A.4): one fragment per frame
 * when the counts agree, all fragments for a single frame, the Basic Offset Table when it has one
 * entry per frame, and otherwise a new frame at each fragment that starts a codestream.
 */
final class EncapsulatedFrames {
  private EncapsulatedFrames() {}

  static List<byte[]> split(List<byte[]> fragments, int[] offsets, int frames) {
    if (fragments.size() == frames) {
      return fragments;
    }
    if (frames == 1) {
      return List.of(concat(fragments, 0, fragments.size()));
    }
    List<byte[]> out = new ArrayList<>();
    if (offsets.length == frames) {
      long pos = 0;
      int start = 0;
      int frame = 1;
      for (int i = 0; i < fragments.size(); i++) {
        if (frame < frames && pos >= (offsets[frame] & 0xFFFFFFFFL) && i > start) {
          out.add(concat(fragments, start, i));
          start = i;
          frame++;
        }
        pos += fragments.get(i).length + 8L;
      }
      out.add(concat(fragments, start, fragments.size()));
      return out;
    }
    int start = 0;
    for (int i = 1; i < fragments.size(); i++) {
      if (startsCodestream(fragments.get(i))) {
        out.add(concat(fragments, start, i));
        start = i;
      }
    }
    out.add(concat(fragments, start, fragments.size()));
    return out;
  }

  /** JPEG, JPEG-LS (SOI) or a JPEG 2000 codestream (SOC) or JP2 file. */
  private static boolean startsCodestream(byte[] f) {
    if (f.length < 4) {
      return false;
    }
    int a = f[0] & 0xff;
    int b = f[1] & 0xff;
    return a == 0xFF && (b == 0xD8 || b == 0x4F) || (a == 0 && b == 0 && f[3] == 0x0C);
  }

  private static byte[] concat(List<byte[]> fragments, int from, int to) {
    if (to - from == 1) {
      return fragments.get(from);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      out.writeBytes(fragments.get(i));
    }
    return out.toByteArray();
  }
}
