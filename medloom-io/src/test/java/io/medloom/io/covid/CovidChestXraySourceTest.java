package io.medloom.io.covid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.testing.BadImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collection's metadata.csv may list one image file on two rows (the same case entered twice).
 */
class CovidChestXraySourceTest {
  @TempDir Path dir;

  @Test
  void aRowNamingAnImageAnEarlierRowListedIsARejectionNamingBothRows() throws Exception {
    Files.createDirectories(dir.resolve("images"));
    for (String f : List.of("a.png", "b.jpg", "c.png")) {
      Files.write(
          dir.resolve("images").resolve(f), BadImages.goodImage("png", 24, 20, f.hashCode()));
    }
    // Line 1 is the header; rows follow on lines 2..6. The upstream collection lists a few files
    // under two patient ids (285 and 339); "./" and a repeated row of the same patient are caught
    // too.
    Files.writeString(
        dir.resolve("metadata.csv"),
        """
        patientid,offset,sex,finding,view,modality,folder,filename,clinical_notes
        285,0,M,COVID-19,PA,X-ray,images,a.png,first entry
        285,2,M,COVID-19,AP,X-ray,images,b.jpg,
        339,0,M,COVID-19,PA,X-ray,images,a.png,the same case entered again
        285,2,M,COVID-19,AP,X-ray,images,./b.jpg,
        339,1,M,COVID-19,PA,X-ray,images,c.png,
        """);
    Source s =
        new CovidChestXraySourceProvider()
            .open(SourceSpec.parse("covid-chestxray:" + dir), SourceContext.withSeed(1));
    List<SourceItem> items = new ArrayList<>();
    s.items().forEachRemaining(items::add);
    assertThat(items).hasSize(5); // every row is an input: read = accepted + rejected

    List<Sample> first = s.read(items.get(0));
    assertThat(first).hasSize(1);
    assertThat(first.get(0).identity().get().patientId()).isEqualTo("285");
    assertThat(s.read(items.get(1))).hasSize(1);
    assertThat(s.read(items.get(4))).hasSize(1);

    assertThatThrownBy(() -> s.read(items.get(2)))
        .hasMessageContaining("metadata.csv line 4")
        .hasMessageContaining("images/a.png")
        .hasMessageContaining("already listed on line 2")
        .hasMessageContaining("another patient")
        // Patient ids are identifiers: a rejection names rows, never patients.
        .hasMessageNotContaining("285")
        .hasMessageNotContaining("339");
    assertThatThrownBy(() -> s.read(items.get(3)))
        .hasMessageContaining("metadata.csv line 5")
        .hasMessageContaining("already listed on line 3")
        .hasMessageContaining("the same patient");
    // The rejected rows keep the image path, so rejects.jsonl points at the file.
    assertThat(items.get(2).path()).isEqualTo("images/a.png");
  }
}
