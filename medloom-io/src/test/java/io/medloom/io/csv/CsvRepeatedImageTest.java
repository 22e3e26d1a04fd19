package io.medloom.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.BadImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One image is one sample: a CSV that names an image again is told so, row by row. */
class CsvRepeatedImageTest {
  @TempDir Path dir;

  @Test
  void anImageNamedOnTwoRowsIsKeptOnceAndTheRepeatIsARejectionNamingBothLines() throws Exception {
    Files.createDirectories(dir.resolve("img"));
    for (String f : List.of("a.png", "b.png", "c.png")) {
      Files.write(dir.resolve("img").resolve(f), BadImages.goodImage("png", 20, 10, f.hashCode()));
    }
    Files.writeString(
        dir.resolve("data.csv"),
        """
        path,finding,patient
        "['img/a.png', 'img/b.png']",effusion,p1
        img/c.png,mass,p2
        img/b.png,mass,p3
        "['img/c.png', 'img/c.png']",mass,p2
        """);
    var s =
        CsvSourceTest.open(
            "csv:"
                + dir.resolve("data.csv")
                + "?image=path&patient=patient&tasks=finding:multiclass");
    assertThat(s.size()).hasValue(6);
    Map<String, Object> got = new java.util.LinkedHashMap<>();
    int n = 0;
    for (var it = s.items(); it.hasNext(); n++) {
      var item = it.next();
      Object v;
      try {
        v = s.read(item).get(0);
      } catch (Exception e) {
        v = "REJECT: " + e.getMessage();
      }
      got.put(n + " " + item.path(), v);
    }
    assertThat(got.get("3 img/b.png"))
        .asString()
        .contains("CSV line 4", "img/b.png", "already listed on line 2", "another patient")
        .doesNotContain("p1", "p3");
    assertThat(got.get("4 img/c.png"))
        .asString()
        .contains("CSV line 5", "already listed on line 3", "the same patient");
    assertThat(got.get("5 img/c.png"))
        .asString()
        .contains("CSV line 5", "already listed on line 3");
    assertThat(got.values().stream().filter(v -> !(v instanceof String)).count()).isEqualTo(3);
  }
}
