package io.medloom.core.source;

/**
 * Opens sources of one kind. Implementations are found with {@link java.util.ServiceLoader} (listed
 * in {@code META-INF/services/io.medloom.core.source.SourceProvider}), so adding a kind never means
 * editing a switch.
 */
public interface SourceProvider {
  /** The kind in {@code KIND:LOCATION}, e.g. {@code phantom}. */
  String kind();

  /** One line for {@code --help}: what the location means and the options. */
  String usage();

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
