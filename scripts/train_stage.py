#!/usr/bin/python3
"""Trains the Norwood stage model (core/analysis/stage_model.h) and prints how well it
holds for people it has not seen.

Input: the rows printed by build/native/bin/stage_features [--augment] over
../shared/photos/hairloss-train (CC BY 4.0; 717 photos of 66 people, every
view, labelled Norwood 2-7). Model: ridge regression of the level on the
pooled features, standardised. With --augment rows, each photo's quarter
turns and mirror images join the training side of every split (the stage does
not depend on how the photo is turned), and only the photos as given are
scored.

Honesty:
- every split is by person (the `person` column): a person's other views and
  turned copies never sit on both sides;
- the ridge penalty is chosen inside each training split (nested), so the
  figures do not benefit from the choice;
- the outer cross-validation is repeated over several person shuffles, and
  the 95 % intervals resample people (bootstrap over subjects).

Writes core/analysis/stage_weights.h (with --write): the model fitted on all photos,
standardisation folded into the weights, and the cross-validated residual
spread that turns a score into a confidence.

Usage: scripts/train_stage.py ROWS.tsv [--write core/analysis/stage_weights.h]
Needs numpy (Debian: python3-numpy, pulled in by python3-torch).
"""
import argparse
import math
import sys

import numpy as np

PENALTIES = [10.0, 30.0, 100.0, 300.0, 1000.0]
OUTER_FOLDS, INNER_FOLDS, REPEATS, RESAMPLES = 11, 5, 5, 2000
FIRST_FEATURE = 20  # columns before it: labels, the analysis's stage and hand measures
HEAD_FRACTION = 18  # the column of the head's share of the frame
# Under this head share the analysis reports no head (kTinyHead in
# core/analysis/analysis.cpp) and the product asks the client for the stage
# instead of reading it, so such photos are neither trained on nor scored;
# how many there are is printed.
NO_HEAD = 0.005
MAIN_VIEWS = ("Front", "Top-Down")


