// Nothing lost: the texts of the open documents are kept in this browser's
// IndexedDB (never sent anywhere) and restored when the page is opened again;
// "清除" erases them. Leaving the page while a text is not yet stored asks
// first. A link can carry the whole text in its fragment (after #, which the
// browser never sends to a server), compressed: deflate-raw, then base64url.

import { runCheck, select } from './render.js';
import { $, input, state, checker, currentDoc, newDoc, pasted, setStatus, updateBusy } from './state.js';

const DB = 'xxgk';
const STORE = 'work';
const KEY = 'docs';
const FRAGMENT = '#t=';

let failed = false;
/** Nothing is stored before what was kept has been read back. */
let restored = false;

function request(mode, run) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => {
        db.close();
        resolve(req.result);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}

/** Characters of a text stored per record: each record is stored in a task of its own. */
const PART = 256 * 1024;
let queue = Promise.resolve();
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Stores the open documents' texts (called whenever what is shown changes).
 * A long text is stored in parts, one per task, so that storing 5 MB never
 * holds up the page; the list of documents is stored last.
 */
export function save() {
  if (!restored) return Promise.resolve();
  const docs = state.docs.filter((d) => d === pasted || (d.text && !d.failed));
  const meta = {
    current: Math.max(0, docs.indexOf(currentDoc())),
    // What the view needs besides the text: the name, and the kind (a PDF's
    // note; a Word document's bytes, for its annotated copy, in a record of its own).
    docs: docs.map((d) => ({
      name: d.name, source: d.source, pasted: d === pasted, parts: Math.ceil(d.text.length / PART),
      pdf: Boolean(d.pdf), docx: Boolean(d.docx),
    })),
  };
  state.saving++;
  updateBusy();
  queue = queue.then(async () => {
    for (const [i, d] of docs.entries()) {
      for (let j = 0; j * PART < d.text.length; j++) {
        await nextTask();
        const part = d.text.slice(j * PART, (j + 1) * PART);
        await request('readwrite', (store) => store.put(part, `text:${i}:${j}`));
      }
      if (d.docx) {
        await nextTask();
        await request('readwrite', (store) => store.put(d.docx, `docx:${i}`));
      }
    }
    await nextTask();
    await request('readwrite', (store) => store.put(meta, KEY));
  }).then(() => { failed = false; }, () => { failed = true; })
    .finally(() => {
      state.saving--;
      updateBusy();
    });
  return queue;
}

/** Unsaved work: an edit not yet checked and stored, a save under way, or no storage at all. */
function unsaved() {
  const pending = state.docs.some((d) => d.want === -1);
  return pending || state.saving > 0 || (failed && state.docs.some((d) => d.text));
}
window.addEventListener('beforeunload', (event) => {
  if (!unsaved()) return;
  event.preventDefault();
  event.returnValue = '';
});

/** Restores the documents: from a link's fragment if there is one, else from IndexedDB. */
export async function restore() {
  try {
    await restoreFrom();
  } finally {
    restored = true;
  }
  save();
}

async function restoreFrom() {
  if (location.hash.startsWith(FRAGMENT)) {
    try {
      const text = await decode(location.hash.slice(FRAGMENT.length));
      history.replaceState(null, '', location.pathname + location.search);
      pasted.text = text;
      select(state.docs.indexOf(pasted));
      if (checker.ready) runCheck(pasted);
      return;
    } catch {
      setStatus('error', '链接中的文字无法解开（链接可能不完整）。');
      return;
    }
  }
  let snapshot = null;
  try {
    snapshot = await request('readonly', (store) => store.get(KEY));
  } catch {
    failed = true;
  }
  if (!snapshot?.docs?.length || currentDoc().text || state.docs.length > 1) return; // nothing kept, or work began meanwhile
  const texts = [];
  const words = [];
  for (const [i, d] of snapshot.docs.entries()) {
    const parts = [];
    for (let j = 0; j < (Number(d.parts) || 0); j++) parts.push(await request('readonly', (store) => store.get(`text:${i}:${j}`)));
    texts.push(parts.map((p) => String(p ?? '')).join(''));
    const docx = d.docx ? await request('readonly', (store) => store.get(`docx:${i}`)).catch(() => null) : null;
    words.push(docx?.bytes instanceof ArrayBuffer && typeof docx.text === 'string' ? docx : null);
  }
  if (currentDoc().text || state.docs.length > 1) return; // work began meanwhile
  const docs = snapshot.docs.map((d, i) => {
    if (d.pasted) {
      pasted.text = texts[i];
      return pasted;
    }
    const doc = newDoc(String(d.name), String(d.source), texts[i]);
    if (d.pdf === true) doc.pdf = true;
    if (words[i]) doc.docx = words[i];
    return doc;
  });
  select(Math.max(0, state.docs.indexOf(docs[snapshot.current] ?? pasted)));
  if (checker.ready) for (const doc of state.docs) if (doc.text) runCheck(doc);
}

/** Erases every open document and what is stored. */
function clearAll() {
  state.docs.splice(0, state.docs.length, pasted);
  pasted.text = '';
  pasted.report = null;
  pasted.error = null;
  pasted.want = pasted.shown = 0;
  state.current = 0;
  input.value = '';
  $('share').hidden = true;
  select(0);
  request('readwrite', (store) => store.clear()).catch(() => {});
  setStatus('idle', '已清除：本机保存的文字已删除。');
}
$('clear-all').addEventListener('click', clearAll);

// ---- the link carrying the text ----------------------------------------------

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Text → deflate-raw → base64url. */
export async function encode(text) {
  const bytes = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url → inflate-raw → text. */
export async function decode(data) {
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
}

$('share-link').addEventListener('click', async () => {
  const text = currentDoc().text;
  if (!text) return;
  const url = `${location.origin}${location.pathname}${FRAGMENT}${await encode(text)}`;
  const box = /** @type {HTMLInputElement} */ ($('share-url'));
  box.value = url;
  $('share').hidden = false;
  box.focus();
  box.select();
  setStatus('done', `链接已生成（${Math.ceil(url.length / 1024)} KB），可复制发送；打开它即得到这段文字。`);
});

/** Keeps the link button in step with the current document. */
export function updateShare() {
  /** @type {HTMLButtonElement} */ ($('share-link')).disabled = !currentDoc().text;
}
