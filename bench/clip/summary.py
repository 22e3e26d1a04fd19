"""Prints bench/clip's comparison from the model folders and eval JSON in a work folder."""
import json, sys
work, films, epochs, seed, size = sys.argv[1:6]
losses = ["clip", "cxr-clip", "asg"]
z = {l: json.load(open(f"{work}/model-{l}/eval/zeroshot.json")) for l in losses}
zt = {l: json.load(open(f"{work}/model-{l}/eval/zeroshot-template.json")) for l in losses}
r = {l: json.load(open(f"{work}/model-{l}/eval/retrieval.json")) for l in losses}
s = {l: int(open(f"{work}/seconds-{l}").read()) for l in losses}
m = {l: json.load(open(f"{work}/model-{l}/model.json")) for l in losses}
print(f"phantom:{films} (test {z['clip']['samples']} films, {r['clip']['distinct_texts']} distinct reports),"
      f" preset tiny at {size} px, {epochs} epochs, seed {seed}, 2 engine threads")
def line(name, f, unit=""):
    v = {l: f(l) for l in losses}
    print(f"{name}: " + ", ".join(f"{l} {v[l]:.4f}{unit}" for l in losses)
          + f", ratio cxr-clip/clip {v['cxr-clip'] / v['clip']:.3f}, asg/clip {v['asg'] / v['clip']:.3f}")
for name, zs in [("dataset prompts", z), ("template prompts", zt)]:
    for c in ["cardiomegaly", "pleural effusion"]:
        line(f"zero-shot AUROC {c}, {name}", lambda l: zs[l]["auroc"][c] or float("nan"))
    line(f"zero-shot macro AUROC (8 classes), {name}", lambda l: zs[l]["macro_auroc"])
    line(f"zero-shot accuracy, {name}", lambda l: zs[l]["accuracy"])
line("image->text R@10", lambda l: r[l]["i2t"]["R@10"])
print(f"image->text R@10 chance: {r['clip']['chance_R@10']:.4f}")
line("image->text R@1", lambda l: r[l]["i2t"]["R@1"])
line("text->image R@10", lambda l: r[l]["t2i"]["R@10"])
line("image->text mean rank", lambda l: r[l]["i2t"]["mean_rank"])
line("best val CLIP loss", lambda l: m[l]["best_val_loss"])
line("train wall time", lambda l: s[l], " s")
skips = {l: open(f"{work}/train-{l}.log", errors="replace").read().count("skipped a step") for l in losses}
print("skipped (non-finite) steps: " + ", ".join(f"{l} {skips[l]}" for l in losses))
