package io.medloom.io.dicomweb;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

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
  public SourceLocation location() {
    return SourceLocation.URL;
  }

  @Override
  public String description() {
    return "instances of a DICOMweb server (QIDO-RS search, WADO-RS retrieval), one sample per frame";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of(
            "auth", "USER:PASSWORD", "HTTP basic authentication (sent in clear over http://)"),
        SourceOption.of("limit", "N", "QIDO page size (default 500)"),
        SourceOption.of("qido", "auto|instances|hierarchy", "how to list instances (default auto)"),
        SourceOption.of(
            "transfer_syntax", "*|none|UID", "transfer syntax asked of WADO-RS (default *)"),
        SourceOption.of("license", "TEXT", "licence recorded in dataset.json"),
        SourceOption.of(
            "burned_in",
            "reject|allow",
            "objects that may show burned-in text (SC, US, BurnedInAnnotation=YES): default reject"),
        SourceOption.of(
            "KEYWORD",
            "VALUE",
            "a QIDO filter on a DICOM keyword or tag, e.g. Modality=CT or StudyDate=20200101-20201231"));
  }

  /** Besides the declared options, any DICOM keyword or tag is a QIDO filter. */
  @Override
  public boolean acceptsOption(String name) {
    return DicomWebOptions.isOption(name);
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new DicomWebSource(spec, context);
  }
}
