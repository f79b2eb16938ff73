/**
 * Moving whole files between an extension page and the background: small files inside the
 * message, larger ones through Cache Storage (lib/transfer-files.ts).
 */
import { INLINE_CHARS, type ExportFormat, type ImportResult } from './messages';
import { call } from './rpc';
import { cacheFiles, newFileId, type FileStore } from './transfer-files';

/** Import a file the user chose; a large one is never read into a string on this page. */
export async function importFile(file: Blob, filename?: string, files: FileStore = cacheFiles, job?: string): Promise<ImportResult> {
  const named = { ...(filename ? { filename } : {}), ...(job ? { job } : {}) };
  // UTF-8 has at least one byte per character: a file this small is also this short.
  if (file.size <= INLINE_CHARS) return call({ type: 'library.import', format: 'auto', text: await file.text(), ...named });
  const fileId = newFileId();
  await files.put(fileId, file, file.type || 'application/octet-stream');
  try {
    return await call({ type: 'library.import', format: 'auto', fileId, ...named });
  } finally {
    // The background takes the file as it starts; this only matters when the message never arrived.
    await files.drop(fileId).catch(() => {});
  }
}

/** Export, as a Blob ready to download (a large export never becomes a string on this page). */
export async function exportFile(
  format: ExportFormat,
  keys?: string[],
  files: FileStore = cacheFiles,
): Promise<{ filename: string; mime: string; blob: Blob; count: number }> {
  const r = await call({ type: 'library.export', format, ...(keys ? { keys } : {}) });
  const type = `${r.mime};charset=utf-8`;
  let blob: Blob | null;
  if (r.fileId === undefined) blob = new Blob([r.text ?? ''], { type });
  // The blob keeps its data after the cache entry is deleted (blobs are reference-counted).
  else blob = await files.take(r.fileId, async (res) => (await res.blob()).slice(0, undefined, type));
  if (!blob) throw new Error('The export is no longer available; export again.');
  return { filename: r.filename, mime: r.mime, blob, count: r.count };
}
