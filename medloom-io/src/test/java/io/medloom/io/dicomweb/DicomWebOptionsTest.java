package io.medloom.io.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.source.SourceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DicomWebOptionsTest {
  private static DicomWebOptions parse(String text) {
    return DicomWebOptions.parse(SourceSpec.parse(text));
  }

  @Test
  void filtersAreTheOptionsThatAreNotReserved() {
    DicomWebOptions o =
        parse("dicomweb:https://pacs.example/dicom-web/?Modality=CT&StudyDate=20240101-&limit=50");
    assertThat(o.base()).hasToString("https://pacs.example/dicom-web");
    assertThat(o.filters()).isEqualTo(Map.of("Modality", "CT", "StudyDate", "20240101-"));
    assertThat(o.pageSize()).isEqualTo(50);
    assertThat(o.qido()).isEqualTo(DicomWebOptions.Qido.AUTO);
    assertThat(o.acceptDicom())
        .isEqualTo("multipart/related; type=\"application/dicom\"; transfer-syntax=*");
    assertThat(parse("dicomweb:http://h/dw?transfer_syntax=none").acceptDicom())
        .isEqualTo("multipart/related; type=\"application/dicom\"");
  }

  @Test
  void thePasswordNeverShows() {
    DicomWebOptions o = parse("dicomweb:http://h/dw?auth=alice:s3cret");
    assertThat(o.authorization()).hasValue("Basic YWxpY2U6czNjcmV0");
    assertThat(o.toString()).doesNotContain("s3cret").doesNotContain("YWxpY2U6czNjcmV0");
    assertThatThrownBy(() -> parse("dicomweb:http://h/dw?auth=s3cret"))
        .hasMessageContaining("user:password")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> parse("dicomweb:http://bob:pw9@h/dw"))
        .hasMessageContaining("auth=user:password")
        .hasMessageNotContaining("pw9");
  }

  @Test
  void badValuesAreShown() {
    assertThatThrownBy(() -> parse("dicomweb:http://h/dw?limit=0")).hasMessageContaining("'0'");
    assertThatThrownBy(() -> parse("dicomweb:http://h/dw?qido=all")).hasMessageContaining("'all'");
    assertThatThrownBy(() -> parse("dicomweb:ftp://h/dw")).hasMessageContaining("'ftp://h/dw'");
    assertThatThrownBy(() -> parse("dicomweb:http://h/dw?Study-Date=1"))
        .hasMessageContaining("'Study-Date'");
    assertThatThrownBy(() -> parse("dicomweb:http://h/dw?transfer_syntax=jpeg"))
        .hasMessageContaining("'jpeg'");
  }

  @Test
  void itemPathsRoundTripAndRefuseUnsafeUids() {
    InstanceRef r = new InstanceRef("1.2", "1.2.3", "1.2.3.4");
    assertThat(InstanceRef.ofPath(r.path())).isEqualTo(r);
    assertThat(new InstanceRef("1.2", "../x", "1").valid()).isFalse();
    assertThat(new InstanceRef("1.2", "", "1").valid()).isFalse();
    assertThatThrownBy(() -> InstanceRef.ofPath("studies/1/series/2/instances/3%2F"))
        .hasMessageContaining("'studies/1/series/2/instances/3%2F'");
  }
}
