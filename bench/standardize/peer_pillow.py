"""Pillow peer for bench/standardize: the same decode -> gray -> letterbox resize -> PNG encode
as MedLoom's standardize step, single-threaded, on the same list of files. Prints seconds and a
checksum of the output sizes so both sides can be seen to do the same work.

With --draft, a JPEG is first decoded at reduced scale with Pillow's draft() (libjpeg's DCT
scaling to 1/2, 1/4 or 1/8, and straight to gray), never so small that the longer side falls
under the target: the same rule MedLoom's reader follows.

With --decode-only, only decodes (open + load, after draft() when --draft is given) and prints
the decoded pixel count in place of the PNG bytes: the floor under any standardize step."""
import io
import sys
import time

from PIL import Image

SIZE = 224


def open_image(path, draft):
    im = Image.open(path)
    if draft and im.format == "JPEG":
        w, h = im.size
        longer = max(w, h)
        im.draft("L", (max(1, w * SIZE // longer), max(1, h * SIZE // longer)))
    return im


def decode(path, draft=False):
    im = open_image(path, draft)
    im.load()
    return im.size[0] * im.size[1]


def standardize(path, draft=False):
    im = open_image(path, draft)
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
    args = [a for a in sys.argv[1:] if a not in ("--draft", "--decode-only")]
    draft = "--draft" in sys.argv
    step = decode if "--decode-only" in sys.argv else standardize
    paths = [line.strip() for line in open(args[0]) if line.strip()]
    rounds = int(args[1]) if len(args) > 1 else 3
    best = None
    total_bytes = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        total_bytes = sum(step(p, draft) for p in paths)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"{len(paths)} {best:.4f} {total_bytes}")


if __name__ == "__main__":
    main()
