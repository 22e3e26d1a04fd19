package io.medloom.phantom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mutable per-call output of a renderer (never shared between calls). */
final class Rendering {
  final int n;
  byte[] pixels;
  final Map<String, byte[]> anatomy = new LinkedHashMap<>();
  final List<PhantomRegion> lesions = new ArrayList<>();

  Rendering(int n) {
    this.n = n;
  }

  byte[] anatomy(String name) {
    return anatomy.computeIfAbsent(name, k -> new byte[n * n]);
  }

  void lesion(
      String name, String finding, String location, byte[] mask, Map<String, String> attributes) {
    for (byte b : mask) {
      if (b != 0) {
        lesions.add(new PhantomRegion(name, finding, location, mask, attributes));
        return;
      }
    }
    // An empty mask (lesion fully hidden in this projection) is omitted on purpose.
  }

  List<PhantomRegion> anatomyRegions() {
    List<PhantomRegion> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : anatomy.entrySet()) {
      out.add(new PhantomRegion(e.getKey(), "", "", e.getValue(), Map.of()));
    }
    return out;
  }
}
