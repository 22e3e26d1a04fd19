package io.medloom.cli;

import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The source kinds section of {@code build --help}, written from the same registry the build opens
 * sources with ({@link Sources#providers()}): every kind on the class path, its location, one line
 * on what it reads, and its options. A new kind appears here without editing any help text.
 */
final class SourceKindsHelp {
  static final String SECTION = "sourceKinds";

  private SourceKindsHelp() {}

  /**
   * Adds the section to {@code cmd}'s help, before the footer; rendered only when help is shown.
   */
  static void addTo(CommandLine cmd) {
    cmd.getHelpSectionMap()
        .put(
            SECTION,
            help -> render(Sources.providers(), help.commandSpec().usageMessage().width()));
    List<String> keys = new ArrayList<>(cmd.getHelpSectionKeys());
    keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
    cmd.setHelpSectionKeys(keys);
  }

  static String render(Map<String, SourceProvider> providers, int width) {
    StringBuilder sb = new StringBuilder();
    sb.append("%nSource kinds (--source KIND:LOCATION?option=value&...):%n".formatted());
    for (SourceProvider p : providers.values()) {
      String head = "  " + p.kind() + ":" + p.location().placeholder();
      wrap(sb, head, p.description(), 28, width);
      for (SourceOption o : p.options()) {
        wrap(sb, "      " + o.synopsis(), o.description(), 34, width);
      }
    }
    return sb.append(System.lineSeparator()).toString();
  }

  /** {@code head}, then {@code text} from column {@code indent}, wrapped at {@code width}. */
  private static void wrap(StringBuilder sb, String head, String text, int indent, int width) {
    StringBuilder line = new StringBuilder(head);
    if (line.length() + 2 > indent) {
      sb.append(line).append(System.lineSeparator());
      line.setLength(0);
    }
    int limit = Math.max(width, indent + 30);
    for (String word : text.split(" ")) {
      if (line.length() < indent) {
        line.append(" ".repeat(indent - line.length()));
      } else if (line.length() + 1 + word.length() > limit) {
        sb.append(line).append(System.lineSeparator());
        line.setLength(0);
        line.append(" ".repeat(indent));
      } else {
        line.append(' ');
      }
      line.append(word);
    }
    sb.append(line).append(System.lineSeparator());
  }
}
