package io.medloom.core;

/** Receives progress of long work; the CLI draws a bar on a terminal or logs lines otherwise. */
public interface Progress {
  /** Starts a phase; {@code total} is -1 when unknown. */
  void start(String phase, long total);

  /** {@code done} items so far, {@code rejected} of them refused. */
  void update(long done, long rejected);

  void finish();

  Progress NONE =
      new Progress() {
        @Override
        public void start(String phase, long total) {}

        @Override
        public void update(long done, long rejected) {}

        @Override
        public void finish() {}
      };
}
