"""Reference values of the pre-training losses, written from the published formulas with PyTorch.

Reads JSON {i1, i2, t1, t2, scale, tag_logits, tags} from stdin (embeddings already L2-normalised
by the caller), prints JSON {clip, cxr_clip, asg}.
"""
import json
import sys

import torch
import torch.nn.functional as F

d = json.load(sys.stdin)
t = lambda k: torch.tensor(d[k], dtype=torch.float64)
i1, i2, t1, t2 = t("i1"), t("i2"), t("t1"), t("t2")
s = float(d["scale"])
y = torch.arange(i1.shape[0])


def ce(a, b):
    return F.cross_entropy(s * a @ b.T, y)


clip = (ce(i1, t1) + ce(t1, i1)) / 2

# CXR-CLIP (cxrclip/loss/cxr_clip.py): four image x text pairs, ICL weight 1.0, TCL weight 0.5.
pairs = [(i1, t1), (i2, t1), (i1, t2), (i2, t2)]
l_i2t = sum(ce(a, b) for a, b in pairs) / 4
l_t2i = sum(ce(b, a) for a, b in pairs) / 4
l_icl = (ce(i1, i2) + ce(i2, i1)) / 2
l_tcl = (ce(t2, t1) + ce(t1, t2)) / 2
cxr = (l_i2t + l_t2i) / 2 + 1.0 * l_icl + 0.5 * l_tcl

# ASG (main.py): alignment + 5 * BCE + soft-label KL, symmetric, batchmean.
S = s * i1 @ t1.T
ira = F.cross_entropy(S, y) + F.cross_entropy(S.T, y)
tags = t("tags")
bce = F.binary_cross_entropy_with_logits(t("tag_logits"), tags)
lab = F.normalize(tags, dim=1)
P = 0.8 * torch.eye(S.shape[0], dtype=torch.float64) + 0.2 * (lab @ lab.T) + 1e-6
P = P / P.sum(1, keepdim=True)


def sym(x):
    a = F.kl_div(F.log_softmax(x, 1), P, reduction="batchmean")
    b = F.kl_div(torch.log(P), F.softmax(x, 1), reduction="batchmean")
    return (a + b) / 2


soft = (sym(S) + sym(S.T)) / 2
asg = ira + 5 * bce + soft
print(json.dumps({"clip": clip.item(), "cxr_clip": cxr.item(), "asg": asg.item()}))
