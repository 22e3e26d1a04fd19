package io.medloom.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Counts;
import io.medloom.core.model.DatasetInfo;
import org.junit.jupiter.api.Test;

/** Credentials given as source options never show in a printed spec, an error or dataset.json. */
class SourceSecretsTest {
  private static final String SPEC =
      "dicomweb:http://pacs/dicom-web?auth=alice:pw-One&api_key=K3Y-Two&Token=T0k-Three"
          + "&client_secret=S3c-Four&PASSWORD=pw-Five&Modality=CT";

  private static final String[] SECRETS = {"pw-One", "K3Y-Two", "T0k-Three", "S3c-Four", "pw-Five"};

  @Test
  void secretLikeOptionsAreMaskedWhereverTheSpecIsShown() {
    SourceSpec s = SourceSpec.parse(SPEC);
    assertThat(s.option("auth", "")).isEqualTo("alice:pw-One"); // the source itself still sees it
    assertThat(s.toString()).doesNotContain(SECRETS).contains("Modality=CT", "auth=***");
    assertThat(s.redactedOptions().values()).doesNotContain(SECRETS).contains("CT");
    assertThat(s.redactedOptions()).containsKeys("auth", "api_key", "Token", "client_secret");
  }

  @Test
  void datasetJsonSourceRecordsNeverHoldASecret() {
    SourceSpec s = SourceSpec.parse(SPEC);
    DatasetInfo.SourceRecord r =
        new DatasetInfo.SourceRecord(s.kind(), s.location(), s.options(), Counts.ZERO);
    assertThat(r.options().values()).doesNotContain(SECRETS).contains("CT");
  }

  @Test
  void aMalformedSpecIsQuotedWithoutItsSecrets() {
    assertThatThrownBy(() -> SourceSpec.parse(SPEC + "&broken"))
        .hasMessageContaining("broken")
        .hasMessageNotContainingAny(SECRETS);
  }
}
