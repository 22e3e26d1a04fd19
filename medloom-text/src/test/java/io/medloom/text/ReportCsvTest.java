package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCsvTest {
  @TempDir Path tmp;

  private List<String> rows(byte[] bytes) throws IOException {
    Path f = tmp.resolve("r.csv");
    Files.write(f, bytes);
    ReportCsv t = ReportCsv.read(f);
    List<String> out = new ArrayList<>();
    int n =
        t.forEach(
            (i, r) ->
                out.add(
                    i
                        + "@"
                        + r.line()
                        + ":"
                        + r.get("uid")
                        + "|"
                        + r.get("findings")
                        + "|"
                        + r.get("impression")
                        + (r.problem() == null ? "" : " !" + r.problem())));
    assertThat(n).isEqualTo(out.size());
    return out;
  }

  @Test
  void quotedCellsWithCommasDoubledQuotesAndLineBreaks() throws IOException {
    String csv =
        "\uFEFFuid, findings ,impression\r\n"
            + "1,\"No effusion, no pneumothorax.\nHeart \"\"normal\"\".\",  Normal. \r\n"
            + "\n"
            + "2,Cardiomegaly.,\"\"\n"
            + "3,,last";
    assertThat(rows(csv.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(
            "0@2:1|No effusion, no pneumothorax.\nHeart \"normal\".|Normal.",
            "1@5:2|Cardiomegaly.|",
            "2@6:3||last");
  }

  @Test
  void rowsWithTheWrongColumnCountOrBadBytesCarryTheirProblem() throws IOException {
    byte[] head =
        "uid,findings,impression\n2,Cardiomegaly.\n5,a,b,c\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin = "4,Caf\u00e9 lungs.,x\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + latin.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(latin, 0, all, head.length, latin.length);
    List<String> r = rows(all);
    assertThat(r).hasSize(3);
    assertThat(r.get(0)).endsWith("!CSV line 2 has 2 columns, the header has 3");
    assertThat(r.get(1)).endsWith("!CSV line 3 has 4 columns, the header has 3");
    assertThat(r.get(2)).endsWith("!CSV line 4 is not valid UTF-8 text");
  }

  @Test
  void aQuoteLeftOpenOrAnEmptyFileIsAClearError() throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, "uid,findings\n1,\"never closed\n2,x\n");
    assertThatThrownBy(() -> ReportCsv.read(f).forEach((i, r) -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.csv")
        .hasMessageContaining("line 2 is never closed");
    Path e = tmp.resolve("empty.csv");
    Files.writeString(e, "");
    assertThatThrownBy(() -> ReportCsv.read(e))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("empty CSV");
  }
}
