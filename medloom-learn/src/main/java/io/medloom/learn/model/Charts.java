package io.medloom.learn.model;

import io.medloom.learn.train.EpochRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

/** Training curves and ROC plots as PNG files (JFreeChart, headless). */
public final class Charts {
  private Charts() {}

  /** Loss (left axis) and validation AUROC (right axis) per epoch. */
  public static void curves(List<EpochRow> rows, String title, Path out) throws IOException {
    XYSeries train = new XYSeries("train loss");
    XYSeries val = new XYSeries("val loss");
    XYSeries auroc = new XYSeries("val AUROC");
    for (EpochRow r : rows) {
      train.add(r.epoch(), r.trainLoss());
      if (Double.isFinite(r.valLoss())) {
        val.add(r.epoch(), r.valLoss());
      }
      if (r.valAuroc() != null && Double.isFinite(r.valAuroc())) {
        auroc.add(r.epoch(), r.valAuroc());
      }
    }
    XYSeriesCollection losses = new XYSeriesCollection();
    losses.addSeries(train);
    losses.addSeries(val);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, "epoch", "loss", losses, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(0, new XYLineAndShapeRenderer(true, true));
    NumberAxis right = new NumberAxis("AUROC");
    right.setRange(0.5, 1.0);
    plot.setRangeAxis(1, right);
    plot.setDataset(1, new XYSeriesCollection(auroc));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, true);
    r1.setSeriesPaint(0, new Color(0, 120, 60));
    plot.setRenderer(1, r1);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    write(chart, out);
  }

  /** One ROC curve per class (points of false and true positive rate), with the chance line. */
  public static void roc(Map<String, List<double[]>> curves, String title, Path out)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (var e : curves.entrySet()) {
      XYSeries s = new XYSeries(e.getKey(), false, true);
      e.getValue().forEach(p -> s.add(p[0], p[1]));
      data.addSeries(s);
    }
    XYSeries chance = new XYSeries("chance");
    chance.add(0, 0);
    chance.add(1, 1);
    data.addSeries(chance);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "false positive rate",
            "true positive rate",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(data.getSeriesCount() - 1, Color.GRAY);
    r.setSeriesStroke(
        data.getSeriesCount() - 1,
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f}, 0f));
    plot.setRenderer(r);
    plot.getDomainAxis().setRange(0, 1);
    plot.getRangeAxis().setRange(0, 1.01);
    write(chart, out);
  }

  private static void write(JFreeChart chart, Path out) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    BufferedImage img = chart.createBufferedImage(720, 480);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    ModelFolder.writeAtomically(out, bytes.toByteArray());
  }
}
