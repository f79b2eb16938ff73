/**
 * Moving whole files between an extension page and the background: large files travel in parts
 * (a runtime message is limited to 64 MiB) and report progress.
 */
import { CHUNK_CHARS, type ExportFormat, type ImportResult } from './messages';
import { call } from './rpc';

export type Progress = (done: number, total: number) => void;

export async function importFile(text: string, filename?: string, onProgress?: Progress): Promise<ImportResult> {
  if (text.length <= CHUNK_CHARS) return call({ type: 'library.import', format: 'auto', text, ...(filename ? { filename } : {}) });
  const uploadId = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const parts = Math.ceil(text.length / CHUNK_CHARS);
  for (let seq = 0; seq < parts; seq++) {
    await call({ type: 'library.upload', uploadId, seq, chunk: text.slice(seq * CHUNK_CHARS, (seq + 1) * CHUNK_CHARS) });
    onProgress?.(seq + 1, parts + 1);
  }
  const result = await call({ type: 'library.import', format: 'auto', uploadId, ...(filename ? { filename } : {}) });
  onProgress?.(parts + 1, parts + 1);
  return result;
}

export async function exportFile(
  format: ExportFormat,
  keys?: string[],
  onProgress?: Progress,
): Promise<{ filename: string; mime: string; text: string; count: number }> {
  const first = await call({ type: 'library.export', format, ...(keys ? { keys } : {}) });
  const parts = [first.text];
  for (let seq = 1; seq < first.parts; seq++) {
    parts.push((await call({ type: 'library.exportPart', exportId: first.exportId!, seq })).text);
    onProgress?.(seq + 1, first.parts);
  }
  return { filename: first.filename, mime: first.mime, text: parts.join(''), count: first.count };
}
