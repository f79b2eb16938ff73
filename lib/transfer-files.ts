/**
 * Large files between the library page and the background, through Cache Storage, which both
 * share (the extension's origin). Runtime messages are JSON-serialised and limited to 64 MiB each:
 * a 333 MB backup took 42 messages and ~5 s of serialising both ways, and a 111 MB BibTeX export
 * most of a second more; a Response body is copied natively, and the page never holds the file
 * as a string. Only files over INLINE_CHARS go this way (lib/messages.ts).
 *
 * Nothing leaves the browser: entries are keyed by made-up URLs under the reserved `.invalid`
 * domain (Cache Storage accepts only http(s) keys), which nothing ever fetches, and each entry is
 * deleted once read; leftovers of a page closed mid-transfer are dropped when the worker starts.
 */

export const TRANSFER_CACHE = 'dejalu-transfer';
const BASE = 'https://dejalu.invalid/transfer/';
/** An entry this old is a leftover: the page that made it has given up on it. */
const STALE_MS = 10 * 60_000;

/** Where files are kept: Cache Storage in the browser; tests in Node give a stand-in. */
export interface FileStore {
  put(id: string, body: Blob | string, mime: string): Promise<void>;
  /** The file's body read by `read`, then deleted; null when there is no such file. */
  take<T>(id: string, read: (res: Response) => Promise<T>): Promise<T | null>;
  drop(id: string): Promise<void>;
}

/** Ids start with their creation time, so stale ones are known without reading them. */
export function newFileId(now = Date.now()): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const cacheFiles: FileStore = {
  async put(id, body, mime) {
    const cache = await caches.open(TRANSFER_CACHE);
    await cache.put(BASE + id, new Response(body, { headers: { 'content-type': mime } }));
  },
  async take(id, read) {
    const cache = await caches.open(TRANSFER_CACHE);
    const res = await cache.match(BASE + id);
    if (!res) return null;
    try {
      return await read(res);
    } finally {
      await cache.delete(BASE + id);
    }
  },
  async drop(id) {
    await (await caches.open(TRANSFER_CACHE)).delete(BASE + id);
  },
};

/** Delete entries left by transfers that never finished. */
export async function dropStaleFiles(now = Date.now()): Promise<number> {
  if (typeof caches === 'undefined' || !(await caches.has(TRANSFER_CACHE))) return 0;
  const cache = await caches.open(TRANSFER_CACHE);
  let dropped = 0;
  for (const req of await cache.keys()) {
    const born = parseInt(req.url.slice(BASE.length).split('-')[0] ?? '', 36);
    if (Number.isFinite(born) && now - born < STALE_MS) continue;
    await cache.delete(req);
    dropped++;
  }
  return dropped;
}
