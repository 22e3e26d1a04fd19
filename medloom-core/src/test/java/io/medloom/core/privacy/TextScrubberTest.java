package io.medloom.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextScrubberTest {
  private final TextScrubber s = TextScrubber.standard();

  @Test
  void removesDatesNumbersNamesAndContacts() {
    String in =
        "Seen by Dr. Alice Moreau on January 25, 2020 and again 2020-02-03 (3/4/21)."
            + " MRN: 00123456. Call 555-123-4567 or a.moreau@example.org. Accession 99887766.";
    String out = s.scrub(in, List.of());
    assertThat(out)
        .doesNotContain(
            "Moreau",
            "January",
            "2020-02-03",
            "3/4/21",
            "00123456",
            "555",
            "example.org",
            "99887766")
        .contains("[NAME]", "[DATE]", "[ID]", "[PHONE]", "[EMAIL]");
  }

  @Test
  void keepsClinicalNumbersAndWords() {
    String in =
        "12 mm nodule in the right upper zone; T12 compression; 2 views; 1/3 of the lung; May be atelectasis.";
    assertThat(s.scrub(in, List.of())).isEqualTo(in);
  }

  @Test
  void removesTheSamplesOwnIdentifiersButNotShortOnes() {
    String in = "Patient PHP-000123 (case 5) compared with study PHP-000123-S1.";
    String out = s.scrub(in, List.of("PHP-000123", "PHP-000123-S1", "5"));
    assertThat(out).isEqualTo("Patient [ID] (case 5) compared with study [ID].");
  }
}
