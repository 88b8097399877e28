#!/usr/bin/env python3
"""Analysis speed benchmark (native): runs `smp analyze PHOTO --bench N` over
every photo in ../shared/photos/ and prints the analysis time after decode
(median of N in-process runs, wall and CPU), grouped by working size, with the
ratio to a baseline measured in the same run (one read of every working
pixel, the floor for any per-pixel analysis). Goal: under 100 ms at the
default working size (1600 px long side).

Usage: python3 tests/eval/analysis_bench.py [--smp build/native/bin/smp] [--runs 5]
python3 standard library only. Runs one photo at a time (timings, not
throughput).
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def photos(root):
    for sub in sorted(os.listdir(root)):
        d = os.path.join(root, sub)
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                if f.lower().endswith((".jpg", ".jpeg", ".png", ".bmp", ".gif")):
                    yield os.path.join(d, f)


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smp", default=os.path.join(ROOT, "build", "native", "bin", "smp"))
    ap.add_argument("--photos", default=os.path.join(ROOT, "..", "shared", "photos"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not os.path.isdir(args.photos):
        print(f"SKIP: {args.photos} is absent")
        return 0
    rows, failures = [], 0
    for path in photos(args.photos):
        out = subprocess.run([args.smp, "analyze", path, "--bench", str(args.runs)],
                             capture_output=True, text=True, timeout=120)
        line = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""
        if out.returncode != 0 or not line.startswith("{"):
            failures += 1
            print(f"  failure: {path}: {out.stderr.strip()[:200]}")
            continue
        r = json.loads(line)
        r["file"] = os.path.relpath(path, args.photos)
        rows.append(r)
    print(f"photos: {len(rows)}, failures: {failures}, runs per photo: {args.runs}")
    groups = {
        "working long side 1600 (the default cap)": [r for r in rows if max(r["working"]) == 1600],
        "smaller photos (analysed at their own size)": [r for r in rows if max(r["working"]) < 1600],
        "all": rows,
    }
    for name, g in groups.items():
        if not g:
            continue
        wall = [r["analysis_ms"] for r in g]
        cpu = [r["analysis_cpu_ms"] for r in g]
        ratio = [r["analysis_ms"] / max(r["baseline_ms"], 1e-3) for r in g]
        print(f"{name}: n={len(g)}")
        print(f"  analysis wall ms: median {pct(wall, 0.5):.1f}, p90 {pct(wall, 0.9):.1f}, max {max(wall):.1f}")
        print(f"  analysis CPU ms:  median {pct(cpu, 0.5):.1f}, p90 {pct(cpu, 0.9):.1f}, max {max(cpu):.1f}")
        print(f"  ratio to the one-pass baseline: median {pct(ratio, 0.5):.0f}x")
    slow = [r for r in rows if max(r["working"]) <= 1600 and r["analysis_ms"] >= 100]
    print(f"photos at or over 100 ms: {len(slow)}" + "".join(f"\n  {r['file']}: {r['analysis_ms']:.0f} ms" for r in slow))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
