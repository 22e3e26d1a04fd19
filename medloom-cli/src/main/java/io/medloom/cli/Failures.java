package io.medloom.cli;

import io.medloom.core.model.Rejection;
import io.medloom.core.source.SourceException;
import io.medloom.store.DatasetException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.IdentityHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where an error becomes an exit code and a message (DESIGN §4): every command,
 * present and future, ends through here. The message is one line that names the problem and, where
 * we know it, the fix; the stack trace follows only with {@code --verbose}.
 *
 * <ul>
 *   <li>2, usage: a malformed command line, or an {@link IllegalArgumentException} from a command
 *       (an unknown kind, option or format, a value out of range);
 *   <li>3, unusable input: a source, dataset or file that cannot be read at all ({@link
 *       SourceException}, {@link DatasetException}, {@link UnusableInputException}, a missing or
 *       unreadable path);
 *   <li>4, internal: anything else, a bug or the environment (out of memory, disk full).
 * </ul>
 */
final class Failures {
  private Failures() {}

  /** Picocli's handler for command lines it cannot parse (and for commands given no subcommand). */
  static int usage(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String msg = oneLine(ex.getMessage());
    if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      msg += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    err.println(prefix(cmd) + ": " + msg + " (see " + helpOf(cmd) + ")");
    if (verbose(cmd.getParseResult())) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Picocli's handler for an exception a command threw. */
  static int execution(Exception ex, CommandLine cmd, ParseResult parsed) {
    return report(ex, cmd, verbose(parsed));
  }

  /** Prints the one-line message (and with {@code verbose} the stack trace); returns the code. */
  static int report(Throwable ex, CommandLine cmd, boolean verbose) {
    PrintWriter err = cmd.getErr();
    int code = exitCode(ex);
    String msg = message(ex, code);
    if (code == ExitCodes.USAGE && !msg.contains("--help")) {
      msg += " (see " + helpOf(cmd) + ")";
    }
    if (code == ExitCodes.INTERNAL && !verbose) {
      msg += " (run again with --verbose for the stack trace)";
    }
    err.println(prefix(cmd) + ": " + msg);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The exit code of a failure: the first cause in the chain whose kind we know decides. */
  static int exitCode(Throwable ex) {
    for (Throwable c : chain(ex)) {
      if (c instanceof ParameterException || c instanceof IllegalArgumentException) {
        return ExitCodes.USAGE;
      }
      if (unusableInput(c)) {
        return ExitCodes.UNUSABLE_INPUT;
      }
      if (c instanceof VirtualMachineError) {
        return ExitCodes.INTERNAL;
      }
    }
    return ExitCodes.INTERNAL;
  }

  private static boolean unusableInput(Throwable c) {
    return c instanceof SourceException
        || c instanceof DatasetException
        || c instanceof UnusableInputException
        || c instanceof io.medloom.core.source.UnusableSourceException
        || c instanceof FileSystemException
        || c instanceof FileNotFoundException;
  }

  /** The message for a failure with exit code {@code code}: one line, the useful cause's words. */
  static String message(Throwable ex, int code) {
    if (code == ExitCodes.INTERNAL) {
      for (Throwable c : chain(ex)) {
        if (c instanceof OutOfMemoryError) {
          return "out of memory: "
              + oneLine(String.valueOf(c.getMessage()))
              + " (give Java more heap, e.g. MEDLOOM_JAVA_OPTS=-Xmx8g, or build with fewer"
              + " --threads)";
        }
      }
      return "internal error: " + oneLine(Rejection.describe(ex));
    }
    for (Throwable c : chain(ex)) {
      boolean decides =
          code == ExitCodes.USAGE
              ? c instanceof IllegalArgumentException || c instanceof ParameterException
              : unusableInput(c);
      if (decides) {
        return oneLine(describe(c));
      }
    }
    return oneLine(Rejection.describe(ex));
  }

  /** File system errors carry only the path as their message: say what happened to it. */
  private static String describe(Throwable c) {
    if (c instanceof FileSystemException f) {
      String file = f.getFile();
      String reason = f.getReason() == null ? "" : " (" + f.getReason() + ")";
      if (c instanceof NoSuchFileException) {
        return "no such file or directory: " + file + " (check the path)";
      }
      if (c instanceof AccessDeniedException) {
        return "permission denied: " + file + reason + " (check its permissions)";
      }
      if (c instanceof NotDirectoryException) {
        return "not a directory: " + file;
      }
      if (c instanceof FileAlreadyExistsException) {
        return "already exists: " + file + " (choose another path or remove it)";
      }
      if (c instanceof DirectoryNotEmptyException) {
        return "directory not empty: " + file + " (choose an empty or new folder)";
      }
      return "cannot use " + file + reason;
    }
    String m = c.getMessage();
    return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
  }

  /** The causes of {@code ex}, outermost first, each once. */
  private static Iterable<Throwable> chain(Throwable ex) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    java.util.List<Throwable> out = new java.util.ArrayList<>();
    for (Throwable c = ex; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
      out.add(c);
    }
    return out;
  }

  /** Collapses line breaks so a message is one line. */
  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String prefix(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }

  private static String helpOf(CommandLine cmd) {
    String q = cmd.getCommandSpec().qualifiedName();
    return "./" + q + " --help";
  }

  /** Whether {@code --verbose} was given at any level of the command line. */
  static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
