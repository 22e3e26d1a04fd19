package io.medloom.learn.seg;

/** Progress of a segmentation run (the CLI prints it; tests ignore it). */
public interface SegListener {
  void message(String text);

  void epochFinished(SegEpochRow row, int epochs);

  SegListener SILENT =
      new SegListener() {
        @Override
        public void message(String text) {}

        @Override
        public void epochFinished(SegEpochRow row, int epochs) {}
      };
}
