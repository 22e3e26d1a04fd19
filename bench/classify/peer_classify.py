"""The PyTorch peer of MedLoom's `train classify` on PneumoniaMNIST: the source's own
train/val/test split, images upscaled 28 -> SIZE (bilinear, as MedLoom's build does with
--size SIZE), torchvision resnet18 (conv1 1-channel, one logit), BCE with logits, Adam with a
one-epoch linear warm-up and cosine decay per step, batch 32 (last partial batch dropped), the
same augmentation family (random resized crop 0.8-1 of the area, aspect 1/1.15-1.15, rotation
+-10 degrees, brightness +-0.1, contrast 0.85-1.15, gamma, noise sigma 2 gray levels; CLAHE
left out), the weights of the best validation AUROC epoch, evaluated on test.
Prints "test_auroc seconds"."""
import math
import sys
import time

import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as TF
from PIL import Image

npz, epochs, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
torch.manual_seed(seed)
np.random.seed(seed)
t_start = time.perf_counter()
data = np.load(npz)


def upscale(images):
    return np.stack([np.asarray(Image.fromarray(im).resize((size, size), Image.BILINEAR)) for im in images])


x = {s: upscale(data[f"{s}_images"]) for s in ("train", "val", "test")}
y = {s: data[f"{s}_labels"].reshape(-1).astype(np.float32) for s in ("train", "val", "test")}
sample = x["train"][:512].astype(np.float64) / 255
mean, std = sample.mean(), sample.std()


def auroc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    s = scores[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    pos = labels > 0.5
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return (r[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


rng = np.random.default_rng(seed)


def augment(im):
    t = torch.from_numpy(im).float().unsqueeze(0) / 255
    area = rng.uniform(0.8, 1.0) * size * size
    ratio = math.exp(rng.uniform(-math.log(1.15), math.log(1.15)))
    w = max(1, min(size, round(math.sqrt(area * ratio))))
    h = max(1, min(size, round(math.sqrt(area / ratio))))
    top, left = rng.integers(0, size - h + 1), rng.integers(0, size - w + 1)
    t = TF.resized_crop(t, int(top), int(left), h, w, [size, size], antialias=True)
    t = TF.rotate(t, float(rng.uniform(-10, 10)), interpolation=TF.InterpolationMode.BILINEAR)
    t = ((t - 0.5) * rng.uniform(0.85, 1.15) + 0.5 + rng.uniform(-0.1, 0.1)).clamp(0, 1)
    t = t ** math.exp(rng.uniform(-0.15, 0.15))
    t = (t + torch.from_numpy(rng.normal(0, 2 / 255, t.shape)).float()).clamp(0, 1)
    return (t - mean) / std


def plain(im):
    return (torch.from_numpy(im).float().unsqueeze(0) / 255 - mean) / std


model = torchvision.models.resnet18(num_classes=1)
model.conv1 = torch.nn.Conv2d(1, 64, 7, 2, 3, bias=False)
batch = 32
steps_per_epoch = len(x["train"]) // batch
total, warmup = steps_per_epoch * epochs, steps_per_epoch
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
sched = torch.optim.lr_scheduler.LambdaLR(
    opt, lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / (total - warmup))))
pos = y["train"].sum()
loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([(len(y["train"]) - pos) / pos]))


def predict(split):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x[split]), 128):
            xb = torch.stack([plain(im) for im in x[split][i:i + 128]])
            out.append(torch.sigmoid(model(xb)).reshape(-1))
    return torch.cat(out).numpy()


best, best_state = -1.0, None
for epoch in range(epochs):
    model.train()
    order = rng.permutation(len(x["train"]))
    for k in range(steps_per_epoch):
        idx = order[k * batch:(k + 1) * batch]
        xb = torch.stack([augment(x["train"][i]) for i in idx])
        yb = torch.from_numpy(y["train"][idx]).unsqueeze(1)
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        sched.step()
    val = auroc(predict("val"), y["val"])
    print(f"epoch {epoch + 1}: val AUROC {val:.4f}", file=sys.stderr)
    if val > best:
        best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
model.load_state_dict(best_state)
print(f"{auroc(predict('test'), y['test']):.6f} {time.perf_counter() - t_start:.1f}")
