// Keeps the page working offline once it has been opened: every file of the
// app is cached as it is fetched (network first, so a new build is picked up
// whenever the server is reachable; the cache answers when it is not).
// Only this origin's GET requests are handled; the page makes no others.

const CACHE = 'xxgk-v7';
const SHELL = [
  './', './index.html', './style.css', './app.js', './state.js', './checker.js',
  './input.js', './files.js', './render.js', './view.js', './component.js', './view-css.js', './summary.js', './findings.js',
  './selection.js', './cells.js', './rules.js', './downloads.js', './dom.js',
  './tables.js', './export.js', './worker.js', './sample.txt', './pkg/xxgk.js', './pkg/xxgk_bg.wasm',
  './editor.js', './grid.js', './store.js', './vendor/codemirror.js',
  './pdf.js', './annotate.js', './batch.css', './batch.js', './batch-view.js', './batch-open.js', './batch-worker.js',
  './pool.js', './zip.js', './worker-reply.js', './pkg/xxgk_batch.js', './pkg/xxgk_batch_bg.wasm', './pkg/xxgk_xlsx.js', './pkg/xxgk_xlsx_bg.wasm', './pkg/xxgk_pdf.js', './pkg/xxgk_pdf_bg.wasm', './pkg/xxgk_runs.js', './pkg/xxgk_runs_bg.wasm', './vendor/pdfjs/pdf.min.mjs', './vendor/pdfjs/pdf.worker.min.mjs',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .catch(() => { /* cached as they are fetched instead */ })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    } catch (error) {
      const cached = await cache.match(request, { ignoreSearch: true })
        ?? (request.mode === 'navigate' ? await cache.match('./index.html') : undefined);
      if (cached) return cached;
      throw error;
    }
  })());
});
