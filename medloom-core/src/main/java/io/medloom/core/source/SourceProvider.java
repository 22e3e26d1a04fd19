package io.medloom.core.source;

import java.util.List;

/**
 * Opens sources of one kind. Implementations are found with {@link java.util.ServiceLoader} (listed
 * in {@code META-INF/services/io.medloom.core.source.SourceProvider}), so adding a kind never means
 * editing a switch. What a provider says about itself ({@link #location}, {@link #description},
 * {@link #options}) is the one registry {@code build --help} is written from and {@link
 * Sources#check} checks a spec against.
 */
public interface SourceProvider {
  /** The option every source takes: {@code paths=keyed|clear} for its original paths. */
  String PATHS_OPTION = "paths";

  /**
   * The option every source takes: {@code files=inside|anywhere}, whether links and listed paths
   * may lead out of the source's folder (default inside).
   */
  String FILES_OPTION = "files";

  /** The kind in {@code KIND:LOCATION}, e.g. {@code phantom}. */
  String kind();

  /** What LOCATION is; checked before a build creates anything. */
  default SourceLocation location() {
    return SourceLocation.ANY;
  }

  /** One line for {@code --help}: what the source reads and what becomes of it. */
  default String description() {
    return "(no description)";
  }

  /**
   * The options after {@code ?}. An empty list means the provider does not declare them, and then
   * {@link Sources#check} lets every option through to the source.
   */
  default List<SourceOption> options() {
    return List.of();
  }

  /**
   * Whether {@code name} is an option of this kind: by default one of {@link #options()}. A kind
   * with open-ended options (filters named by DICOM keywords) widens this.
   */
  default boolean acceptsOption(String name) {
    if (name.equals(PATHS_OPTION) || name.equals(FILES_OPTION)) {
      return true; // every source: how original paths are stored, and where files may be read
    }
    List<SourceOption> declared = options();
    return declared.isEmpty() || declared.stream().anyMatch(o -> o.matches(name));
  }

  /** {@code KIND:LOCATION - description}, one line. */
  default String usage() {
    return kind() + ":" + location().placeholder() + " - " + description();
  }

  Source open(SourceSpec spec, SourceContext context) throws Exception;

  /**
   * Whether the paths of this kind's items may carry identifiers (folder names after patients,
   * UIDs, record numbers). When true, the default, a build stores them keyed unless the source says
   * {@code paths=clear}; a kind whose item names are synthetic says false.
   */
  default boolean pathsMayIdentify() {
    return true;
  }
}
