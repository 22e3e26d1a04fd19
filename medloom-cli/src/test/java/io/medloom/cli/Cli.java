package io.medloom.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
record Cli(int exitCode, String out) {
  static synchronized Cli run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(ps);
      int code = Main.run(args);
      ps.flush();
      return new Cli(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(saved);
    }
  }
}
