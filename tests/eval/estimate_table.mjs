#!/usr/bin/env node
// estimate_table.mjs - `smp estimate --photo` over the real photos in
// ../shared/photos/, printed as a table, plus whether the estimate follows the
// analysed stage (higher stage -> higher estimate) and, on the labelled
// hair-loss photos, how far that stage is from the label.
//
//   node tests/eval/estimate_table.mjs [--pricing uk|us|FILE] [--set misc|hairloss|all] [--limit N]
//   SMP_CLI=build/native-estimate/bin/smp node tests/eval/estimate_table.mjs
//
// Photos are read where they are, never copied. Exits 0 with a note when the
// folder is absent.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PHOTOS = path.resolve(ROOT, '../shared/photos');
const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const pricing = opt('--pricing', 'uk');
const set = opt('--set', 'all');
const limit = Number(opt('--limit', '0'));
const cli = process.env.SMP_CLI || ['build/native/bin/smp', 'build/native-estimate/bin/smp']
  .map((p) => path.join(ROOT, p)).find((p) => fs.existsSync(p));

if (!fs.existsSync(PHOTOS)) { console.log(`skip: ${PHOTOS} is absent`); process.exit(0); }
if (!cli) { console.error('error: no smp build; run scripts/build.sh native or set SMP_CLI'); process.exit(2); }

function tsv(file) {
  const [head, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

// Portraits and top views with their ground truth: the manifest's hair state
// (misc) or the dataset's Norwood label (hairloss).
function photos() {
  const out = [];
  if (set !== 'hairloss' && fs.existsSync(path.join(PHOTOS, 'misc/MANIFEST.tsv')))
    for (const r of tsv(path.join(PHOTOS, 'misc/MANIFEST.tsv')))
      if (['front', 'top'].includes(r.view)) out.push({ file: `misc/${r.file}`, view: r.view, truth: r.hair_state });
  if (set !== 'misc' && fs.existsSync(path.join(PHOTOS, 'hairloss/labels.tsv')))
    for (const r of tsv(path.join(PHOTOS, 'hairloss/labels.tsv')))
      out.push({ file: `hairloss/${r.file}`, view: r.view.toLowerCase(), truth: `NW${r.norwood_level}`, norwood: Number(r.norwood_level) });
  return limit > 0 ? out.slice(0, limit) : out;
}

function estimate(extra) {
  try {
    return JSON.parse(execFileSync(cli, ['estimate', ...extra, '--pricing', pricing], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    return { error: String(e.stderr || e.message).trim().replace(/^error: /, '') };
  }
}

// Spearman rank correlation (ties get their mean rank).
function spearman(xs, ys) {
  const rank = (v) => {
    const idx = v.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
    const r = new Array(v.length);
    for (let i = 0; i < idx.length;) {
      let j = i;
      while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
      for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const a = rank(xs), b = rank(ys), n = xs.length;
  const ma = a.reduce((s, x) => s + x, 0) / n, mb = b.reduce((s, x) => s + x, 0) / n;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) { num += (a[i] - ma) * (b[i] - mb); da += (a[i] - ma) ** 2; db += (b[i] - mb) ** 2; }
  return da && db ? num / Math.sqrt(da * db) : NaN;
}

const pad = (s, n) => String(s).slice(0, n).padEnd(n);
const cols = [['photo', 44], ['view', 8], ['truth', 9], ['area cm2', 9], ['source', 8], ['NW', 3], ['sessions', 9],
  ['h/session', 9], ['cost low-high (typ)', 24], ['10y typ', 8]];
console.log(`smp estimate --photo, pricing ${pricing}, CLI ${path.relative(ROOT, cli)}\n`);
console.log(cols.map(([h, n]) => pad(h, n)).join(' '));
const rows = [];
for (const p of photos()) {
  const e = estimate(['--photo', path.join(PHOTOS, p.file)]);
  if (e.error) {
    console.log(`${pad(p.file, 44)} ${pad(p.view, 8)} ${pad(p.truth, 9)} error: ${e.error}`);
    continue;
  }
  const c = e.cost;
  rows.push({ ...p, e });
  console.log([pad(p.file, 44), pad(p.view, 8), pad(p.truth, 9), pad(e.extent.area_cm2, 9), pad(e.extent.area_source, 8),
    pad(e.extent.norwood ?? '-', 3), pad(`${e.sessions.min}-${e.sessions.typical}-${e.sessions.max}`, 9),
    pad(`${e.hours_per_session.min}-${e.hours_per_session.max}`, 9),
    pad(`${c.currency} ${c.low}-${c.high} (${c.typical})`, 24), pad(e.ten_year_cost.typical, 8)].join(' '));
}

// A photo's extent is its analysed stage (a scar's outline aside).
const fromPhoto = rows.filter((r) => r.e.extent.stage_source === 'photo');
const unsure = fromPhoto.filter((r) => r.e.extent.stage_unsure);
console.log(`\n${rows.length} photos estimated, ${fromPhoto.length} from the stage read from the photo ` +
  `(${unsure.length} of them read with confidence under 0.5: the widget asks the client to choose).`);
if (fromPhoto.length >= 3) {
  const stage = fromPhoto.map((r) => r.e.extent.norwood ?? r.e.extent.ludwig), cost = fromPhoto.map((r) => r.e.cost.typical);
  let inversions = 0, pairs = 0;
  for (let i = 0; i < fromPhoto.length; i++)
    for (let j = 0; j < fromPhoto.length; j++)
      if (stage[j] > stage[i]) { pairs++; if (cost[j] < cost[i]) inversions++; }
  console.log(`stage -> typical cost: Spearman ${spearman(stage, cost).toFixed(2)}; ` +
    `${inversions} of ${pairs} higher-stage pairs cost less (0 expected).`);
  const labelled = fromPhoto.filter((r) => r.norwood);
  if (labelled.length >= 3) {
    const err = labelled.map((r) => Math.abs(r.e.extent.norwood - r.norwood));
    console.log(`dataset Norwood label -> the estimate's stage over ${labelled.length} photos: MAE ` +
      `${(err.reduce((a, b) => a + b, 0) / err.length).toFixed(3)}, within one ${err.filter((e) => e <= 1).length}` +
      `, Spearman ${spearman(labelled.map((r) => r.norwood), labelled.map((r) => r.e.extent.norwood)).toFixed(2)}.`);
  }
}
// The estimate at each dataset label, for comparison with the photo rows.
const labels = [...new Set(rows.filter((r) => r.norwood).map((r) => r.norwood))].sort();
if (labels.length) {
  console.log('\nreference: the estimate for the dataset labels themselves (--norwood N):');
  for (const n of labels) {
    const e = estimate(['--norwood', String(n)]);
    console.log(`  NW${n}: ${e.extent.area_cm2} cm2, sessions ${e.sessions.min}-${e.sessions.typical}-${e.sessions.max}, ` +
      `${e.cost.currency} ${e.cost.low}-${e.cost.high} (${e.cost.typical})`);
  }
}
