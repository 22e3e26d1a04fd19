package io.medloom.export;

import io.medloom.core.qa.QaPair;
import java.io.IOException;
import java.nio.file.Path;

/**
 * LLaVA's instruction-tuning layout: {@code <split>.json}, a list of {@code {id, image,
 * conversations: [{from: human|gpt, value}]}}, one entry per image holding its whole conversation
 * (the first human turn starts with the {@code <image>} token, as LLaVA's data does), and the
 * images under {@code images/<split>/} beside it, so {@code image} is relative to the JSON's
 * folder. Splits are the dataset's patient-disjoint ones: no test patient's image is in {@code
 * train.json}.
 */
public final class LlavaExporter implements Exporter {
  static final String IMAGE_TOKEN = "<image>";

  @Override
  public String format() {
    return "llava";
  }

  @Override
  public String description() {
    return "LLaVA conversation JSON per split (id, image, conversations from human/gpt) with PNG"
        + " images";
  }

  @Override
  public ExportResult export(Path dataset, Path out) throws IOException {
    return ExportRun.run(
        format(),
        dataset,
        out,
        (reader, dir) ->
            QaExport.write(
                reader,
                dir,
                (g, s, image, pairs) -> {
                  g.writeStartObject();
                  g.writeStringField("id", s.id());
                  g.writeStringField("image", image);
                  g.writeArrayFieldStart("conversations");
                  boolean first = true;
                  for (QaPair p : pairs) {
                    g.writeStartObject();
                    g.writeStringField("from", "human");
                    g.writeStringField(
                        "value", first ? IMAGE_TOKEN + "\n" + p.question() : p.question());
                    g.writeEndObject();
                    g.writeStartObject();
                    g.writeStringField("from", "gpt");
                    g.writeStringField("value", p.answer());
                    g.writeEndObject();
                    first = false;
                  }
                  g.writeEndArray();
                  g.writeEndObject();
                }));
  }
}
