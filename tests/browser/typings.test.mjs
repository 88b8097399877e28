// The result types of web/smp.d.ts against what the bundle really returns.
// `tsc -p web/tsconfig.json` checks the JS against the typings, but the
// analysis, estimate and content objects are JSON written by the core, which
// tsc cannot see. Here the TypeScript compiler reads Analysis, Estimate and
// Content from smp.d.ts, and the objects the built bundle returns in
// Chromium (a real photo; an estimate with every optional input) must have
// exactly those fields, nested: none undeclared, none required missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, ROOT } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

/** The declared shape of an exported interface: {fields: {name: {optional, shape}}} or null for leaves. */
function declaredShapes(names) {
  const file = path.join(ROOT, 'web/smp.d.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = checker.getSymbolAtLocation(source);
  const exports = checker.getExportsOfModule(module);
  const shape = (type, depth = 0) => {
    if (depth > 8) return null;
    if (type.isUnion()) {
      const kept = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const objects = kept.filter((t) => t.flags & ts.TypeFlags.Object);
      return objects.length === 1 ? shape(objects[0], depth) : null;
    }
    if (checker.isTupleType(type)) return null;
    if (checker.isArrayType(type)) return { items: shape(checker.getTypeArguments(type)[0], depth + 1) };
    if (!(type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return null;
    if (checker.getIndexInfosOfType(type).length) return null;  // Record<string, number>: open by design
    const fields = {};
    for (const p of checker.getPropertiesOfType(type)) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      fields[p.getName()] = {
        optional: Boolean(p.flags & ts.SymbolFlags.Optional),
        shape: shape(checker.getTypeOfSymbolAtLocation(p, decl), depth + 1),
      };
    }
    return { fields };
  };
  const out = {};
  for (const name of names) {
    const sym = exports.find((s) => s.getName() === name);
    assert.ok(sym, `smp.d.ts exports ${name}`);
    out[name] = shape(checker.getDeclaredTypeOfSymbol(sym));
  }
  return out;
}

/** Every difference between a value and a declared shape, as 'path: problem' lines. */
function differences(value, shape, where) {
  if (!shape || value === null || value === undefined) return [];
  if ('items' in shape) {
    if (!Array.isArray(value)) return [`${where}: expected an array`];
    return value.flatMap((v, i) => differences(v, shape.items, `${where}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
  const out = [];
  for (const k of Object.keys(value)) if (!(k in shape.fields)) out.push(`${where}.${k}: returned but not declared`);
  for (const [k, f] of Object.entries(shape.fields)) {
    if (!(k in value)) { if (!f.optional) out.push(`${where}.${k}: declared but not returned`); continue; }
    out.push(...differences(value[k], f.shape, `${where}.${k}`));
  }
  return out;
}

test('smp.d.ts declares exactly the fields the bundle returns (Analysis, Estimate, Content)',
  { skip: !hasShared && 'no ../shared/photos' }, async () => {
    const declared = declaredShapes(['Analysis', 'Estimate', 'Content']);
    const { page, context, problems } = await h.openConsultationPage();
    const photos = ['misc/deepface__img18.jpg', 'hairloss/12-Top-Down_jpg.rf.4c2fa7d547865bbec23228ab46bef325.jpg'];
    for (const photo of photos) {
      const b64 = fs.readFileSync(path.join(SHARED_PHOTOS, photo)).toString('base64');
      const r = await page.evaluate(async (b64) => {
        const loaded = await window.__loadBytes(b64, 'photo.jpg', 'image/jpeg');
        const c = window.__c;
        return {
          analysis: loaded.analysis,
          estimates: [
            await c.estimate({}),
            await c.estimate({ norwood: 4, answers: ['keloid', 'pigment_allergy'], factors: ['dry_skin'], pricing: 'us', locale: 'es' }),
            await c.estimate({ goal: 'density', ludwig: 2 }),
            await c.estimate({ areaCm2: 90 }),
          ],
          content: [c.content('en'), c.content('es')],
          female: (c.setOptions({ female: true }), c.analysis),
        };
      }, b64);
      await page.evaluate(() => window.__c.setOptions({ female: false }));
      const diffs = [
        ...differences(r.analysis, declared.Analysis, `${photo} analysis`),
        ...differences(r.female, declared.Analysis, `${photo} analysis (female)`),
        ...r.estimates.flatMap((e, i) => differences(e, declared.Estimate, `estimate ${i}`)),
        ...r.content.flatMap((c, i) => differences(c, declared.Content, `content ${i}`)),
      ];
      assert.deepEqual([...new Set(diffs)], [], 'web/smp.d.ts and the returned objects differ');
    }
    assertClean(assert, problems);
    await context.close();
  });
