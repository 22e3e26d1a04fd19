"""Pillow peer for bench/ingest: the per-image work of a MedLoom build, on 2 processes.

For every image: decode, convert to gray, letterbox to 224x224 (bilinear), encode PNG at zlib level
4; for BUSI-style items also read each mask, resize it nearest-neighbour the same way and
bounding-box it. Results are written as PNG files (Pillow has no Parquet writer here). Prints
`count seconds`."""
import io
import os
import sys
import time
from multiprocessing import Pool

from PIL import Image

SIZE = 224


def letterbox(im, resample):
    w, h = im.size
    s = SIZE / max(w, h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    im = im.resize((nw, nh), resample)
    canvas = Image.new(im.mode, (SIZE, SIZE), 0)
    canvas.paste(im, ((SIZE - nw) // 2, (SIZE - nh) // 2))
    return canvas


def work(job):
    path, masks, out = job
    im = letterbox(Image.open(path).convert("L"), Image.BILINEAR)
    buf = io.BytesIO()
    im.save(buf, format="PNG", compress_level=4)
    for m in masks:
        mk = letterbox(Image.open(m).convert("L").point(lambda v: 255 if v > 127 else 0), Image.NEAREST)
        mk.getbbox()
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    return 1


def main():
    jobs = []
    out_dir = sys.argv[2]
    for i, line in enumerate(open(sys.argv[1])):
        parts = line.rstrip("\n").split("\t")
        if parts and parts[0]:
            jobs.append((parts[0], parts[1:], os.path.join(out_dir, f"{i:07d}.png")))
    t0 = time.perf_counter()
    with Pool(2) as pool:
        n = sum(pool.imap_unordered(work, jobs, chunksize=8))
    print(f"{n} {time.perf_counter() - t0:.4f}")


if __name__ == "__main__":
    main()
