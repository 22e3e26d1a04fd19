"""Writes N distinct MedMNIST-size (28x28 gray) PNG files for the million-row build, in the
folder-source layout OUT/<class>/<NNNN>/m<NNNNNNN>.png (a thousand files per folder).

Each image is a blend of two real PneumoniaMNIST films (the base film's label names the class),
the second shifted and possibly mirrored, plus a little noise: real chest-film content with every
file different, so the build's exact-copy and near-duplicate passes see a realistic spread of
hashes rather than a million copies of 3,166 images. Seeded per folder of a thousand, so the first
100,000 files of a million are the files of a 100,000 run, and folder ranges can be written by
parallel processes:

    make_inputs.py NPZ OUT N [SEED] [FIRST_FOLDER] [END_FOLDER]

The PNGs are written directly (8-bit gray, filter 0, zlib level 6): Pillow's save costs more per
file than the pixels do."""
import os
import struct
import sys
import zlib

import numpy as np

SIDE = 28


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


HEAD = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIDE, SIDE, 8, 0, 0, 0, 0))
TAIL = chunk(b"IEND", b"")


def png(pixels):
    raw = np.zeros((SIDE, SIDE + 1), np.uint8)
    raw[:, 1:] = pixels
    return HEAD + chunk(b"IDAT", zlib.compress(raw.tobytes(), 6)) + TAIL


def main():
    npz, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    first = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    end = int(sys.argv[6]) if len(sys.argv) > 6 else (n + 999) // 1000
    z = np.load(npz)
    images = np.concatenate([z[k + "_images"] for k in ("train", "val", "test")]).astype(np.float32)
    labels = np.concatenate([z[k + "_labels"] for k in ("train", "val", "test")]).ravel()
    names = ["normal", "pneumonia"]
    m = len(images)
    for folder in range(first, min(end, (n + 999) // 1000)):
        rng = np.random.default_rng([seed, folder])
        k = min(1000, n - folder * 1000)
        a = rng.integers(0, m, k)
        b = rng.integers(0, m, k)
        alpha = rng.uniform(0.55, 0.85, k)[:, None, None]
        shifts = rng.integers(-6, 7, (k, 2))
        mirror = rng.random(k) < 0.5
        noise = rng.normal(0, 2.0, (k, SIDE, SIDE))
        for c in names:
            os.makedirs(os.path.join(out, c, "%04d" % folder), exist_ok=True)
        for t in range(k):
            other = np.roll(images[b[t]], tuple(shifts[t]), axis=(0, 1))
            if mirror[t]:
                other = other[:, ::-1]
            pix = alpha[t] * images[a[t]] + (1 - alpha[t]) * other + noise[t]
            pix = np.clip(pix, 0, 255).astype(np.uint8)
            i = folder * 1000 + t
            path = os.path.join(out, names[labels[a[t]]], "%04d" % folder, "m%07d.png" % i)
            with open(path, "wb") as f:
                f.write(png(pix))
        if folder % 100 == 0:
            print(folder * 1000, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
