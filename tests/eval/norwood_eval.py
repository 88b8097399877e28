#!/usr/bin/env python3
"""Norwood evaluation: runs `smp analyze` over ../shared/photos/hairloss/ and
compares the reported stage with the dataset author's labels.

Prints: mean absolute error (levels), exact and within-one accuracy, the
Spearman correlation between scalp.bald_fraction and the label, the failure
count, and how the reported confidence relates to being right.

With --fit it also fits the loss score (the weights used in core/norwood.cpp:
equal weights on the standardised measures, then cut points) and reports
SUBJECT-GROUPED
cross-validation: photos of one person (file names start with a subject id,
and the set holds rotated copies of the same photo) never sit on both sides
of a split, so the figures are honest for people the fit has not seen.

It then runs the photos of the same kind from another source in
../shared/photos/misc/ (baldness_est__og_group1..4, sorted into four groups
along the Norwood scale by another project) and prints how the stage ranks
against those groups: a check on photos nothing was fitted or tuned on.

Usage: python3 tests/eval/norwood_eval.py [--smp build/native/bin/smp]
           [--photos ../shared/photos/hairloss] [--misc ../shared/photos/misc]
           [--fit] [--jobs 2]
python3 standard library only.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The measurements core/norwood.cpp weighs (scalp.* in the analysis JSON) and
# the direction each moves with hair loss: how thick the hair lies, how much
# there is, and how much the scalp shows through it.
SIGNS = {"hair_depth": -1, "mean_density": -1, "shows_through": +1}
FEATURES = list(SIGNS)


def run_one(smp, path):
    try:
        out = subprocess.run([smp, "analyze", path], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if out.returncode != 0:
        return None, out.stderr.strip() or f"exit {out.returncode}"
    try:
        return json.loads(out.stdout), None
    except json.JSONDecodeError as e:
        return None, f"bad json: {e}"


def load_labels(photos):
    rows = []
    with open(os.path.join(photos, "labels.tsv")) as f:
        next(f)
        for line in f:
            name, view, level = line.rstrip("\n").split("\t")
            rows.append({"file": name, "view": view, "label": int(level),
                         "subject": name.split("-")[0]})
    return rows


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = math.sqrt(sum((x - ma) ** 2 for x in ra))
    vb = math.sqrt(sum((y - mb) ** 2 for y in rb))
    return cov / (va * vb) if va and vb else 0.0


def metrics(pred, truth):
    n = len(truth)
    err = [abs(p - t) for p, t in zip(pred, truth)]
    return {"n": n, "mae": sum(err) / n, "exact": sum(e == 0 for e in err) / n,
            "within1": sum(e <= 1 for e in err) / n}


def fmt(m):
    # One decimal and the count: 79.5 % must not print as "80 %".
    return (f"MAE {m['mae']:.3f} levels, exact {100 * m['exact']:.1f}%, "
            f"within one {100 * m['within1']:.1f}% ({round(m['within1'] * m['n'])} of {m['n']})")


def feature_vector(r):
    return [r["features"][k] for k in FEATURES] + [1.0]


def fit(rows):
    """Equal weights on the standardised measures, no weight fitted per
    measure: each is divided by its spread over `rows` and signed by
    SIGNS, and the mean of the three is mapped onto the level scale by a 1-D
    least squares (scale and offset only, so the score reads in levels).
    With ~17 subject ids, per-measure weights fitted by least squares follow a
    few subjects' photos and carried over worse (docs/analysis.md)."""
    n = len(rows)
    mean = {k: sum(r["features"][k] for r in rows) / n for k in FEATURES}
    sd = {k: math.sqrt(sum((r["features"][k] - mean[k]) ** 2 for r in rows) / n) or 1.0 for k in FEATURES}
    z = [sum(SIGNS[k] * (r["features"][k] - mean[k]) / sd[k] for k in FEATURES) / len(FEATURES) for r in rows]
    y = [r["label"] for r in rows]
    mz, my = sum(z) / n, sum(y) / n
    vz = sum((a - mz) ** 2 for a in z)
    beta = sum((a - mz) * (b - my) for a, b in zip(z, y)) / vz if vz else 0.0
    alpha = my - beta * mz
    w = [beta * SIGNS[k] / (len(FEATURES) * sd[k]) for k in FEATURES]
    return w + [alpha - sum(wi * mean[k] for wi, k in zip(w, FEATURES))]


