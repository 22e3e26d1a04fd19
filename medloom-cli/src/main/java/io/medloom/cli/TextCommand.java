package io.medloom.cli;

import io.medloom.store.AtomicFiles;
import io.medloom.store.Json;
import io.medloom.text.ChexpertLabeler;
import io.medloom.text.ReportCsv;
import io.medloom.text.Triplet;
import io.medloom.text.TripletExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code text label} and {@code text triplets}: the report text engine on a CSV of reports. */
@Command(
    name = "text",
    mixinStandardHelpOptions = true,
    description =
        "Reads radiology reports: CheXpert-style labels, or <anatomy, finding, existence> triplets.",
    subcommands = {TextCommand.LabelCommand.class, TextCommand.TripletsCommand.class})
final class TextCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "choose label or triplets");
  }

  /** Options both subcommands share. */
  static final class Input {
    @Option(names = "--in", required = true, description = "CSV of reports with a header row.")
    Path in;

    @Option(
        names = "--columns",
        defaultValue = "findings,impression",
        split = ",",
        description = "Report columns to read, joined in this order (default ${DEFAULT-VALUE}).")
    List<String> columns;

    @Option(
        names = "--id-column",
        description = "Column identifying a report (default: uid if present, else the row number).")
    String idColumn;

    /** The table, checked for the named columns. */
    ReportCsv read() throws IOException {
      ReportCsv t = ReportCsv.read(in);
      for (String c : columns) {
        if (!t.header().contains(c)) {
          throw new IllegalArgumentException(
              "column '" + c + "' is not in " + in + "; columns: " + t.header());
        }
      }
      if (idColumn != null && !t.header().contains(idColumn)) {
        throw new IllegalArgumentException("id column '" + idColumn + "' is not in " + t.header());
      }
      return t;
    }

    String idHeader(ReportCsv t) {
      return idColumn != null ? idColumn : t.header().contains("uid") ? "uid" : "row";
    }

    String id(ReportCsv t, ReportCsv.Row r, int index) {
      String h = idHeader(t);
      return h.equals("row") && !t.header().contains("row") ? String.valueOf(index + 1) : r.get(h);
    }

    /**
     * The columns joined as sections ("FINDINGS: ...\nIMPRESSION: ..."), as reports are written.
     */
    String report(ReportCsv.Row r, StringBuilder sb) {
      sb.setLength(0);
      for (String c : columns) {
        String v = r.get(c);
        if (!v.isBlank()) {
          sb.append(sb.length() > 0 ? "\n" : "")
              .append(c.toUpperCase(java.util.Locale.ROOT))
              .append(": ")
              .append(v);
        }
      }
      return sb.toString();
    }
  }

  @Command(
      name = "label",
      mixinStandardHelpOptions = true,
      description = {
        "Labels each report with the 14 CheXpert observations: 1 positive, 0 negative, -1 uncertain,",
        "empty when not mentioned. One output row per input row; rows that cannot be read get empty",
        "labels and are listed on stderr."
      },
      footer = {
        "",
        "Example:",
        "  ./medloom text label --in indiana_reports.csv --out labels.csv --columns findings,impression"
      })
  static final class LabelCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin Input input;

    @Option(names = "--out", required = true, description = "Output CSV.")
    Path out;

    @Override
    public Integer call() throws Exception {
      ReportCsv t = input.read();
      ChexpertLabeler labeler = ChexpertLabeler.standard();
      StringBuilder csv = new StringBuilder(csvCell(input.idHeader(t)));
      ChexpertLabeler.OBSERVATIONS.forEach(o -> csv.append(',').append(csvCell(o)));
      csv.append('\n');
      int[] bad = {0};
      int[] v = new int[ChexpertLabeler.OBSERVATIONS.size()];
      StringBuilder report = new StringBuilder();
      int rows =
          t.forEach(
              (i, r) -> {
                csv.append(csvCell(input.id(t, r, i)));
                if (r.problem() != null) {
                  bad[0]++;
                  System.err.println("row " + (i + 1) + ": " + r.problem());
                  java.util.Arrays.fill(v, Integer.MIN_VALUE);
                } else {
                  // labelInto: no map per report (blank is MIN_VALUE)
                  labeler.labelInto(input.report(r, report), v);
                }
                for (int x : v) {
                  csv.append(',');
                  if (x != Integer.MIN_VALUE) {
                    csv.append(x);
                  }
                }
                csv.append('\n');
              });
      AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
      System.out.println(
          "text label: "
              + rows
              + " reports in, "
              + rows
              + " rows out ("
              + bad[0]
              + " unreadable, left blank) -> "
              + out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "triplets",
      mixinStandardHelpOptions = true,
      description = {
        "Writes one JSON object per report: {\"id\", \"triplets\": [{anatomy, finding, existence,",
        "sentence, span}]}; unreadable rows get an empty list and an \"error\"."
      },
      footer = {
        "",
        "Example:",
        "  ./medloom text triplets --in indiana_reports.csv --out triplets.jsonl"
      })
  static final class TripletsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin Input input;

    @Option(names = "--out", required = true, description = "Output JSON-lines file.")
    Path out;

    @Override
    public Integer call() throws Exception {
      ReportCsv t = input.read();
      TripletExtractor extractor = TripletExtractor.standard();
      StringBuilder lines = new StringBuilder();
      StringBuilder report = new StringBuilder();
      long[] total = {0};
      int rows =
          t.forEach(
              (i, r) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", input.id(t, r, i));
                List<Map<String, Object>> triplets = new ArrayList<>();
                if (r.problem() != null) {
                  o.put("error", r.problem());
                } else {
                  for (Triplet tr : extractor.extract(input.report(r, report))) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("anatomy", tr.anatomy());
                    m.put("finding", tr.finding());
                    m.put("existence", tr.existence());
                    m.put("sentence", tr.sentence());
                    m.put("span", tr.span());
                    triplets.add(m);
                  }
                }
                total[0] += triplets.size();
                o.put("triplets", triplets);
                lines.append(Json.LINES.writeValueAsString(o)).append('\n');
              });
      AtomicFiles.write(out, lines.toString().getBytes(StandardCharsets.UTF_8));
      System.out.println(
          "text triplets: "
              + rows
              + " reports in, "
              + rows
              + " lines out, "
              + total[0]
              + " triplets -> "
              + out);
      return ExitCodes.OK;
    }
  }

  static String csvCell(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
