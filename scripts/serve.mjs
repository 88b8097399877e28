#!/usr/bin/env node
// serve.mjs - a static server for the demo and the browser tests.
//
// Serves the repository root on 127.0.0.1 (default port 8080):
//   /                 -> examples/index.html (the demo)
//   /build/web/...    -> the browser bundle
//   /examples/...     -> the host pages
// Every response carries a strict Content-Security-Policy, so the pages are
// proven to work under the policy a careful clinic site would set.
// POST /test/lead stores the JSON body (a local stand-in for a clinic's lead
// endpoint); GET /test/leads returns what was stored.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

export function createServer({ root = ROOT } = {}) {
  const leads = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/test/lead' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => { body += c; if (body.length > 20e6) req.destroy(); });
      req.on('end', () => {
        try { leads.push(JSON.parse(body)); } catch { leads.push({ invalid: body.slice(0, 200) }); }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
      return;
    }
    if (url.pathname === '/test/leads') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(leads));
      return;
    }
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/') rel = '/examples/index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    // SMP_WEB_DIR serves another bundle folder as /build/web/ (parallel builds).
    const webDir = process.env.SMP_WEB_DIR;
    const file = webDir && rel.startsWith('/build/web/')
      ? path.join(path.resolve(root, webDir), path.normalize(rel.slice('/build/web/'.length)))
      : path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep) || file.includes('..')) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'content-security-policy': CSP,
        'cache-control': 'no-store',
      });
      res.end(data);
    });
  });
  server.leads = leads;
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  createServer().listen(port, '127.0.0.1', () => {
    console.log(`Serving the SMP demo on http://127.0.0.1:${port}/`);
  });
}
