package io.medloom.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextScrubberTest {
  private final TextScrubber s = TextScrubber.standard();

  private String scrub(String text) {
    return s.scrub(text, List.of());
  }

  @Test
  void titledNamesInAnyCase() {
    assertThat(scrub("Discussed with dr. jones at 14:20."))
        .isEqualTo("Discussed with dr. [NAME] at 14:20.");
    assertThat(scrub("DISCUSSED WITH DR. WILLIAMS.")).isEqualTo("DISCUSSED WITH DR. [NAME].");
    assertThat(scrub("Dr Anne-Marie O'Hara reviewed it.")).isEqualTo("Dr [NAME] reviewed it.");
    assertThat(scrub("Mrs. Kowalski's daughter called."))
        .isEqualTo("Mrs. [NAME]'s daughter called.");
  }

  @Test
  void untitledAndDicomNames() {
    assertThat(scrub("John Smith was seen in clinic.")).isEqualTo("[NAME] was seen in clinic.");
    assertThat(scrub("Patient: DOE^JOHN^A")).isEqualTo("Patient: [NAME]");
    assertThat(scrub("Name: Garcia, Maria")).isEqualTo("Name: [NAME]");
    assertThat(scrub("Findings d/w Kowalczyk in the ED."))
        .isEqualTo("Findings d/w [NAME] in the ED.");
    assertThat(scrub("Electronically signed by Ruth Abernathy, MD."))
        .isEqualTo("Electronically signed by [NAME], MD.");
    assertThat(scrub("Her son Michael was present.")).isEqualTo("Her son [NAME] was present.");
  }

  @Test
  void clinicalWordsThatAreAlsoNamesStay() {
    String in =
        "Mass in the right upper lobe. Gray-white differentiation is preserved. Bell clapper"
            + " deformity is absent. Hill-Sachs lesion. Wells score 4. Murphy sign positive. Smith"
            + " fracture of the radius. Kerley B lines. Swan-Ganz catheter. Still disease. Young"
            + " patient. Per report, no change. May be atelectasis.";
    assertThat(scrub(in)).isEqualTo(in);
  }

  @Test
  void datesWithAndWithoutYear() {
    assertThat(scrub("Seen March 5 and again on 14th March."))
        .isEqualTo("Seen [DATE] and again on [DATE].");
    assertThat(scrub("Compared with 3/4/21, 2020-02-03, 05-MAR-2020 and Jan. 5th, 2021."))
        .isEqualTo("Compared with [DATE], [DATE], [DATE] and [DATE].");
    assertThat(scrub("Intubated on 6/12, extubated on the 19th."))
        .isEqualTo("Intubated on [DATE], extubated on the [DATE].");
    assertThat(scrub("Study Date: 20200314")).isEqualTo("Study Date: [DATE]");
  }

  @Test
  void clinicalNumbersStay() {
    String in =
        "12 mm nodule, T12 compression, 1/3 of the lung, strength 5/5, BP 128/75, 3/6 murmur,"
            + " the 5th rib, stable since 2019, 89-year-old man, temperature 99F, SpO2 95%, pH 7.31,"
            + " WBC 12.4, platelets 98,000, 2 views at 14:30.";
    assertThat(scrub(in)).isEqualTo(in);
  }

  @Test
  void agesOverEightyNine() {
    assertThat(scrub("A 92-year-old woman; aged 95; 101 yo male; 93F with cough."))
        .isEqualTo("A [AGE]-year-old woman; aged [AGE]; [AGE] yo male; [AGE]F with cough.");
  }

  @Test
  void addressesZipCodesAndPlaces() {
    assertThat(scrub("Lives at 1420 Maple Grove Road, Springfield, IL 62704."))
        .isEqualTo("Lives at [ADDRESS], [LOCATION], IL [ZIP].");
    assertThat(scrub("ZIP code 46202; PO Box 118.")).isEqualTo("ZIP code [ZIP]; [ADDRESS].");
    assertThat(scrub("He moved from Terre Haute; she returned from Italy."))
        .isEqualTo("He moved from [LOCATION]; she returned from Italy.");
  }

  @Test
  void numbersAndAddressesOfContact() {
    assertThat(scrub("SSN 123-45-6789.")).isEqualTo("SSN [SSN].");
    assertThat(scrub("Call (317) 555-0142, fax 317-555-0199, pager 4-5821, ext. 212."))
        .isEqualTo("Call [PHONE], fax [PHONE], pager [PHONE], ext. [PHONE].");
    assertThat(scrub("Mail a.b@example.org or see https://pacs.example.org/viewer?study=8821."))
        .isEqualTo("Mail [EMAIL] or see [URL].");
    assertThat(scrub("Sent from 192.168.40.212.")).isEqualTo("Sent from [IP].");
  }

  @Test
  void recordNumbersAndHospitals() {
    assertThat(scrub("MRN: 00482917, chart #4471, accession A20-339812."))
        .isEqualTo("MRN: [ID], chart #[ID], accession [ID].");
    assertThat(scrub("Transferred from St. Vincent Medical Center to the outside hospital."))
        .isEqualTo("Transferred from [HOSPITAL] to the outside hospital.");
    assertThat(scrub("Films from Riverside General Hospital.")).isEqualTo("Films from [HOSPITAL].");
  }

  @Test
  void theSamplesOwnIdsOfAnyLength() {
    assertThat(
            s.scrub(
                "Patient 17 has a 17 mm nodule, 17% of the lung, seen on day 17.", List.of("17")))
        .isEqualTo("Patient [ID] has a 17 mm nodule, 17% of the lung, seen on day 17.");
    assertThat(s.scrub("Case A3: COVID-19 and 3.5 cm mass.", List.of("A3", "19", "3")))
        .isEqualTo("Case [ID]: COVID-19 and 3.5 cm mass.");
    assertThat(s.scrub("Source files/p10/p10000032/s5041.txt", List.of("p10000032")))
        .isEqualTo("Source files/p10/[ID]/s5041.txt");
    assertThat(
            s.scrub(
                "Patient PHP-000123 compared with study PHP-000123-S1.",
                List.of("PHP-000123", "PHP-000123-S1")))
        .isEqualTo("Patient [ID] compared with study [ID].");
  }

  @Test
  void findReturnsSortedRangesWithCategories() {
    String text = "Dr. Lee saw her on March 5.";
    List<Redaction> found = s.find(text, List.of());
    assertThat(found)
        .extracting(Redaction::category)
        .containsExactly(PhiCategory.NAME, PhiCategory.DATE);
    assertThat(text.substring(found.get(0).start(), found.get(0).end())).isEqualTo("Lee");
    assertThat(text.substring(found.get(1).start(), found.get(1).end())).isEqualTo("March 5");
  }
}
