"""Pillow peer for bench/standardize: the same decode -> gray -> letterbox resize -> PNG encode
as MedLoom's standardize step, single-threaded, on the same list of files. Prints seconds and a
checksum of the output sizes so both sides can be seen to do the same work."""
import io
import sys
import time

from PIL import Image

SIZE = 224


def standardize(path):
    im = Image.open(path)
    im = im.convert("L")
    w, h = im.size
    scale = SIZE / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    im = im.resize((nw, nh), Image.BILINEAR)
    canvas = Image.new("L", (SIZE, SIZE), 0)
    canvas.paste(im, ((SIZE - nw) // 2, (SIZE - nh) // 2))
    out = io.BytesIO()
    canvas.save(out, format="PNG", compress_level=4)  # the zlib level MedLoom writes
    return len(out.getvalue())


def main():
    paths = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = None
    total_bytes = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        total_bytes = sum(standardize(p) for p in paths)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"{len(paths)} {best:.4f} {total_bytes}")


if __name__ == "__main__":
    main()
