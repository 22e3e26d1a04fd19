package io.medloom.io.dicomweb;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/**
 * Opens {@code dicomweb:BASE_URL[?opt=v&...]} sources. Options: {@code auth=user:password} (HTTP
 * basic; never logged, but sent in clear over http://), {@code limit} (QIDO page size, default
 * 500), {@code qido=auto|instances|hierarchy}, {@code transfer_syntax=*|none|UID} (WADO-RS; default
 * * = as stored), {@code license}; any other option is a QIDO filter, e.g. {@code Modality=CT} or
 * {@code StudyDate=20240101-20241231}.
 */
public final class DicomWebSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "dicomweb";
  }

  @Override
  public String usage() {
    return "dicomweb:BASE_URL - instances of a DICOMweb server (QIDO-RS + WADO-RS); one sample per"
        + " frame; options auth=user:password, limit=N, qido=auto|instances|hierarchy,"
        + " transfer_syntax=*|none|UID, burned_in=reject|allow, and QIDO filters such as"
        + " Modality=CT or StudyDate=A-B";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new DicomWebSource(spec, context);
  }
}
