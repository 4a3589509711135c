// A pool of Web Workers (batch-worker.js) for the batch view: each worker
// takes one request at a time, so as many reports are read and checked at
// once as there are workers, and the page's own thread only draws.

/** A request waiting for a worker. */
/** @typedef {{msg: any, transfer: Transferable[], resolve: Function, reject: Function}} Job */

export class Pool {
  /** @param {number} size how many workers (at least 1) */
  constructor(size) {
    this.size = Math.max(1, size);
    /** @type {Array<{worker: Worker, ready: boolean, job: Job|null}>} */
    this.workers = [];
    /** @type {Job[]} */
    this.queue = [];
    this.seq = 0;
    /** The library's template description (labels of the tables' rows and columns), once a worker is ready. */
    this.template = null;
  }

  /** The default size: the processor's cores less one for the page, 1 to 4. */
  static defaultSize() {
    return Math.min(4, Math.max(1, (navigator.hardwareConcurrency || 2) - 1));
  }

  /** Sends `msg` to the next free worker; resolves with its answer, rejects with its error. */
  run(msg, transfer = []) {
    return new Promise((resolve, reject) => {
      this.queue.push({ msg, transfer, resolve, reject });
      this.start();
      this.pump();
    });
  }

  /** Starts the workers not yet running. */
  start() {
    while (this.workers.length < this.size) this.spawn();
  }

  spawn() {
    const slot = { worker: new Worker(new URL('./batch-worker.js', import.meta.url), { type: 'module' }), ready: false, job: null };
    this.workers.push(slot);
    slot.worker.onmessage = (event) => this.receive(slot, event.data);
    slot.worker.onerror = (event) => {
      event.preventDefault();
      this.lose(slot, `检查程序无法启动：${event.message || '未知错误'}`);
    };
    // A worker that never gets ready (its module not loaded) is given up.
    setTimeout(() => {
      if (!slot.ready && this.workers.includes(slot)) this.lose(slot, '检查程序加载超时，请刷新页面重试。');
    }, 30_000);
  }

  /** A worker that failed: its job fails, and so does the whole queue when no worker is left. */
  lose(slot, message) {
    slot.worker.terminate();
    this.workers = this.workers.filter((s) => s !== slot);
    slot.job?.reject(new Error(message));
    slot.job = null;
    if (!this.workers.some((s) => s.ready)) {
      for (const job of this.queue.splice(0)) job.reject(new Error(message));
    }
  }

  receive(slot, msg) {
    if (msg.kind === 'ready') {
      slot.ready = true;
      this.template ??= msg.template ?? null;
      this.pump();
      return;
    }
    if (msg.kind === 'init-error') {
      this.lose(slot, `检查程序加载失败：${msg.message}`);
      return;
    }
    const job = slot.job;
    slot.job = null;
    if (job) {
      if (msg.ok) job.resolve(msg);
      else job.reject(new Error(msg.message));
    }
    if (msg.fatal) {
      // A trap inside the checker: this worker's module can no longer be trusted.
      slot.worker.terminate();
      this.workers = this.workers.filter((s) => s !== slot);
      this.start();
    }
    this.pump();
  }

  pump() {
    for (const slot of this.workers) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.job) continue;
      const job = /** @type {Job} */ (this.queue.shift());
      slot.job = job;
      slot.worker.postMessage({ ...job.msg, id: ++this.seq }, job.transfer);
    }
  }

  /** Drops every request, waiting or running (they reject with `reason`), and stops the workers. */
  cancel(reason = '已取消') {
    for (const job of this.queue.splice(0)) job.reject(new Error(reason));
    for (const slot of this.workers) {
      slot.worker.terminate();
      slot.job?.reject(new Error(reason));
    }
    this.workers = [];
  }
}
