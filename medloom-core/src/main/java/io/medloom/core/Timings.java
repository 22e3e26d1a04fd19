package io.medloom.core;

import io.medloom.core.model.StageTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a build's time goes: nanoseconds and calls per named step, added from any thread. Steps
 * keep the order in which they first ran (read, the stages in pipeline order, encoding, writing),
 * so a table of them reads like the build. {@link #NONE} measures nothing, for callers that do not
 * profile.
 */
public class Timings {
  /** A timer that keeps nothing. */
  public static final Timings NONE =
      new Timings() {
        @Override
        public void add(String step, long nanos) {}
      };

  private final Map<String, LongAdder[]> steps = new ConcurrentHashMap<>();
  private final List<String> order = new CopyOnWriteArrayList<>();

  /** Adds {@code nanos} and one call to {@code step}. */
  public void add(String step, long nanos) {
    LongAdder[] a = steps.get(step);
    if (a == null) {
      a = register(step);
    }
    a[0].add(nanos);
    a[1].increment();
  }

  /** Starts a clock; pass its value to {@link #since}. */
  public long start() {
    return System.nanoTime();
  }

  /** Adds the time since {@code started} (from {@link #start}) to {@code step}. */
  public void since(String step, long started) {
    add(step, System.nanoTime() - started);
  }

  private synchronized LongAdder[] register(String step) {
    return steps.computeIfAbsent(
        step,
        s -> {
          order.add(s);
          return new LongAdder[] {new LongAdder(), new LongAdder()};
        });
  }

  /** Every step so far, in first-run order. */
  public Map<String, StageTime> snapshot() {
    Map<String, StageTime> out = new LinkedHashMap<>();
    for (String s : order) {
      LongAdder[] a = steps.get(s);
      out.put(s, new StageTime(a[0].sum() / 1e9, a[1].sum()));
    }
    return out;
  }
}
