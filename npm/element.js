// The package's `xxgk/element`: defines <xxgk-checker> (the view of the
// stand-alone page, www/component.js), checking in the page's main thread with
// this package's WebAssembly module (./index.js, loaded with the first element).
// scripts/build-pkg bundles this file (with the view and CodeMirror) into the
// package's element.js; ./index.js stays an import of its own.

import init, { check, readDocument, rules, template, version } from './index.js';
import { XxgkChecker, define, mainThreadChecker } from '../www/component.js';

XxgkChecker.use(() => mainThreadChecker(async () => {
  await init();
  return { check, readDocument, rules, template, version };
}));
define();

export { XxgkChecker };
