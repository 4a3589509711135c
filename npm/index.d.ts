// Type declarations of the xxgk package: the checker's functions and the
// report object of the JSON contract (docs/json.md in the xxgk repository).
// Hand-written; the package's tests type-check real reports against them.

/** What `init` accepts: the URL of `xxgk_bg.wasm` (default: next to this module), its bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What `initSync` accepts: the bytes of `xxgk_bg.wasm` or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;
/** The instantiated module's exports (not needed by callers). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/**
 * Loads the checker (once; later calls return the same promise). Without an
 * argument it fetches `xxgk_bg.wasm` from next to this module
 * (`new URL('./xxgk_bg.wasm', import.meta.url)`).
 */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;
/** Loads the checker synchronously from the bytes of `xxgk_bg.wasm` (Node.js, workers). */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';
/** Whether a finding says the report is wrong (`report`) or part of the text could not be read (`input`). */
export type Origin = 'report' | 'input';
/** The format the tables follow. */
export type TemplateName = '2019' | '2021' | 'hybrid' | 'pre2019' | 'unknown';
/** One of the two official forms. */
export type Format = '2019' | '2021';
/** The group of a rule: table 1, table 2, table 3, any table, the document. */
export type RuleGroup = 'active' | 'applications' | 'review' | 'table' | 'document' | 'compare';
/** A rule code (`T2-SUM`, any case), a group, or `all`. */
export type Selector = string;

/**
 * The rule configuration: `select` (default: every rule), `ignore`, and
 * `severity` per rule code or group. The most specific selector wins (a code
 * over a group over `all`; on a tie `ignore` wins). Unknown codes throw.
 */
export interface RuleConfig {
  select?: Selector[];
  ignore?: Selector[];
  severity?: { [selector: string]: Severity };
}

/** The second argument of `check`: the source's name and the rule configuration. */
export interface CheckOptions extends RuleConfig {
  /** The name shown as the report's source (default `-`). */
  source?: string;
}

/** Where something is in the text. */
export interface Span {
  /** Byte offset into the UTF-8 text. */
  start: number;
  end: number;
  /** 1-based line. */
  line: number;
  /** 1-based character column. */
  column: number;
  /** Offsets in UTF-16 code units (for `String.prototype.slice`); always present in `check`'s result. */
  utf16?: { start: number; end: number };
}

/** One cell as read. */
export interface Cell {
  /** The cell as written, trimmed (`""` when blank). */
  text: string;
  /** The number read; `null` when blank or unreadable. Never guessed. */
  value: number | null;
  /** For money cells: `元` or `万元`; otherwise `null`. */
  unit: string | null;
  span: Span;
  /** Relations that separated this cell from a run of digits. */
  inferred?: string[];
}

/** Row keys of table 1 (`tables.active`). */
export type ActiveRowKey =
  | 'regulations' | 'normative_documents' | 'licensing' | 'other_services'
  | 'penalty' | 'enforcement' | 'fees' | 'procurement';
/** Row keys of table 2 (`tables.applications`), with the subtotal rows some reports add. */
export type ApplicationsRowKey =
  | 'new' | 'carried_over' | 'granted' | 'partial'
  | 'denied' | `denied.${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`
  | 'unable' | `unable.${1 | 2 | 3}`
  | 'not_processed' | `not_processed.${1 | 2 | 3 | 4 | 5}`
  | 'other' | `other.${1 | 2 | 3}`
  | 'total' | 'carried_forward';

/** Numbers whose column is not certain, kept with their row. */
export interface Unplaced {
  table: 'active' | 'applications' | 'review';
  row: string | null;
  cells: Cell[];
}

/** The three tables as read; `null` when a table was not found. */
export interface Tables {
  active: { [key in ActiveRowKey]?: Cell[] } | null;
  applications: { [key in ApplicationsRowKey]?: Cell[] } | null;
  /** 15 cells. */
  review: Cell[] | null;
  unplaced?: Unplaced[];
}

/** The format decided for each table 1 block and for table 2. */
export interface Layout {
  active: { item: string; format: Format }[] | null;
  applications: Format | null;
}

/** A cell of a table. */
export interface CellRef {
  table: 'active' | 'applications' | 'review';
  /** Row key; `null` for table 3. */
  row: ActiveRowKey | ApplicationsRowKey | null;
  /** 0-based column among the row's value cells. */
  column: number;
}

/** One finding. */
export interface Diagnostic {
  /** Stable rule code (`rules()`). */
  code: string;
  severity: Severity;
  /** One line, Chinese. */
  message: string;
  /** The id in the format specification, or `null`. */
  spec: string | null;
  cell: CellRef | null;
  expected: number | null;
  actual: number | null;
  span: Span | null;
  origin: Origin;
  /** Cells entering a relation; absent when none. */
  related?: { cell: CellRef; span: Span }[];
  /** Index in `diagnostics` of the finding that explains this one. */
  caused_by?: number;
  /** Indices in `diagnostics` of the findings this one explains. */
  explains?: number[];
}

