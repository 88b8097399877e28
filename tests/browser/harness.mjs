// harness.mjs - shared set-up for the browser tests: the project's own static
// server on an ephemeral port and Debian's Chromium driven by playwright-core.
// Every page opened through openPage() records console errors, page errors
// and requests to any origin but the page's own.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_PHOTOS = path.resolve(ROOT, '../shared/photos');
export const hasShared = fs.existsSync(SHARED_PHOTOS);
export const SCREENSHOTS = path.join(ROOT, 'build', 'screenshots');
// The native CLI that browser results are compared with (SMP_CLI overrides,
// for parallel builds).
export const CLI = process.env.SMP_CLI || path.join(ROOT, 'build/native/bin/smp');
export const hasCli = fs.existsSync(CLI);

export async function startHarness() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  async function openPage(urlPath, { viewport = { width: 1280, height: 900 } } = {}) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
    page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) {
        problems.foreignRequests.push(u);
      }
    });
    await page.goto(origin + urlPath);
    return { page, context, problems };
  }

  /**
   * The demo page with a consultation as window.__c and
   * window.__loadBytes(base64, name, type): loads the bytes as a File and
   * resolves to {photo, analysis}, or to {code, message, isError} when it rejects.
   */
  async function openConsultationPage() {
    const opened = await openPage('/');
    await opened.page.evaluate(async () => {
      const { createConsultation } = await import('/build/web/smp.js');
      window.__c = await createConsultation();
      window.__loadBytes = async (b64, name = 'photo', type = '') => {
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        try {
          await window.__c.loadPhoto(new File([bytes], name, { type }));
          return { photo: window.__c.photo, analysis: window.__c.analysis };
        } catch (err) {
          return { code: err.code, message: err.message, isError: err instanceof Error };
        }
      };
    });
    return opened;
  }

  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return { origin, server, browser, openPage, openConsultationPage, close };
}

/** Asserts nothing went wrong on the page (console errors, exceptions, foreign requests). */
export function assertClean(assert, problems) {
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.pageErrors, [], 'page errors');
  assert.deepEqual(problems.foreignRequests, [], 'requests to other origins');
}