def load(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    rows = [r for r in rows if len(r) > FIRST_FEATURE and r[2].strip().isdigit()]
    view = np.array([r[1] for r in rows])
    level = np.array([float(r[2]) for r in rows])
    person = np.array([r[3] for r in rows])
    copy = np.array([int(r[5]) for r in rows])
    head = np.array([float(r[HEAD_FRACTION]) for r in rows])
    x = np.array([[float(v) for v in r[FIRST_FEATURE:]] for r in rows])
    return view, level, person, copy, x, head


def fit(x, y, penalty):
    mu, sd = x.mean(0), x.std(0) + 1e-6
    z = (x - mu) / sd
    w = np.linalg.solve(z.T @ z + penalty * np.eye(z.shape[1]), z.T @ (y - y.mean()))
    return w / sd, y.mean() - (w / sd) @ mu  # weights on raw features, intercept


def folds(people, k, rng):
    return np.array_split(rng.permutation(people), k)


def choose_penalty(x, y, person, copy, rng):
    people = np.unique(person)
    err = {p: 0.0 for p in PENALTIES}
    for g in folds(people, INNER_FOLDS, rng):
        held = np.isin(person, g)
        te = held & (copy == 0)
        for p in PENALTIES:
            w, b = fit(x[~held], y[~held], p)
            err[p] += np.abs(x[te] @ w + b - y[te]).sum()
    return min(PENALTIES, key=lambda p: err[p])


def cross_validate(x, y, person, copy, seed):
    """Predictions for the photos as given (copy 0), each from a model that
    saw none of that person's photos or copies."""
    rng = np.random.default_rng(seed)
    pred = np.zeros(len(y))
    chosen = []
    for g in folds(np.unique(person), OUTER_FOLDS, rng):
        held = np.isin(person, g)
        p = choose_penalty(x[~held], y[~held], person[~held], copy[~held], rng)
        chosen.append(p)
        w, b = fit(x[~held], y[~held], p)
        pred[held] = x[held] @ w + b
    original = copy == 0
    return pred[original], chosen


def stage_of(score):
    return np.clip(np.rint(score), 1, 7)


def bootstrap(person, values, stat, rng):
    """95 % interval of stat(values) resampling people."""
    people = np.unique(person)
    index = {p: np.flatnonzero(person == p) for p in people}
    out = []
    for _ in range(RESAMPLES):
        pick = rng.choice(people, len(people))
        idx = np.concatenate([index[p] for p in pick])
        if len(idx):
            out.append(stat(values[idx]))
    return np.percentile(out, 2.5), np.percentile(out, 97.5)


def report(name, sel, y, pred, person, rng):
    err = np.abs(stage_of(pred[sel]) - y[sel])
    both = np.stack([err], 1)
    mae_lo, mae_hi = bootstrap(person[sel], both, lambda e: e[:, 0].mean(), rng)
    w1_lo, w1_hi = bootstrap(person[sel], both, lambda e: np.mean(e[:, 0] <= 1), rng)
    print(f"  {name:10s} {sel.sum():4d} photos {len(np.unique(person[sel])):3d} people  "
          f"MAE {err.mean():.2f} [{mae_lo:.2f}, {mae_hi:.2f}]  "
          f"within one {100 * np.mean(err <= 1):.1f}% [{100 * w1_lo:.1f}, {100 * w1_hi:.1f}]  "
          f"exact {100 * np.mean(err == 0):.1f}%")


def within_one_probability(score, sd):
    s = stage_of(score)
    cdf = lambda v: 0.5 * math.erfc(-(v - score) / (sd * math.sqrt(2)))
    return cdf(s + 1.5) - cdf(s - 1.5)


def write_header(path, w, b, sd, pair_sd, n_photos, n_people):
    with open(path, "w") as f:
        f.write("// stage_weights.h - generated by scripts/train_stage.py; do not edit.\n")
        f.write(f"// Ridge regression of the Norwood level on stage_model.h's features, fitted on\n")
        f.write(f"// {n_photos} photos of {n_people} people of the hair-loss dataset by uze on Roboflow\n")
        f.write("// Universe (CC BY 4.0).\n#pragma once\n\n#include <array>\n\nnamespace smp::stage_weights {\n\n")
        f.write(f"inline constexpr double kIntercept = {b:.9g};\n")
        f.write(f"// Cross-validated residual spread (levels): score minus the true level.\n")
        f.write(f"inline constexpr double kResidualSd = {sd:.6g};\n")
        f.write(f"// The same for the mean score of two photos of one person (a front and a top view).\n")
        f.write(f"inline constexpr double kResidualSdTwoViews = {pair_sd:.6g};\n")
        f.write(f"inline constexpr std::array<float, {len(w)}> kWeights = {{\n")
        for i in range(0, len(w), 6):
            f.write("    " + " ".join(f"{v:.9g}f," for v in w[i:i + 6]) + "\n")
        f.write("};\n\n}  // namespace smp::stage_weights\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rows")
    ap.add_argument("--write", help="path of the generated weights header")
    args = ap.parse_args()
    view, y, person, copy, x, head = load(args.rows)
    staged = head >= NO_HEAD
    if not staged.all():
        print(f"no head found (not staged; the product asks the client): "
              f"{int(np.sum(~staged & (copy == 0)))} photos of {len(np.unique(person[~staged]))} people")
        view, y, person, copy, x = view[staged], y[staged], person[staged], copy[staged], x[staged]
    copies = f", {len(y)} rows with turned and mirrored copies" if len(y) > np.sum(copy == 0) else ""
    print(f"stage model: {int(np.sum(copy == 0))} photos of {len(np.unique(person))} people{copies}, "
          f"{x.shape[1]} features")
    all_x, all_y, all_person, all_copy = x, y, person, copy
    original = copy == 0
    view, y, person = view[original], y[original], person[original]

    rng = np.random.default_rng(1234)
    figures = []
    preds = []
    for seed in range(REPEATS):
        pred, chosen = cross_validate(all_x, all_y, all_person, all_copy, seed)
        preds.append(pred)
        sel = np.isin(view, MAIN_VIEWS)
        e = np.abs(stage_of(pred) - y)
        figures.append((e[sel].mean(), np.mean(e[sel] <= 1), e.mean(), np.mean(e <= 1)))
    f = np.array(figures)
    print(f"person-grouped {OUTER_FOLDS}-fold CV, nested penalty choice, {REPEATS} shuffles "
          f"(mean [min, max] over shuffles):")
    print(f"  front+top  MAE {f[:, 0].mean():.3f} [{f[:, 0].min():.3f}, {f[:, 0].max():.3f}]  "
          f"within one {100 * f[:, 1].mean():.1f}% [{100 * f[:, 1].min():.1f}, {100 * f[:, 1].max():.1f}]")
    print(f"  all views  MAE {f[:, 2].mean():.3f} [{f[:, 2].min():.3f}, {f[:, 2].max():.3f}]  "
          f"within one {100 * f[:, 3].mean():.1f}% [{100 * f[:, 3].min():.1f}, {100 * f[:, 3].max():.1f}]")

    pred = preds[0]
    print("first shuffle, per view, with 95 % subject-bootstrap intervals:")
    report("front+top", np.isin(view, MAIN_VIEWS), y, pred, person, rng)
    for v in ["Front", "Top-Down", "Back", "Left", "Right"]:
        report(v, view == v, y, pred, person, rng)
    report("all", np.ones(len(y), bool), y, pred, person, rng)

    # A client who gives both a front and a top photo: the two scores averaged.
    pairs = []
    for p in np.unique(person):
        fronts = np.flatnonzero((person == p) & (view == "Front"))
        tops = np.flatnonzero((person == p) & (view == "Top-Down"))
        pairs += [(i, j) for i in fronts for j in tops]
    pair_sd = None
    if pairs:
        i, j = np.array(pairs).T
        pair_sd = float(np.sqrt(np.mean(((pred[i] + pred[j]) / 2 - y[i]) ** 2)))
        e = np.abs(stage_of((pred[i] + pred[j]) / 2) - y[i])
        both = np.stack([e], 1)
        lo, hi = bootstrap(person[i], both, lambda v: v[:, 0].mean(), rng)
        w_lo, w_hi = bootstrap(person[i], both, lambda v: np.mean(v[:, 0] <= 1), rng)
        print(f"  front+top pair of one person, scores averaged: {len(e)} pairs, MAE {e.mean():.2f} [{lo:.2f}, {hi:.2f}]  "
              f"within one {100 * np.mean(e <= 1):.1f}% [{100 * w_lo:.1f}, {100 * w_hi:.1f}]; residual sd {pair_sd:.3f}")

    # Baseline: always the median level of the training people.
    base = np.abs(np.median(y) - y)
    sel = np.isin(view, MAIN_VIEWS)
    print(f"  baseline (always {np.median(y):.0f}): front+top MAE {base[sel].mean():.2f}, "
          f"within one {100 * np.mean(base[sel] <= 1):.1f}%")

    # Confidence: the residual spread, checked for calibration on the CV predictions.
    resid = np.concatenate([p - y for p in preds])
    sd = float(np.sqrt(np.mean(resid ** 2)))
    conf = np.array([within_one_probability(s, sd) for s in pred])
    hit = np.abs(stage_of(pred) - y) <= 1
    print(f"confidence = P(within one) from residual sd {sd:.3f}; calibration (first shuffle):")
    for lo, hi in [(0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01)]:
        m = (conf >= lo) & (conf < hi)
        if m.any():
            print(f"  confidence {lo:.1f}-{min(hi, 1):.1f}: {m.sum():4d} photos, mean {conf[m].mean():.2f}, "
                  f"actually within one {hit[m].mean():.2f}")

    rng = np.random.default_rng(99)
    penalty = choose_penalty(all_x, all_y, all_person, all_copy, rng)
    w, b = fit(all_x, all_y, penalty)
    print(f"final fit on all photos: penalty {penalty:g}")
    if args.write:
        write_header(args.write, w, b, sd, pair_sd if pair_sd is not None else sd, len(y), len(np.unique(person)))
        print(f"wrote {args.write}")


if __name__ == "__main__":
    sys.exit(main())