/** The report: the JSON contract, `schema_version: 1`. */
export interface Report {
  schema_version: 1;
  source: string;
  template: TemplateName;
  year: number | null;
  agency: string | null;
  /** Signature date `YYYY-MM-DD`. */
  date: string | null;
  period: { start: string; end: string; span: Span } | null;
  sections: { number: number; title: string; span: Span }[];
  tables: Tables;
  layout: Layout;
  /** The rule configuration applied; absent for the default one. */
  config?: { select: Selector[]; ignore: Selector[]; severity: { [selector: string]: Severity } };
  /** Every finding, sorted by place in the text. */
  diagnostics: Diagnostic[];
}

/** A rule of the registry. */
export interface Rule {
  code: string;
  spec: string | null;
  /** Default severity. */
  severity: Severity;
  origin: Origin;
  group: RuleGroup;
  /** One line, Chinese. */
  title: string;
  /** Paragraphs separated by blank lines, Chinese. */
  explanation: string;
}

/** The two official forms, display names, and the tables' titles. */
export interface TemplateDescription {
  formats: {
    [format in Format]: {
      name: string;
      active: { item: string; columns: string[]; rows: { key: ActiveRowKey; label: string }[] }[];
      applications: { columns: string[]; rows: { key: ApplicationsRowKey; path: string[]; optional: boolean }[] };
      review: { groups: { label: string; columns: string[] }[] };
    };
  };
  templates: { [name in TemplateName]: string };
  severities: { [name in Severity]: string };
  tables: { [table in 'active' | 'applications' | 'review']: { name: string; title: string } };
}

/**
 * Checks a report's text. `options` may name the source and configure the
 * rules; a configured report names the configuration in `config`.
 * @throws Error on an unknown rule code, group, severity or option.
 */
export function check(text: string, options?: CheckOptions | null): Report;
/** The report as JSON text, byte for byte what `xxgk check --format json` prints (no `utf16`, no config). */
export function checkJson(text: string, source?: string | null): string;
/** Whether the report may be published: no finding of severity `error` (after configuration). */
export function ok(report: Report): boolean;
/** Decodes a text file's bytes (UTF-8, UTF-16, GB18030/GBK). @throws Error when not text. */
export function decode(bytes: Uint8Array | number[]): string;
/** Reads a text file, a `.docx` or a saved web page. @throws Error when unreadable. */
export function readDocument(bytes: Uint8Array | number[], name: string): { text: string; kind: 'text' | 'html' | 'docx' };
/** Every rule. */
export function rules(): Rule[];
/** The two official forms. */
export function template(): TemplateDescription;
/** The checker's version, e.g. `0.1.0`. */
export function version(): string;

// ---- <xxgk-checker> (import 'xxgk/element') ------------------------------------

/** The detail of `xxgk-finding`: the finding the user chose, its index in `report.diagnostics`. */
export interface XxgkFindingDetail {
  finding: Diagnostic;
  index: number;
  report: Report;
}

/**
 * The `<xxgk-checker>` element, defined by `import 'xxgk/element'`: a text
 * box, the summary, the findings and the three tables in an open shadow root.
 */
export interface XxgkCheckerElement extends HTMLElement {
  /** The text being checked (set it to check a portal editor's text). */
  value: string;
  /** The rule configuration; when never set, the `select`, `ignore` and `severity` attributes. */
  config: RuleConfig;
  /** The current report (null before the first check). */
  readonly report: Report | null;
  /** Whether the summary is shown (attribute `summary="false"` hides it). */
  summary: boolean;
  /** Whether the findings are shown (`findings="false"`). */
  findings: boolean;
  /** Whether the three tables are shown (`tables="false"`). */
  tables: boolean;
  /** Whether the text box is shown (`editor="false"`: the portal sets `value`). */
  editor: boolean;
  /** The compact layout (attribute `compact`). */
  compact: boolean;
  addEventListener<K extends keyof XxgkCheckerEventMap>(type: K,
    listener: (this: XxgkCheckerElement, ev: XxgkCheckerEventMap[K]) => any, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof XxgkCheckerEventMap>(type: K,
    listener: (this: XxgkCheckerElement, ev: XxgkCheckerEventMap[K]) => any, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's events (both bubble out of the shadow root). */
export interface XxgkCheckerEventMap extends HTMLElementEventMap {
  /** A check finished: the report, as `check()` returns it with the element's configuration. */
  'xxgk-result': CustomEvent<Report>;
  /** The user chose a finding (in the list, in the text, in a table, or with F8). */
  'xxgk-finding': CustomEvent<XxgkFindingDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'xxgk-checker': XxgkCheckerElement;
  }
  interface HTMLElementEventMap {
    'xxgk-result': CustomEvent<Report>;
    'xxgk-finding': CustomEvent<XxgkFindingDetail>;
  }
}