def score_of(w, r):
    return sum(wi * xi for wi, xi in zip(w, feature_vector(r)))


def fit_cuts(scores, labels):
    """Monotone cut points on a 1-D score minimising the absolute error
    (L1 isotonic regression onto the integer stages 1..7, by dynamic
    programming over the sorted scores)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    stages = range(1, 8)
    inf = float("inf")
    cost = {k: 0.0 for k in stages}
    back = []
    for i in order:
        best_prev, new, ptr = inf, {}, {}
        for k in stages:
            prev_k = min((j for j in stages if j <= k), key=lambda j: cost[j])
            new[k] = cost[prev_k] + abs(k - labels[i])
            ptr[k] = prev_k
        back.append(ptr)
        cost = new
    k = min(stages, key=lambda j: cost[j])
    assign = [0] * len(order)
    for pos in range(len(order) - 1, -1, -1):
        assign[pos] = k
        k = back[pos][k]
    cuts = []
    for stage in range(1, 7):
        below = [scores[order[p]] for p in range(len(order)) if assign[p] <= stage]
        above = [scores[order[p]] for p in range(len(order)) if assign[p] > stage]
        if not above:
            cuts.append(float("inf"))
        elif not below:
            cuts.append(float("-inf"))
        else:
            cuts.append((max(below) + min(above)) / 2)
    return cuts


# Narrowest band of score (levels) a stage gets: with two labelled people at
# Norwood 3 the L1-optimal cuts give it none, and a widget that can never say
# "3" is not staging. Costs 0.05 levels leave-one-out (docs/analysis.md).
MIN_BAND = 0.3


def widen(cuts, band=MIN_BAND):
    """Moves coinciding or too-close cuts apart about their middle."""
    c = list(cuts)
    for i in range(1, len(c)):
        if c[i - 1] > float("-inf") and c[i] - c[i - 1] < band:
            mid = (c[i] + c[i - 1]) / 2
            c[i - 1], c[i] = mid - band / 2, mid + band / 2
    return c


def model_fit(rows):
    w = fit(rows)
    cuts = widen(fit_cuts([score_of(w, r) for r in rows], [r["label"] for r in rows]))
    return w, cuts


def predict(model, r):
    w, cuts = model
    s = score_of(w, r)
    return 1 + sum(s > c for c in cuts)


def halvings(rows, repeats=20, seed=7):
    """The random halvings of the subjects the 2-fold CV uses (the same ones
    for every build compared)."""
    subjects = sorted({r["subject"] for r in rows}, key=int)
    rng = random.Random(seed)
    out = []
    for _ in range(repeats):
        s = subjects[:]
        rng.shuffle(s)
        out.append(set(s[: len(s) // 2]))
    return out


def two_fold_predictions(rows, half):
    """Each half predicted by a model fitted on the other: one per row."""
    pred = [0] * len(rows)
    for test_half in (True, False):
        train = [r for r in rows if (r["subject"] in half) != test_half]
        m = model_fit(train)
        for i, r in enumerate(rows):
            if (r["subject"] in half) == test_half:
                pred[i] = predict(m, r)
    return pred


def loso_predictions(rows):
    """Each subject's photos predicted by a model fitted on everyone else's."""
    pred = [0] * len(rows)
    for s in {r["subject"] for r in rows}:
        m = model_fit([r for r in rows if r["subject"] != s])
        for i, r in enumerate(rows):
            if r["subject"] == s:
                pred[i] = predict(m, r)
    return pred


def grouped_cv(rows, repeats=20, seed=7):
    """Two-fold subject-grouped CV, repeated over random halvings of the subjects,
    plus leave-one-subject-out."""
    truth = [r["label"] for r in rows]
    runs = [metrics(two_fold_predictions(rows, half), truth) for half in halvings(rows, repeats, seed)]
    avg = {k: sum(m[k] for m in runs) / len(runs) for k in ("mae", "exact", "within1")}
    avg["n"] = runs[0]["n"]
    worst = max(runs, key=lambda m: m["mae"])
    pred = loso_predictions(rows)
    return avg, worst, metrics(pred, truth), subject_bootstrap(pred, truth, [r["subject"] for r in rows])


def resampled_people(items, subj, draws, seed):
    """Other people like these: per draw, the subjects resampled with
    replacement, their items kept together (photos of one person are not
    independent), pooled into one list."""
    by = {}
    for item, s in zip(items, subj):
        by.setdefault(s, []).append(item)
    ids = sorted(by)
    rng = random.Random(seed)
    for _ in range(draws):
        yield [item for s in (rng.choice(ids) for _ in ids) for item in by[s]]


def subject_bootstrap(pred, truth, subj, draws=2000, seed=11):
    """How far the leave-one-subject-out figures could move with other people:
    the 5th and 95th percentiles of MAE and within-one over the draws."""
    draws_mw = [(sum(abs(p - t) for p, t in pairs) / len(pairs), sum(abs(p - t) <= 1 for p, t in pairs) / len(pairs))
                for pairs in resampled_people(list(zip(pred, truth)), subj, draws, seed)]
    maes = sorted(m for m, _ in draws_mw)
    w1s = sorted(w for _, w in draws_mw)
    lo, hi = int(0.05 * draws), int(0.95 * draws) - 1
    return {"mae": (maes[lo], maes[hi]), "within1": (w1s[lo], w1s[hi]),
            "p_mae": sum(m <= 0.8 for m in maes) / draws, "p_within1": sum(w >= 0.8 for w in w1s) / draws}


def unseen_groups(smp, misc, jobs, title="Unseen photos from another source"):
    """Photos of the same kind from another source, never used to fit or
    tune anything: misc/baldness_est__og_groupG_*, which the
    SquashKiwi/pattern-baldness-cost-estimation project sorted into four
    groups along the Norwood scale (1 least, 4 most hair loss). The groups
    are coarse and not Norwood levels, so only the ranking is compared."""
    names = sorted(f for f in os.listdir(misc) if f.startswith("baldness_est__og_group")) if os.path.isdir(misc) else []
    if not names:
        return
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        results = list(ex.map(lambda f: run_one(smp, os.path.join(misc, f)), names))
    rows = []
    for f, (res, err) in zip(names, results):
        if res is None:
            print(f"  failure: {f}: {err}")
            continue
        rows.append((int(f[len("baldness_est__og_group")]), res["norwood"]["stage"],
                     float(res["scalp"]["bald_fraction"]), res["norwood"]["confidence"], f))
    groups = [r[0] for r in rows]
    print(f"\n{title} ({len(rows)} in misc/, four groups along the Norwood scale):")
    for g in sorted(set(groups)):
        sub = [r for r in rows if r[0] == g]
        print(f"  group {g}: stage@confidence " + " ".join(f"{r[1]}@{r[3]:.2f}" for r in sub)
              + f" (mean stage {sum(r[1] for r in sub) / len(sub):.1f})")
    print(f"  Spearman(stage, group) = {spearman([r[1] for r in rows], groups):.2f}, "
          f"Spearman(bald_fraction, group) = {spearman([r[2] for r in rows], groups):.2f}")
    # Groups 3 and 4 are thinning and bald tops: stage 3 or less there is
    # read far too low, and must not come with confidence.
    low = [r for r in rows if r[0] >= 3 and r[1] <= 3]
    print(f"  groups 3-4 staged 3 or less: {len(low)} of {sum(g >= 3 for g in groups)}, "
          f"{sum(r[3] >= 0.5 for r in low)} of them with confidence >= 0.5")


def analyse_all(smp, photos, rows, jobs):
    """Runs `smp analyze` on every labelled photo: (analysed rows, failures)."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        results = list(ex.map(lambda r: run_one(smp, os.path.join(photos, r["file"])), rows))
    ok, failures = [], []
    for r, (res, err) in zip(rows, results):
        if res is None or not isinstance(res.get("norwood", {}).get("stage"), int):
            failures.append((r["file"], err or "no stage"))
            continue
        sc = res["scalp"]
        r = dict(r)
        r["stage"] = res["norwood"]["stage"]
        r["confidence"] = res["norwood"]["confidence"]
        r["score"] = res["norwood"].get("score", r["stage"])
        r["view_found"] = res["view"]
        r["ms"] = res["timings_ms"].get("total", 0)
        r["features"] = {k: float(sc.get(k, 0) or 0) for k in FEATURES}
        r["bald_fraction"] = float(sc.get("bald_fraction", 0) or 0)
        ok.append(r)
    return ok, failures


