package io.medloom.io.folder;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code folder:DIR} sources. */
public final class FolderSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "folder";
  }

  @Override
  public String usage() {
    return "folder:DIR[?task=class&modality=OT&body_part=&patient=file|prefix&extension=strict|trust-content]"
        + " - images (PNG/JPEG/BMP/TIFF/GIF) in class subfolders DIR/<class>/<file>";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new FolderSource(spec, context);
  }
}
