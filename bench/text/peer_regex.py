# bench/text peer: a 20-line regex CheXpert-style labeler (mention regex + "no"/"without" window negation
# + "possible/may/cannot exclude" uncertainty), the kind of script people write. One report per line.
import re, sys, time
OBS = {"Cardiomegaly": r"cardiomegaly|enlarged heart|heart (?:size )?is enlarged", "Lung Opacity": r"opacit\w*|infiltrat\w*|density|airspace disease",
       "Lung Lesion": r"nodul\w*|mass(?:es)?|lesion", "Edema": r"edema|congestion|heart failure", "Consolidation": r"consolidat\w*",
       "Pneumonia": r"pneumonia|infection", "Atelectasis": r"atelecta\w*|collapse", "Pneumothorax": r"pneumothora\w*",
       "Pleural Effusion": r"effusion\w*", "Pleural Other": r"pleural thickening", "Fracture": r"fractur\w*",
       "Support Devices": r"tube|catheter|pacemaker|line|wires?|stent|device"}
PAT = {k: re.compile(r"\b(?:%s)\b" % v) for k, v in OBS.items()}
NEG = re.compile(r"\b(?:no|not|without|free of|negative for)\b[^.;]{0,60}$")
UNC = re.compile(r"\b(?:possibl\w*|may|cannot exclude|questionable|likely|versus|suspicious)\b[^.;]{0,60}$")
def label(text):
    out = {}
    for sent in text.lower().split("."):
        for k, p in PAT.items():
            for m in p.finditer(sent):
                pre = sent[:m.start()]
                v = 0 if NEG.search(pre) else -1 if UNC.search(pre) else 1
                out[k] = max(out.get(k, v), v, key=lambda x: {1: 3, -1: 2, 0: 1}[x])
    return out
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
if len(sys.argv) > 2:  # accuracy mode: one line of labels per report (Observation=value;...)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for s in lines:
            out.write(";".join("%s=%d" % kv for kv in label(s).items()) + "\n")
    sys.exit(0)
t0 = time.perf_counter(); pos = sum(sum(1 for v in label(s).values() if v == 1) for s in lines)
print(len(lines), time.perf_counter() - t0, pos)
