// Bundles entry.mjs into www/vendor/codemirror.js (minified, one file, served
// from the page's own origin). Run by scripts/build-wasm.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, 'entry.mjs')],
  outfile: path.join(here, '..', 'www', 'vendor', 'codemirror.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'eof',
  logLevel: 'warning',
});
