// `import 'xxgk/element'` defines <xxgk-checker> (its types: index.d.ts,
// XxgkCheckerElement, and HTMLElementTagNameMap['xxgk-checker']).
import type { XxgkCheckerElement } from './index.js';

/** The class of <xxgk-checker> (already defined by importing this module). */
export declare const XxgkChecker: {
  new (): XxgkCheckerElement;
  prototype: XxgkCheckerElement;
};
