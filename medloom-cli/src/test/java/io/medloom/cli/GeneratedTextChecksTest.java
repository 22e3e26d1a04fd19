package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.DatasetTampering;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify refuses generated region descriptions that contradict their geometry or the report. */
class GeneratedTextChecksTest {
  @TempDir Path tmp;

  @Test
  void descriptionsContradictingTheReportOrTheGeometryFailVerify() throws Exception {
    Path ds = tmp.resolve("p");
    assertThat(
            Cli.run("build", "--source", "phantom:40", "--out", ds.toString(), "--size", "128")
                .exitCode())
        .isZero();
    assertThat(Cli.run("verify", ds.toString()).exitCode()).isZero();

    String target =
        "(SELECT min(id) FROM s WHERE len(list_filter(texts, t -> t.kind = 'desc.roi')) > 0)";
    // The report now says there is no such finding.
    Path contradicted = DatasetTampering.copy(ds, tmp.resolve("contradicted"));
    DatasetTampering.rewriteShards(
        contradicted,
        "UPDATE s SET triplets = list_transform(list_filter(rois, r -> r.origin = 'mask'"
            + " AND r.attributes['attr.loc.side'] IS NOT NULL), r -> {'anatomy': '', 'finding': r.label,"
            + " 'existence': 'absent', 'sentence': 'No ' || r.label || '.'}) WHERE id = "
            + target);
    Cli a = Cli.run("verify", contradicted.toString());
    assertThat(a.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(a.out()).contains("but the report rules it out");

    // The region is moved to the other lung under its description, its stored attributes left
    // as they were: verify measures the mask again instead of trusting the attributes.
    Path moved = DatasetTampering.copy(ds, tmp.resolve("moved"));
    String rightSide = "r.origin = 'mask' AND r.attributes['attr.loc.side'] = 'right'";
    String leftLung = "(list_filter(rois, x -> x.label = 'left lung')[1])";
    DatasetTampering.rewriteShards(
        moved,
        "UPDATE s SET rois = list_transform(rois, r -> CASE WHEN "
            + rightSide
            + " THEN struct_pack(id := r.id, label := r.label, box := "
            + leftLung
            + ".box, mask_rle := "
            + leftLung
            + ".mask_rle, area_fraction := r.area_fraction, origin := r.origin,"
            + " confidence := r.confidence, attributes := r.attributes) ELSE r END)"
            + " WHERE id = (SELECT min(id) FROM s WHERE len(list_filter(texts, t -> t.kind ="
            + " 'desc.roi' AND t.text LIKE '%right%')) > 0 AND len(list_filter(rois, r -> "
            + rightSide
            + ")) > 0)");
    Cli b = Cli.run("verify", moved.toString());
    assertThat(b.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(b.out()).contains("says 'right' but the region is on 'left'");

    // Only the stored attributes flipped: the words still agree with the pixels, so nothing is
    // wrong with the description (the attributes are measured again by annotate).
    Path flipped = DatasetTampering.copy(ds, tmp.resolve("flipped"));
    DatasetTampering.rewriteShards(
        flipped,
        "UPDATE s SET rois = list_transform(rois, r -> struct_pack(id := r.id, label := r.label, box := r.box,"
            + " mask_rle := r.mask_rle, area_fraction := r.area_fraction, origin := r.origin,"
            + " confidence := r.confidence, attributes := map_from_entries(list_transform(map_entries(r.attributes),"
            + " e -> {'key': e.key, 'value': CASE WHEN e.key = 'attr.loc.side' AND e.value = 'right' THEN 'left'"
            + " WHEN e.key = 'attr.loc.side' AND e.value = 'left' THEN 'right' ELSE e.value END}))))"
            + " WHERE id = "
            + target);
    assertThat(Cli.run("verify", flipped.toString()).exitCode()).isZero();
  }
}
