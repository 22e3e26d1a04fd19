package io.medloom.io.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the instances of a DICOMweb server with QIDO-RS (PS3.18 10.6): {@code GET /instances}, or
 * {@code /studies} → {@code /studies/S/series} → {@code /studies/S/series/R/instances} for servers
 * that do not offer the all-instances query. Pages with {@code limit}/{@code offset}.
 */
final class QidoLister {
  private static final String STUDY = "0020000D";
  private static final String SERIES = "0020000E";
  private static final String SOP_INSTANCE = "00080018";
  private static final String PATIENT_ID = "00100020";
  private static final String PATIENT_NAME = "00100010";
  private static final String ACCESSION = "00080050";
  private static final String STUDY_KEYWORD = "StudyInstanceUID";

  /** A QIDO answer is JSON metadata, not pixels; far below any sane page of results. */
  private static final long MAX_JSON_BYTES = 256L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DicomWebClient client;
  private final DicomWebOptions options;

  QidoLister(DicomWebClient client, DicomWebOptions options) {
    this.client = client;
    this.options = options;
  }

  /** Every matching instance, sorted by {@link InstanceRef#ORDER}, without duplicates. */
  List<InstanceRef> list() throws IOException {
    List<InstanceRef> found =
        switch (options.qido()) {
          case INSTANCES -> viaInstances();
          case HIERARCHY -> viaHierarchy();
          case AUTO -> {
            try {
              yield viaInstances();
            } catch (DicomWebClient.StatusException e) {
              // The all-instances query is optional for servers (PS3.18 10.6.1); these statuses
              // are how they say they lack it. Anything else (401, 5xx) is a real failure.
              if (e.status() != 400
                  && e.status() != 404
                  && e.status() != 405
                  && e.status() != 501) {
                throw e;
              }
              yield viaHierarchy();
            }
          }
        };
    List<InstanceRef> sorted = new ArrayList<>(new LinkedHashSet<>(found));
    sorted.sort(InstanceRef.ORDER);
    return sorted;
  }

  private List<InstanceRef> viaInstances() throws IOException {
    List<InstanceRef> out = new ArrayList<>();
    for (JsonNode n : pages("instances", options.filters())) {
      out.add(new InstanceRef(uid(n, STUDY, ""), uid(n, SERIES, ""), uid(n, SOP_INSTANCE, "")));
    }
    return out;
  }

  /**
   * Study and series queries carry no filters: an attribute such as Modality is not a study
   * attribute (servers match nothing or refuse it there), so all filters go to the instance query.
   */
  private List<InstanceRef> viaHierarchy() throws IOException {
    List<InstanceRef> out = new ArrayList<>();
    for (JsonNode st : pages("studies", Map.of())) {
      String study = uid(st, STUDY, "studies");
      for (JsonNode se : pages("studies/" + safe(study) + "/series", Map.of())) {
        String series = uid(se, SERIES, "studies/" + study + "/series");
        String rel = "studies/" + safe(study) + "/series/" + safe(series) + "/instances";
        for (JsonNode in : pages(rel, options.filters())) {
          out.add(new InstanceRef(study, series, uid(in, SOP_INSTANCE, "")));
        }
      }
    }
    return out;
  }

  /**
   * The patient attributes of one study (QIDO-RS {@code /studies?StudyInstanceUID=}), keyword to
   * value: PatientID, PatientName and AccessionNumber are among the attributes every server returns
   * for a study query (PS3.18 Table 10.6.3-3).
   */
  Map<String, String> studyAttributes(String study) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode n : query(url("studies", Map.of(STUDY_KEYWORD, safe(study))))) {
      value(n, PATIENT_ID).ifPresent(v -> out.put("PatientID", v));
      value(n, PATIENT_NAME).ifPresent(v -> out.put("PatientName", v));
      value(n, ACCESSION).ifPresent(v -> out.put("AccessionNumber", v));
    }
    return out;
  }

  /** The first value of an attribute in DICOM JSON; a person name's alphabetic form. */
  private static java.util.Optional<String> value(JsonNode dataset, String tag) {
    JsonNode v = dataset.path(tag).path("Value").path(0);
    String text =
        v.isObject() ? v.path("Alphabetic").asText("") : v.isValueNode() ? v.asText() : "";
    return text.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(text.trim());
  }

  /** All pages of one query; stops at a short page or when the server ignores the paging. */
  private List<JsonNode> pages(String rel, Map<String, String> filters) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    int limit = options.pageSize();
    for (long offset = 0; ; ) {
      Map<String, String> params = new TreeMap<>(filters);
      params.put("limit", String.valueOf(limit));
      params.put("offset", String.valueOf(offset));
      List<JsonNode> page = query(url(rel, params));
      int added = 0;
      for (JsonNode n : page) {
        if (seen.add(n.toString())) {
          all.add(n);
          added++;
        }
      }
      // A page longer than asked, or one with nothing new, means the server ignores limit or
      // offset: asking for the next page would loop forever on the same answer.
      if (page.size() < limit || page.size() > limit || added == 0) {
        return all;
      }
      offset += page.size();
    }
  }

  private List<JsonNode> query(URI uri) throws IOException {
    DicomWebClient.Response r = client.get(uri, "application/dicom+json", MAX_JSON_BYTES);
    if (r.status() == 204 || r.body().length == 0) {
      return List.of(); // "no matches" may be 204 No Content (PS3.18 8.3.3.1)
    }
    JsonNode root;
    try {
      root = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IOException(
          "dicomweb: GET " + uri + " answered invalid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(
          "dicomweb: GET "
              + uri
              + " answered JSON that is not an array of datasets (starts with "
              + (root == null ? "nothing" : root.getNodeType())
              + ")");
    }
    List<JsonNode> out = new ArrayList<>(root.size());
    root.forEach(out::add);
    return out;
  }

  /**
   * The first value of a UID attribute, "" when absent. With {@code where} set, a missing or unsafe
   * UID is an error, because a study or series without it cannot be descended into.
   */
  private static String uid(JsonNode dataset, String tag, String where) throws IOException {
    JsonNode v = dataset.path(tag).path("Value").path(0);
    String uid = v.isTextual() ? v.asText().trim() : "";
    if (!where.isEmpty() && uid.isEmpty()) {
      throw new IOException("dicomweb: a result of " + where + " has no UID " + tag);
    }
    return uid;
  }

  private static String safe(String uid) throws IOException {
    if (!new InstanceRef(uid, uid, uid).valid()) {
      throw new IOException("dicomweb: server returned an invalid UID '" + clip(uid) + "'");
    }
    return uid;
  }

  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  private URI url(String rel, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(options.base().toString()).append('/').append(rel);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  /** Percent-encoding with %20 for spaces: '+' is not a space to every server. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
