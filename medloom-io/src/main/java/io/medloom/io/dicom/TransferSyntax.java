package io.medloom.io.dicom;

/** The transfer syntaxes the built-in decoder handles, grouped by the codec they need. */
enum TransferSyntax {
  NATIVE(false),
  RLE(true),
  JPEG(true),
  JPEG_LS(true),
  JPEG_2000(true),
  UNSUPPORTED(false);

  private final boolean encapsulated;

  TransferSyntax(boolean encapsulated) {
    this.encapsulated = encapsulated;
  }

  boolean encapsulated() {
    return encapsulated;
  }

  static TransferSyntax of(String uid) {
    if (uid == null) {
      return NATIVE;
    }
    return switch (uid) {
      case "",
              DicomUids.IMPLICIT_LE,
              DicomUids.EXPLICIT_LE,
              DicomUids.EXPLICIT_BE,
              DicomDataset.DEFLATED ->
          NATIVE;
      case "1.2.840.10008.1.2.5" -> RLE;
      case "1.2.840.10008.1.2.4.50",
              "1.2.840.10008.1.2.4.51",
              "1.2.840.10008.1.2.4.57",
              "1.2.840.10008.1.2.4.70" ->
          JPEG;
      case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> JPEG_LS;
      case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> JPEG_2000;
      default -> UNSUPPORTED;
    };
  }
}
