package io.medloom.learn.fewshot;

import io.medloom.learn.fewshot.FewShotReport.Report;
import io.medloom.learn.fewshot.FewShotReport.TaskResult;
import io.medloom.learn.model.ModelFolder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Accuracy against shots per method (the mean over tasks), with the mean fully supervised reference
 * as a dashed line, as a PNG.
 */
public final class FewShotChart {
  private FewShotChart() {}

  public static void write(Report r, Path out) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, Map<Integer, Double>> e : FewShotReport.meanAccuracy(r).entrySet()) {
      XYSeries s = new XYSeries(e.getKey());
      e.getValue()
          .forEach(
              (k, v) -> {
                if (!Double.isNaN(v)) {
                  s.add(k.doubleValue(), v);
                }
              });
      data.addSeries(s);
    }
    double refSum = 0;
    int refN = 0;
    for (TaskResult t : r.tasks()) {
      if (t.reference() != null && !Double.isNaN(t.reference().accuracy())) {
        refSum += t.reference().accuracy();
        refN++;
      }
    }
    if (refN > 0) {
      XYSeries ref = new XYSeries("supervised (probe, full train)");
      ref.add((double) r.shots().get(0), refSum / refN);
      ref.add((double) r.shots().get(r.shots().size() - 1), refSum / refN);
      data.addSeries(ref);
    }
    String title =
        "few-shot accuracy, "
            + shortName(r.model())
            + (r.holdOutDomain() == null ? "" : ", held out: " + r.holdOutDomain())
            + " ("
            + r.tasks().size()
            + " tasks)";
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "shots per class",
            "mean accuracy over tasks",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    if (refN > 0) {
      int last = data.getSeriesCount() - 1;
      renderer.setSeriesPaint(last, Color.GRAY);
      renderer.setSeriesShapesVisible(last, false);
      renderer.setSeriesStroke(
          last,
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f}, 0f));
    }
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    chart.setBackgroundPaint(Color.WHITE);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(chart.createBufferedImage(800, 520), "png", bytes);
    ModelFolder.writeAtomically(out, bytes.toByteArray());
  }

  /**
   * A model folder by its own name: the folder's path says where it lies on one machine, which a
   * chart shared with others should not carry. {@code random:tiny} stays as it is.
   */
  static String shortName(String model) {
    int cut = Math.max(model.lastIndexOf('/'), model.lastIndexOf('\\'));
    String trimmed = model;
    while (cut == trimmed.length() - 1 && cut > 0) {
      trimmed = trimmed.substring(0, cut);
      cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
    }
    return cut < 0 ? trimmed : trimmed.substring(cut + 1);
  }
}
