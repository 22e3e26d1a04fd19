package io.medloom.io.dicomweb;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One instance found by QIDO-RS: its study, series and SOP instance UIDs. The UIDs become the item
 * path and the WADO-RS URL, so they are checked before use.
 */
record InstanceRef(String study, String series, String instance) {
  /** Listing order: fixed by the UIDs alone, whatever order the server answered in. */
  static final Comparator<InstanceRef> ORDER =
      Comparator.comparing(InstanceRef::study)
          .thenComparing(InstanceRef::series)
          .thenComparing(InstanceRef::instance);

  /**
   * Digits and dots per PS3.5, with letters, '-' and '_' tolerated because some archives issue such
   * non-conformant UIDs; what matters is that no '/', '?', '%' or ".." can reach a URL or a path.
   */
  private static final Pattern UID = Pattern.compile("[0-9][0-9A-Za-z._-]{0,63}");

  /** True when all three UIDs are safe to put into a URL path. */
  boolean valid() {
    return UID.matcher(study).matches()
        && UID.matcher(series).matches()
        && UID.matcher(instance).matches();
  }

  /** The item path, also the WADO-RS path below the DICOMweb root. */
  String path() {
    return "studies/" + study + "/series/" + series + "/instances/" + instance;
  }

  /** Parses an item path made by {@link #path()}; throws naming the path otherwise. */
  static InstanceRef ofPath(String path) {
    String[] p = path.split("/", -1);
    if (p.length != 6
        || !p[0].equals("studies")
        || !p[2].equals("series")
        || !p[4].equals("instances")) {
      throw new IllegalArgumentException(
          "dicomweb item path must be studies/S/series/R/instances/I; got '" + path + "'");
    }
    InstanceRef ref = new InstanceRef(p[1], p[3], p[5]);
    if (!ref.valid()) {
      throw new IllegalArgumentException("dicomweb item path has an invalid UID: '" + path + "'");
    }
    return ref;
  }
}
