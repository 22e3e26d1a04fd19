#!/usr/bin/python3
"""bench/fewshot/summary.py: the summary table (bench/results/fewshot.txt) from the JSON files that
`bench/fewshot/run` wrote into bench/results/fewshot/: mean accuracy and AUROC over the tasks per
encoder, method and shot count, the held-out-domain runs, the fully supervised reference, and which
method is ahead at each shot count. Every figure is computed here from those files."""
import glob
import json
import os
import sys
from collections import defaultdict

res = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../results/fewshot")
LABELS = {
    "random-tiny": "random:tiny (random encoder, the floor)",
    "clip": "CLIP (tiny, pre-trained on phantom:2000 seed 5 reports; the evaluated phantom is seed 17)",
    "classify": "train classify (tiny, supervised on phantom:1000 seed 5 findings)",
}


def load(name):
    with open(os.path.join(res, name + ".json")) as f:
        return json.load(f)


def means(run):
    """(method, shots) -> (mean accuracy, mean AUROC, tasks) over the run's tasks."""
    acc, auc = defaultdict(list), defaultdict(list)
    for t in run["tasks"]:
        for c in t["cells"]:
            acc[(c["method"], c["shots"])].append(c["accuracy"]["mean"])
            if c.get("auroc") and c["auroc"].get("mean") is not None:
                auc[(c["method"], c["shots"])].append(c["auroc"]["mean"])
    return {k: (sum(v) / len(v), sum(auc[k]) / len(auc[k]) if auc[k] else float("nan"), len(v))
            for k, v in acc.items()}


def lines(run, indent):
    m = means(run)
    methods = list(dict.fromkeys(k[0] for k in m))
    out = []
    for meth in methods:
        cells = "  ".join("%2d-shot acc %.3f AUROC %.3f" % (s, m[(meth, s)][0], m[(meth, s)][1])
                          for s in run["shots"] if (meth, s) in m)
        out.append("%s%-24s %s  (%d tasks)" % (indent, meth, cells, m[(meth, run["shots"][0])][2]))
    refs = [t["reference"]["accuracy"] for t in run["tasks"] if t.get("reference")]
    if refs:
        out.append("%s%-24s accuracy %.3f (%d tasks)" % (indent, "probe-full (reference)", sum(refs) / len(refs), len(refs)))
    return out, m


base = [n for n in ("random-tiny", "clip", "classify") if os.path.exists(os.path.join(res, n + ".json"))]
first = load(base[0])
print("fewshot: mean over the %d tasks of the four-domain meta-dataset, %d episodes each, %d query rows per class, seed %d"
      % (len(first["tasks"]), first["episodes"], first["query_per_class"], first["seed"]))
print("tasks: " + ", ".join("%s/%s (%d-way)" % (t["dataset"], t["task"], t["ways"]) for t in first["tasks"]))
best = defaultdict(list)
for name in base:
    run = load(name)
    print(LABELS.get(name, name) + ("; fine-tuned episodes per cell: %s" % run.get("finetune_episodes")))
    out, m = lines(run, "  ")
    print("\n".join(out))
    for (meth, s), v in m.items():
        best[s].append((v[0], "%s %s" % (name, meth)))
print("ahead at each shot count (mean accuracy over the tasks, every encoder and method above):")
for s in sorted(best):
    ranked = sorted(best[s], reverse=True)
    print("  %2d-shot: %s" % (s, ", ".join("%s %.3f" % (n, a) for a, n in ranked[:4])))

holdouts = sorted(glob.glob(os.path.join(res, "holdout-*.json")))
if holdouts:
    print("held-out domain (random:tiny start; meta-training on every train-split task of the other three domains)")
for f in holdouts:
    run = json.load(open(f))
    mt = run.get("meta_training") or {}
    print(" %s: meta-training %s epochs, %s steps, %s rows, %.0f s" % (
        run["hold_out_domain"], mt.get("epochs"), mt.get("steps"), mt.get("train_rows"), mt.get("seconds", 0)))
    out, _ = lines(run, "    ")
    print("\n".join(out))

sup = os.path.join(res, "supervised.txt")
if os.path.exists(sup):
    print(open(sup).read().rstrip())
