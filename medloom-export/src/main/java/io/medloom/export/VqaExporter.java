package io.medloom.export;

import io.medloom.core.qa.QaPair;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A VQA evaluation set in the VQA-RAD / SLAKE style: {@code <split>.json}, a list with one entry
 * per question ({@code qid}, {@code image}, {@code question}, {@code answer}, {@code answer_type}
 * CLOSED for yes/no and choices or OPEN, {@code question_type} the kind of fact asked about, {@code
 * fact_origin}, {@code sample_id}), with the images under {@code images/<split>/}.
 */
public final class VqaExporter implements Exporter {
  @Override
  public String format() {
    return "vqa";
  }

  @Override
  public String description() {
    return "VQA-RAD/SLAKE-style question list per split (question, answer, answer_type, image)";
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
                  for (QaPair p : pairs) {
                    g.writeStartObject();
                    g.writeStringField("qid", s.id() + "-" + p.turn());
                    g.writeStringField("image", image);
                    g.writeStringField("question", p.question());
                    g.writeStringField("answer", p.answer());
                    g.writeStringField("answer_type", p.answerType());
                    g.writeStringField("question_type", p.fact().kind());
                    g.writeStringField("fact_origin", p.factOrigin());
                    g.writeStringField("sample_id", s.id());
                    g.writeEndObject();
                  }
                }));
  }
}
