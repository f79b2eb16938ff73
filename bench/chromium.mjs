// Chromium-side helpers for the benchmark: a private copy of the built extension (so a rebuild in
// the shared tree cannot change it mid-run), a blank extension page to send messages from, timed
// sends measured inside that page, and CDP metrics.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../scripts/setup.mjs';
import { libScript } from './bundle.mjs';

/** Where bench files live inside the copied extension (fetched by the extension page). */
export const DATA_DIR = 'bench-data';

/** Copy the built extension to a temporary directory and add a blank page for the benchmark. */
export function prepareExtension() {
  const dir = join(mkdtempSync(join(tmpdir(), 'dejalu-bench-ext-')), 'chrome-mv3');
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  mkdirSync(join(dir, DATA_DIR), { recursive: true });
  writeFileSync(join(dir, DATA_DIR, 'blank.html'), '<!doctype html><meta charset="utf-8"><title>bench</title>');
  return dir;
}

export function writeDataFile(extDir, name, text) {
  writeFileSync(join(extDir, DATA_DIR, name), text);
}

/** A blank page of the extension: chrome.runtime is there, nothing of the product's UI runs. */
export async function openExtensionPage(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${DATA_DIR}/blank.html`);
  return page;
}

/**
 * Send one message from the extension page and time it there (performance.now around
 * chrome.runtime.sendMessage: serialisation both ways and the background's work).
 */
export async function timedSend(extPage, message) {
  return extPage.evaluate(async (m) => {
    const t0 = performance.now();
    const reply = await chrome.runtime.sendMessage(m);
    return { ms: performance.now() - t0, reply };
  }, message);
}

/** Like timedSend, but only a summary of the reply comes back to Node (replies can be huge). */
export async function timedSendSummary(extPage, message) {
  return extPage.evaluate(async (m) => {
    const t0 = performance.now();
    let reply;
    let error;
    try {
      reply = await chrome.runtime.sendMessage(m);
    } catch (err) {
      error = String(err?.message ?? err);
    }
    const ms = performance.now() - t0;
    const summary = reply
      ? {
          ok: reply.ok,
          error: reply.error,
          count: reply.count,
          total: reply.total,
          papers: Array.isArray(reply.papers) ? reply.papers.length : undefined,
          textBytes: typeof reply.text === 'string' ? reply.text.length : undefined,
          added: reply.added,
          sightings: reply.sightings,
        }
      : { ok: false, error: { message: error ?? 'no reply' } };
    return { ms, reply: summary };
  }, message);
}

/**
 * Import backup files from the extension's own package (bench-data/<name>), one `library.import`
 * each; only the sends are timed (reading the file is not part of the import).
 */
export async function importFiles(extPage, names) {
  const results = [];
  for (const name of names) {
    const r = await extPage.evaluate(async (file) => {
      const text = await (await fetch(chrome.runtime.getURL(file))).text();
      const message = { type: 'library.import', format: 'backup', text };
      const t0 = performance.now();
      let reply;
      try {
        reply = await chrome.runtime.sendMessage(message);
      } catch (err) {
        reply = { ok: false, error: { code: 'send', message: String(err?.message ?? err) } };
      }
      return { ms: performance.now() - t0, bytes: text.length, reply };
    }, `${DATA_DIR}/${name}`);
    results.push({ name, ...r });
    if (!r.reply?.ok) break;
  }
  return results;
}

/**
 * Import one backup file as the library page does (lib/transfer-client.ts importFile): a file over
 * INLINE_CHARS is put in Cache Storage (lib/transfer-files.ts) and `library.import` names it.
 * Timed in the extension page from handing over the file (a Blob, as the file picker gives) to the
 * import's reply; reading the file from the package is not timed.
 */
export async function importUploaded(extPage, name) {
  await ensureLib(extPage);
  return extPage.evaluate(async (file) => {
    const { cacheFiles, newFileId, INLINE_CHARS } = globalThis.__dejaluBench;
    const blob = await (await fetch(chrome.runtime.getURL(file))).blob();
    const send = async (m) => {
      try {
        return await chrome.runtime.sendMessage(m);
      } catch (err) {
        return { ok: false, error: { code: 'send', message: String(err?.message ?? err) } };
      }
    };
    const t0 = performance.now();
    let reply;
    let storeMs = 0;
    if (blob.size <= INLINE_CHARS) {
      reply = await send({ type: 'library.import', format: 'backup', text: await blob.text() });
    } else {
      const fileId = newFileId();
      await cacheFiles.put(fileId, blob, 'application/json');
      storeMs = performance.now() - t0;
      reply = await send({ type: 'library.import', format: 'backup', fileId });
    }
    return { ms: performance.now() - t0, storeMs, bytes: blob.size, reply };
  }, `${DATA_DIR}/${name}`);
}

/**
 * Export as the library page does (lib/transfer-client.ts exportFile): `library.export`, then a
 * large file taken from Cache Storage. Timed until the whole text is in the page (the library page
 * stops earlier: it downloads the Blob without decoding it).
 */
export async function exportAll(extPage, format) {
  await ensureLib(extPage);
  return extPage.evaluate(async (fmt) => {
    const { cacheFiles } = globalThis.__dejaluBench;
    const t0 = performance.now();
    const first = await chrome.runtime.sendMessage({ type: 'library.export', format: fmt });
    if (!first?.ok) return { ms: performance.now() - t0, reply: first };
    const text = first.fileId === undefined ? first.text : await cacheFiles.take(first.fileId, (res) => res.text());
    const ms = performance.now() - t0;
    if (text === null) return { ms, reply: { ok: false, error: { code: 'gone', message: 'export file missing' } } };
    return { ms, reply: { ok: true, count: first.count, viaCache: first.fileId !== undefined, textBytes: text.length, entries: (text.match(/^@/gm) ?? []).length } };
  }, format);
}

/** The product's transfer code (bench/bundle.mjs) in the extension page, once. */
export async function ensureLib(extPage) {
  if (await extPage.evaluate(() => !!globalThis.__dejaluBench?.cacheFiles)) return;
  await extPage.evaluate(await libScript());
}

/** CDP Performance metrics of a page as an object. */
export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
