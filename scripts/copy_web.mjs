#!/usr/bin/env node
// copy_web.mjs - copies web/ into the bundle folder, the .js files without
// their comments. web/*.js carry JSDoc types for `tsc -p web/tsconfig.json`
// (and the reasons behind the code); host pages need neither. TypeScript's
// own printer (the pinned devDependency) re-emits each file with
// removeComments, target ESNext: nothing is transformed or down-levelled, so
// the code runs as written. Other files are copied as they are.
//   node scripts/copy_web.mjs OUT_DIR FILE...
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const [out, ...files] = process.argv.slice(2);
if (!out || !files.length) {
  console.error('usage: copy_web.mjs OUT_DIR FILE...');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
for (const file of files) {
  const dest = path.join(out, path.basename(file));
  if (!file.endsWith('.js')) {
    fs.copyFileSync(file, dest);
    continue;
  }
  const source = fs.readFileSync(file, 'utf8');
  const r = ts.transpileModule(source, {
    fileName: path.basename(file),
    reportDiagnostics: true,
    compilerOptions: { allowJs: true, removeComments: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext },
  });
  if (r.diagnostics?.length) {
    for (const d of r.diagnostics) console.error(`${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    process.exit(1);
  }
  fs.writeFileSync(dest, r.outputText);
}