def compare(base, other, draws=2000, seed=11):
    """Is `other` (rows from another build) better than `base` for unseen
    people, or within what another choice of people would move? Both are
    refitted and cross-validated on the same subjects and the same halvings;
    the differences (other minus base) are paired per photo, and subjects are
    resampled to see how far they could move."""
    files = {r["file"] for r in base} & {r["file"] for r in other}
    a = sorted((r for r in base if r["file"] in files), key=lambda r: r["file"])
    b = sorted((r for r in other if r["file"] in files), key=lambda r: r["file"])
    truth = [r["label"] for r in a]
    pa, pb = loso_predictions(a), loso_predictions(b)
    ea = [abs(p - t) for p, t in zip(pa, truth)]
    eb = [abs(p - t) for p, t in zip(pb, truth)]
    n = len(truth)
    print(f"\nAgainst the other build ({n} photos in both; other minus this, so below 0 means the other is better):")
    dm = (sum(eb) - sum(ea)) / n
    dw = (sum(e <= 1 for e in eb) - sum(e <= 1 for e in ea)) / n
    dms, dws = [], []
    for pairs in resampled_people(list(zip(ea, eb)), [r["subject"] for r in a], draws, seed):
        dms.append(sum(y - x for x, y in pairs) / len(pairs))
        dws.append(sum((y <= 1) - (x <= 1) for x, y in pairs) / len(pairs))
    dms.sort()
    dws.sort()
    lo, hi = int(0.05 * draws), int(0.95 * draws) - 1
    print(f"  leave one subject out: MAE {sum(ea) / n:.3f} -> {sum(eb) / n:.3f} ({dm:+.3f}, 90% over people "
          f"{dms[lo]:+.3f} to {dms[hi]:+.3f}); within one {sum(e <= 1 for e in ea)} -> {sum(e <= 1 for e in eb)} "
          f"of {n} ({100 * dw:+.1f} points, {100 * dws[lo]:+.1f} to {100 * dws[hi]:+.1f})")
    runs = [(metrics(two_fold_predictions(a, half), truth), metrics(two_fold_predictions(b, half), truth))
            for half in halvings(a)]
    k = len(runs)
    ma, mb = ({key: sum(run[i][key] for run in runs) / k for key in ("mae", "within1")} for i in (0, 1))
    better = sum(ob["mae"] < oa["mae"] for oa, ob in runs)
    print(f"  2-fold, same {k} halvings: MAE {ma['mae']:.3f} -> {mb['mae']:.3f}, within one "
          f"{100 * ma['within1']:.1f}% -> {100 * mb['within1']:.1f}%; the other's MAE lower in {better} of {k}")
    moved = [(r["file"], r["label"], x, y) for r, x, y in zip(a, pa, pb) if x != y]
    print(f"  leave-one-out stage changed on {len(moved)} photos (label: this -> other):")
    for f, label, x, y in moved:
        print(f"    {label}: {x} -> {y}  {f[:40]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--smp", default=os.path.join(ROOT, "build", "native", "bin", "smp"))
    ap.add_argument("--photos", default=os.path.join(ROOT, "..", "shared", "photos", "hairloss"))
    ap.add_argument("--misc", default=os.path.join(ROOT, "..", "shared", "photos", "misc"),
                    help="where the unseen og_group photos are")
    ap.add_argument("--fit", action="store_true", help="refit the score weights with grouped CV")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="one line per photo")
    ap.add_argument("--against", metavar="OTHER_SMP",
                    help="also run another build and compare the two for unseen people (implies --fit)")
    args = ap.parse_args()
    if not os.path.isdir(args.photos):
        print(f"SKIP: {args.photos} is absent")
        return 0
    if not os.access(args.smp, os.X_OK):
        print(f"error: {args.smp} not built (pass --smp)", file=sys.stderr)
        return 2

    if args.against and not os.access(args.against, os.X_OK):
        print(f"error: {args.against} is not an executable", file=sys.stderr)
        return 2
    rows = load_labels(args.photos)
    ok, failures = analyse_all(args.smp, args.photos, rows, args.jobs)
    print(f"photos: {len(rows)}, analysed: {len(ok)}, failures: {len(failures)}")
    for f, e in failures:
        print(f"  failure: {f}: {e}")
    if not ok:
        return 1
    if args.verbose:
        for r in sorted(ok, key=lambda r: (r["label"], r["file"])):
            f = r["features"]
            print(f"  {r['label']} -> {r['stage']} (score {r['score']:.2f}, conf {r['confidence']:.2f}) "
                  f"{r['view']:8s} {r['view_found']:8s} bald {r['bald_fraction']:.2f} "
                  + " ".join(f"{k} {v:.2f}" for k, v in f.items()) + f"  {r['file'][:40]}")

    truth = [r["label"] for r in ok]
    print("\nAs shipped (core/norwood.cpp):")
    print("  all      " + fmt(metrics([r["stage"] for r in ok], truth)))
    for view in ("Front", "Top-Down"):
        sub = [r for r in ok if r["view"] == view]
        print(f"  {view:8s} " + fmt(metrics([r["stage"] for r in sub], [r["label"] for r in sub])))
    print(f"  Spearman(bald_fraction, label) = {spearman([r['bald_fraction'] for r in ok], truth):.3f}")
    print(f"  Spearman(score, label)         = {spearman([r['score'] for r in ok], truth):.3f}")
    hi = [r for r in ok if r["confidence"] >= 0.5]
    lo = [r for r in ok if r["confidence"] < 0.5]
    for name, sub in (("confidence >= 0.5", hi), ("confidence <  0.5", lo)):
        if sub:
            print(f"  {name}: " + fmt(metrics([r["stage"] for r in sub], [r["label"] for r in sub])))
    agree = sum((r["view"] == "Front") == (r["view_found"] in ("front", "portrait")) for r in ok)
    print(f"  view: labelled Front/Top-Down vs found front-or-portrait/top: {agree} of {len(ok)} agree")
    bad_confident = [r for r in ok if r["confidence"] >= 0.5 and abs(r["stage"] - r["label"]) >= 2]
    print(f"  confident (>= 0.5) and off by 2+ levels: {len(bad_confident)}")
    ms = sorted(r["ms"] for r in ok)
    print(f"  analysis time per photo (ms, working size of these 640 px photos): "
          f"median {ms[len(ms) // 2]:.1f}, max {ms[-1]:.1f}")

    unseen_groups(args.smp, args.misc, args.jobs)

    if args.fit or args.against:
        m = model_fit(ok)
        print("\nRefit on all photos (features: " + ", ".join(FEATURES) + ", intercept):")
        print("  weights " + ", ".join(f"{x:.4f}" for x in m[0]))
        print("  cuts    " + ", ".join(f"{x:.4f}" for x in m[1]))
        print("  in-sample " + fmt(metrics([predict(m, r) for r in ok], truth)))
        avg, worst, loso, boot = grouped_cv(ok)
        n_subj = len({r['subject'] for r in ok})
        print(f"Subject-grouped cross-validation ({n_subj} subject ids):")
        print("  2-fold, mean of 20 splits  " + fmt(avg))
        print("  2-fold, worst split        " + fmt(worst))
        print("  leave one subject out      " + fmt(loso))
        print(f"  ... 90% interval over people (subjects resampled): MAE {boot['mae'][0]:.2f}-{boot['mae'][1]:.2f}, "
              f"within one {100 * boot['within1'][0]:.0f}-{100 * boot['within1'][1]:.0f}%; "
              f"MAE <= 0.8 in {100 * boot['p_mae']:.0f}% of draws, within one >= 80% in {100 * boot['p_within1']:.0f}%")
    if args.against:
        other, other_failures = analyse_all(args.against, args.photos, rows, args.jobs)
        for f, e in other_failures:
            print(f"  failure (other build): {f}: {e}")
        compare(ok, other)
        unseen_groups(args.against, args.misc, args.jobs, "The other build on the unseen photos")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
