#!/usr/bin/python3
"""The current hairline on front views of bent heads, against hairlines read by
eye (tests/eval/data/front_hairlines.tsv): at the photo's middle column, the
row where the analysis's hairline (smp analyze: hairline.current) crosses it,
against the labelled row, as a share of the photo's height. Prints each photo,
the median |error|, the share within 5 %, how often a hairline is found where
one is labelled, and how often one is reported where the middle is bare, with
95 % intervals that resample people: for all photos and for the held-out batch
(see the labels file).

Usage: tests/eval/front_hairline.py [path/to/smp]   (default build/native/bin/smp)
Skips when ../shared/photos is absent.
"""
import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from train_stage import bootstrap  # noqa: E402  (the person-resampled interval the stage figures use)

PHOTOS = os.path.join(ROOT, "..", "shared", "photos", "hairloss-train")
LABELS = os.path.join(ROOT, "tests", "eval", "data", "front_hairlines.tsv")


def midline_row(hairline, x):
    """The polyline's height at column x, between the vertices that straddle it."""
    for (px, py), (qx, qy) in zip(hairline, hairline[1:]):
        if (px - x) * (qx - x) > 0 or px == qx:
            continue
        return py + (x - px) / (qx - px) * (qy - py)
    return None


def main():
    smp = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "native", "bin", "smp")
    if not os.path.isdir(PHOTOS):
        print("skip: no ../shared/photos/hairloss-train")
        return
    rows = [line.rstrip("\n").split("\t") for line in open(LABELS) if not line.startswith("#")][1:]
    results = []  # (batch, person, label, row)
    print(f"{'photo':58s} {'Norwood':>7s} {'batch':>5s} {'label':>6s} {'found':>6s} {'error':>7s}")
    for file, person, norwood, label, batch in rows:
        out = subprocess.run([smp, "analyze", os.path.join(PHOTOS, file)], capture_output=True, text=True)
        a = json.loads(out.stdout) if out.returncode == 0 else None
        row = None
        if a:
            w, h = a["image"]["width"], a["image"]["height"]
            y = midline_row(a["hairline"]["current"], w / 2)
            row = None if y is None else y / h
        results.append((batch, person, label, row))
        shown = "-" if row is None else f"{row:.2f}"
        err = "" if label == "none" or row is None else f"{100 * (row - float(label)):+6.1f}%"
        print(f"{file:58s} {norwood:>7s} {batch:>5s} {label:>6s} {shown:>6s} {err:>7s}")
    summarise("all photos", results)
    summarise("held-out batch 2", [r for r in results if r[0] == "2"])


def summarise(title, results):
    rng = np.random.default_rng(1)
    labelled = [r for r in results if r[2] != "none"]
    people = np.array([r[1] for r in labelled])
    # A missing hairline counts as an error of the whole height.
    errors = np.array([abs(r[3] - float(r[2])) if r[3] is not None else 1.0 for r in labelled])
    false_lines = [r[3] is not None for r in results if r[2] == "none"]
    print(f"{title}:")
    if len(errors):
        med = np.median(errors)
        lo, hi = bootstrap(people, errors, np.median, rng)
        w5 = np.mean(errors <= 0.05)
        w5lo, w5hi = bootstrap(people, errors, lambda v: np.mean(v <= 0.05), rng)
        found = sum(r[3] is not None for r in labelled)
        print(f"  {len(errors)} photos with a labelled hairline (missing counts as error 1):")
        print(f"    median |error| / height   {100 * med:5.1f}%  [{100 * lo:.1f}, {100 * hi:.1f}]")
        print(f"    within 5 % of the height  {100 * w5:5.1f}%  [{100 * w5lo:.1f}, {100 * w5hi:.1f}]")
        print(f"    found                     {found} of {len(errors)}")
    print(f"  {len(false_lines)} photos bare at the middle: a hairline reported on {sum(false_lines)}")


if __name__ == "__main__":
    main()
