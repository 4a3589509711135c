// Bundles npm/element.js (<xxgk-checker>: www/component.js, the view's
// modules and CodeMirror) into one ES module, target/npm/element.js, that
// imports the package's ./index.js (the checker) as it is. Run by scripts/build-pkg.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// esbuild is the editor's dev dependency (editor/package.json).
const { build } = createRequire(path.join(root, 'editor', 'package.json'))('esbuild');
await build({
  entryPoints: [path.join(root, 'npm', 'element.js')],
  outfile: path.join(root, 'target', 'npm', 'element.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [{
    name: 'package-index',
    setup(b) {
      // The checker is the package's own module, shared with `import … from 'xxgk'`.
      b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: './index.js', external: true }));
    },
  }],
});
