"""Prints bench/clip's comparison from the model folders and eval JSON in a work folder.

Arguments: WORK FILMS EPOCHS SEED SIZE NAME... (the runs, clip first: ratios are to it)."""
import json, sys
work, films, epochs, seed, size = sys.argv[1:6]
losses = sys.argv[6:] or ["clip", "cxr-clip", "asg"]
base = losses[0]
z = {l: json.load(open(f"{work}/model-{l}/eval/zeroshot.json")) for l in losses}
zt = {l: json.load(open(f"{work}/model-{l}/eval/zeroshot-template.json")) for l in losses}
r = {l: json.load(open(f"{work}/model-{l}/eval/retrieval.json")) for l in losses}
s = {l: int(open(f"{work}/seconds-{l}").read()) for l in losses}
m = {l: json.load(open(f"{work}/model-{l}/model.json")) for l in losses}
print(f"phantom:{films} (test {z[base]['samples']} films, {r[base]['distinct_texts']} distinct reports),"
      f" preset tiny at {size} px, {epochs} epochs, seed {seed}, 2 engine threads;"
      f" runs: " + ", ".join(f"{l} (text marks {m[l].get('text_marks') or 'none'})" for l in losses))
def line(name, f, unit=""):
    v = {l: f(l) for l in losses}
    def ratio(l):
        return "-" if not v[base] or v[base] != v[base] or v[l] != v[l] else f"{v[l] / v[base]:.3f}"
    print(f"{name}: " + ", ".join(f"{l} {v[l]:.4f}{unit}" for l in losses)
          + ", ratio " + ", ".join(f"{l}/{base} {ratio(l)}" for l in losses[1:]))
def num(x):
    return float("nan") if x is None else x
for name, zs in [("dataset prompts", z), ("template prompts", zt)]:
    for c in ["cardiomegaly", "pleural effusion"]:
        line(f"zero-shot AUROC {c}, {name}", lambda l: num(zs[l]["auroc"][c]))
    line(f"zero-shot macro AUROC (8 classes), {name}", lambda l: zs[l]["macro_auroc"])
    line(f"zero-shot accuracy, {name}", lambda l: zs[l]["accuracy"])
# The headline above is every view; these split it (dataset prompts).
views = z[base].get("view_samples") or {}
for v in [v for v in ["frontal", "LATERAL"] if v in views]:
    for c in ["cardiomegaly", "pleural effusion"]:
        line(f"zero-shot AUROC {c}, {v} films only ({views[v]}), dataset prompts",
             lambda l: num(z[l]["auroc_by_view"][v][c]))
for c in ["cardiomegaly", "pleural effusion"]:
    line(f"text side AUROC {c} (each report against the prompts, no image)",
         lambda l: num((z[l].get("text_auroc") or {}).get(c)))
for c in ["cardiomegaly", "pleural effusion"]:
    line(f"asg tag head AUROC {c} (report-supervised, not zero-shot; nan without a head)",
         lambda l: num((z[l].get("tag_head_auroc") or {}).get(c)))
line("image->text R@10", lambda l: r[l]["i2t"]["R@10"])
print(f"image->text R@10 chance: {r[base]['chance_R@10']:.4f}")
line("image->text R@10 / chance", lambda l: r[l]["i2t"]["R@10"] / r[l]["chance_R@10"])
line("image->text R@1", lambda l: r[l]["i2t"]["R@1"])
line("text->image R@10", lambda l: r[l]["t2i"]["R@10"])
line("image->text mean rank", lambda l: r[l]["i2t"]["mean_rank"])
line("best val CLIP loss", lambda l: m[l]["best_val_loss"])
line("train wall time", lambda l: s[l], " s")
skips = {l: open(f"{work}/train-{l}.log", errors="replace").read().count("skipped a step") for l in losses}
print("skipped (non-finite) steps: " + ", ".join(f"{l} {skips[l]}" for l in losses))
