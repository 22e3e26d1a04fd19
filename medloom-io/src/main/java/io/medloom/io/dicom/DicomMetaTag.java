package io.medloom.io.dicom;

/**
 * The header attributes copied into {@link DicomImage#meta()}: the keyword used as map key and the
 * tag. Multi-valued attributes (ImagePositionPatient, PixelSpacing) keep DICOM's backslash
 * separator, so "0.5\0.5" parses the same way any DICOM tool would.
 */
enum DicomMetaTag {
  Modality(0x0008, 0x0060),
  BodyPartExamined(0x0018, 0x0015),
  ViewPosition(0x0018, 0x5101),
  PatientID(0x0010, 0x0020),
  PatientName(0x0010, 0x0010),
  PatientBirthDate(0x0010, 0x0030),
  StudyInstanceUID(0x0020, 0x000D),
  SeriesInstanceUID(0x0020, 0x000E),
  SOPInstanceUID(0x0008, 0x0018),
  SOPClassUID(0x0008, 0x0016),
  StudyDate(0x0008, 0x0020),
  SeriesDate(0x0008, 0x0021),
  AccessionNumber(0x0008, 0x0050),
  InstanceNumber(0x0020, 0x0013),
  ImagePositionPatient(0x0020, 0x0032),
  PixelSpacing(0x0028, 0x0030),
  BurnedInAnnotation(0x0028, 0x0301),
  TransferSyntaxUID(0x0002, 0x0010);

  final int group;
  final int element;

  DicomMetaTag(int group, int element) {
    this.group = group;
    this.element = element;
  }

  /** The tag as ImageJ prints it in its info text, e.g. "0008,0060". */
  String imageJKey() {
    return String.format("%04X,%04X", group, element);
  }
}
