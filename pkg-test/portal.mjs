// A portal's scratch project for the package tests: the tarball made by
// scripts/build-pkg installed with npm, the portal's script bundled with
// esbuild (the .wasm copied next to the bundle, as the README says) and also
// kept as a plain <script type="module"> page, all served with a strict
// Content-Security-Policy from a port of their own.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../e2e/support.mjs';

export const VERSION = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
export const TARBALL = path.join(ROOT, 'target', `xxgk-${VERSION}.tgz`);
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Makes the scratch project and serves it: `/dist/index.html` runs the
 * bundled script, `/plain.html` the same script unbundled.
 * @param {{prefix: string, script: (from: string) => string, page: (src: string) => string,
 *   packageEntry: string, plainEntry: string, files: Record<string, string|Buffer>}} o
 *   `script(from)` is the portal's script naming the package as `from`; `files` are
 *   copied next to both pages (name → contents).
 * @returns {Promise<{dir: string, origin: string, close: () => Promise<void>}>}
 */
export async function portal({ prefix, script, page, packageEntry, plainEntry, files }) {
  assert.ok(fs.existsSync(TARBALL), `${TARBALL} not found: run scripts/build-pkg`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', TARBALL], { cwd: dir, stdio: 'pipe' });

  const dist = path.join(dir, 'dist');
  fs.mkdirSync(dist);
  for (const [name, contents] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), contents);
    fs.writeFileSync(path.join(dist, name), contents);
  }
  // Bundled: esbuild leaves new URL('./xxgk_bg.wasm', import.meta.url) alone,
  // so the .wasm goes next to the bundle.
  fs.writeFileSync(path.join(dir, 'app.js'), script(packageEntry));
  await esbuild.build({
    absWorkingDir: dir, entryPoints: ['app.js'], bundle: true, format: 'esm',
    outfile: path.join(dist, 'app.js'), logLevel: 'silent',
  });
  fs.copyFileSync(path.join(dir, 'node_modules', 'xxgk', 'xxgk_bg.wasm'), path.join(dist, 'xxgk_bg.wasm'));
  fs.writeFileSync(path.join(dist, 'index.html'), page('./app.js'));
  // Plain modules: the package's files as installed, no bundler.
  fs.writeFileSync(path.join(dir, 'plain.js'), script(plainEntry));
  fs.writeFileSync(path.join(dir, 'plain.html'), page('./plain.js'));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404, { 'Content-Security-Policy': CSP }).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
    });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    dir,
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
