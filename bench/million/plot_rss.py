"""Plots rss.csv (seconds,rss_mb) as a small standalone SVG line chart: no plotting library
needed."""
import csv
import sys


def main():
    src, dst, title = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = [(float(r["seconds"]), float(r["rss_mb"])) for r in csv.DictReader(open(src))]
    if not rows:
        raise SystemExit("no samples in " + src)
    w, h, left, bottom, top, right = 720, 360, 60, 40, 30, 20
    tmax = max(t for t, _ in rows) or 1
    ymax = max(2048, max(v for _, v in rows)) * 1.05
    x = lambda t: left + (w - left - right) * t / tmax
    y = lambda v: h - bottom - (h - bottom - top) * v / ymax
    pts = " ".join("%.1f,%.1f" % (x(t), y(v)) for t, v in rows)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">' % (w, h),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="18" font-size="13">%s</text>' % (left, title)]
    for v in range(0, int(ymax) + 1, 256):
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (left, w - right, y(v), y(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (left - 4, y(v) + 4, v))
    out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#c00" stroke-dasharray="4"/>' % (left, w - right, y(2048), y(2048)))
    out.append('<text x="%d" y="%.1f" fill="#c00" text-anchor="end">2 GB limit</text>' % (w - right, y(2048) - 4))
    step = max(60, int(tmax / 10 / 60 + 1) * 60)
    for t in range(0, int(tmax) + 1, step):
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%d min</text>' % (x(t), h - bottom + 16, t // 60))
    out.append('<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="%s"/>' % pts)
    out.append('</svg>')
    open(dst, "w").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
