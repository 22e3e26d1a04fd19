package io.medloom.io.dicom.codec;

/**
 * A scan header (SOS, T.81 B.2.3) with the tables in force when it starts.
 *
 * @param components the frame components in this scan, in scan order
 * @param dc DC (or lossless) Huffman table per scan component
 * @param ac AC Huffman table per scan component (unused by lossless scans)
 * @param ss spectral start; the predictor selection of a lossless scan
 * @param al successive approximation low bit; the point transform of a lossless scan
 * @param restartInterval MCUs between restart markers, 0 for none
 */
record JpegScan(
    JpegFrame.Component[] components,
    JpegHuffman[] dc,
    JpegHuffman[] ac,
    int ss,
    int se,
    int ah,
    int al,
    int restartInterval) {}
