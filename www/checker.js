// The page's side of worker.js, which runs the checker: requests go one at a
// time, and a newer check of a document replaces one still waiting.

/** Talks to worker.js: one request at a time; checks of one document coalesce. */
export class Checker {
  constructor() {
    this.seq = 0;
    /** @type {string|null} why the checker cannot run */
    this.failed = null;
    /** @type {Map<number, {resolve: Function, reject: Function}>} */
    this.pending = new Map();
    /** @type {Array<{msg: any, transfer: any[], resolve: Function, reject: Function, docId?: number}>} */
    this.queue = [];
    this.busy = false;
    this.onready = () => {};
    this.onfail = (_message) => {};
    this.start();
  }

  start() {
    this.ready = false;
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(`检查程序无法启动：${event.message || '未知错误'}`);
    };
    this.timer = setTimeout(() => {
      if (!this.ready) this.fail('检查程序加载超时，请刷新页面重试。');
    }, 30_000);
  }

  fail(message) {
    clearTimeout(this.timer);
    this.failed = message;
    this.onfail(message);
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
    for (const item of this.queue) item.reject(new Error(message));
    this.queue = [];
    this.busy = false;
  }

  receive(msg) {
    if (msg.kind === 'ready') {
      clearTimeout(this.timer);
      this.failed = null;
      this.ready = true;
      this.onready(msg);
      this.pump();
      return;
    }
    if (msg.kind === 'init-error') {
      this.fail(`检查程序加载失败：${msg.message}`);
      return;
    }
    const waiter = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    this.busy = false;
    if (waiter) {
      if (msg.ok) waiter.resolve(msg);
      else waiter.reject(Object.assign(new Error(msg.message), { fatal: msg.fatal }));
    }
    if (msg.fatal) {
      this.worker.terminate();
      this.start();
    }
    this.pump();
  }

  pump() {
    if (!this.ready || this.busy || !this.queue.length) return;
    const item = /** @type {any} */ (this.queue.shift());
    if (typeof item.msg === 'function') item.msg = item.msg();
    const id = ++this.seq;
    this.pending.set(id, item);
    this.busy = true;
    this.worker.postMessage({ ...item.msg, id }, item.transfer ?? []);
  }

  /** @param {any} msg (or a function giving it, called when it is sent) */
  request(msg, transfer = [], docId = undefined) {
    return new Promise((resolve, reject) => {
      if (docId !== undefined) {
        // A newer check of the same document replaces one still waiting.
        const old = this.queue.findIndex((q) => q.docId === docId);
        if (old >= 0) this.queue.splice(old, 1)[0].resolve(null);
      }
      this.queue.push({ msg, transfer, resolve, reject, docId });
      this.pump();
    });
  }

  /** @param {Doc} doc @param {any} [config] the rule configuration ({select, ignore, severity}) */
  check(doc, config = null) {
    const want = ++this.seq;
    doc.want = want;
    return this.request(() => ({ kind: 'check', text: doc.text, source: doc.source, config, want }), [], doc.id)
      .then((msg) => (msg ? { ...msg, want } : null));
  }

  /** Reads a file's bytes (text in any encoding, .html, .docx) into text; PDFs go to ./pdf.js. */
  read(bytes, name) {
    return this.request({ kind: 'read', bytes, name }, [bytes]).then((msg) => msg.text);
  }

  /** Rebuilds a PDF's text from what pdf.js read from its pages (see pdf.js). */
  layoutPdf(pages) {
    return this.request({ kind: 'pdf-layout', pages }).then((msg) => msg.text);
  }
}
