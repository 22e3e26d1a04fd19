package io.medloom.cli;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.RoiProposer;
import io.medloom.learn.seg.SegRoiProposer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** A model's proposer that counts the images it was asked about and the regions it gave. */
final class CountingProposer implements RoiProposer, AutoCloseable {
  private final SegRoiProposer inner;
  private final AtomicLong images = new AtomicLong();
  private final Map<String, Long> byLabel = new TreeMap<>();

  CountingProposer(SegRoiProposer inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Set<String> labels() {
    return inner.labels();
  }

  @Override
  public List<Roi> propose(Sample s) {
    images.incrementAndGet();
    List<Roi> out = inner.propose(s);
    synchronized (byLabel) {
      out.forEach(r -> byLabel.merge(r.label(), 1L, Long::sum));
    }
    return out;
  }

  String summary() {
    synchronized (byLabel) {
      return "roi model "
          + inner.name()
          + ": asked about "
          + images.get()
          + " images lacking its regions"
          + (inner.lungs() ? " (frontal views are outlined)" : "")
          + ", proposed "
          + (byLabel.isEmpty() ? "none" : byLabel.toString());
    }
  }

  @Override
  public void close() {
    inner.close();
  }
}
