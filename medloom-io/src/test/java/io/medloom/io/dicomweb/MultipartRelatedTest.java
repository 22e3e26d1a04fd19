package io.medloom.io.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void boundaryQuotedOrNotAnywhereInTheHeader() throws IOException {
    assertThat(
            MultipartRelated.boundary(
                "multipart/related; type=\"application/dicom\"; boundary=abc-123"))
        .isEqualTo("abc-123");
    assertThat(MultipartRelated.boundary("Multipart/Related; BOUNDARY = \"a b=c\"; type=x"))
        .isEqualTo("a b=c");
  }

  @Test
  void missingBoundaryOrNotMultipartNamesTheHeader() {
    assertThatThrownBy(() -> MultipartRelated.boundary("application/dicom"))
        .hasMessageContaining("got Content-Type application/dicom");
    assertThatThrownBy(() -> MultipartRelated.boundary("multipart/related; type=x"))
        .hasMessageContaining("without a usable boundary")
        .hasMessageContaining("multipart/related; type=x");
  }

  @Test
  void firstPartWithCrLfKeepsBinaryContentExactly() throws IOException {
    String content = "DICM\r\n\u0000\u00ff--not-the-boundary\r\n";
    byte[] body =
        bytes(
            "preamble\r\n--B\r\nContent-Type: application/dicom\r\nContent-Length: 3\r\n\r\n"
                + content
                + "\r\n--B\r\nContent-Type: application/dicom\r\n\r\nsecond\r\n--B--\r\n");
    assertThat(MultipartRelated.firstPart(body, "B")).isEqualTo(bytes(content));
  }

  @Test
  void bareLineFeedsAreTolerated() throws IOException {
    byte[] body = bytes("--B\nContent-Type: application/dicom\n\nDICM\n--B--\n");
    assertThat(MultipartRelated.firstPart(body, "B")).isEqualTo(bytes("DICM"));
  }

  @Test
  void truncatedOrForeignBodiesSayWhatIsMissing() {
    assertThatThrownBy(() -> MultipartRelated.firstPart(bytes("{\"error\":1}"), "B"))
        .hasMessageContaining("lacks the boundary --B");
    assertThatThrownBy(
            () -> MultipartRelated.firstPart(bytes("--B\r\nContent-Type: x\r\n\r\nDIC"), "B"))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> MultipartRelated.firstPart(bytes("--B\r\nContent-Type: x"), "B"))
        .isInstanceOf(IOException.class);
  }
}
