package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void pythonLiteralsFollowRepr() {
    assertThat(Text.py("a")).isEqualTo("'a'");
    assertThat(Text.py("it's")).isEqualTo("\"it's\"");
    assertThat(Text.py("'\"")).isEqualTo("'\\'\"'");
    assertThat(Text.py("a\\b\nc")).isEqualTo("'a\\\\b\\nc'");
    assertThat(Text.pyList(List.of("x", "y"))).isEqualTo("['x', 'y']");
    assertThat(Text.pyList(List.of())).isEqualTo("[]");
  }

  @Test
  void yamlScalarsAreAlwaysQuoted() {
    assertThat(Text.yaml("no")).isEqualTo("\"no\"");
    assertThat(Text.yaml("a \"b\" \\ c\n")).isEqualTo("\"a \\\"b\\\" \\\\ c\\n\"");
  }

  @Test
  void csvQuotesOnlyWhenNeeded() {
    assertThat(Text.csv("plain")).isEqualTo("plain");
    assertThat(Text.csv("a,b")).isEqualTo("\"a,b\"");
    assertThat(Text.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Text.csv(null)).isEmpty();
  }

  @Test
  void npyHeaderAlignsDataTo64Bytes() {
    byte[] h = Npy.header("<i8", 40, 8);
    assertThat(h.length % 64).isZero();
    String dict = new String(h, 10, h.length - 10, java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(dict)
        .startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (40, 8), }")
        .endsWith("\n");
    assertThat(new String(Npy.header("<i8", 5), java.nio.charset.StandardCharsets.US_ASCII))
        .contains("'shape': (5,)");
  }
}
