/** The browser APIs the library page uses besides `send`/`call`: change and progress events, downloads. */
import type { ChangeEvent, ProgressEvent } from '../../lib/messages';
import { onChangeEvents, onEvents } from '../shared/ext';

/** Calls `listener` for each `dejalu.changed` event; returns the unsubscribe. */
export function onChanged(listener: (event: ChangeEvent) => void): () => void {
  return onChangeEvents(globalThis.chrome?.runtime?.onMessage, listener);
}

/** Calls `listener` for each `dejalu.progress` event of `job`; returns the unsubscribe. */
export function onProgress(job: string, listener: (event: ProgressEvent) => void): () => void {
  const ofJob = (message: unknown): message is ProgressEvent => {
    const e = message as Partial<ProgressEvent> | null;
    return !!e && typeof e === 'object' && e.type === 'dejalu.progress' && e.job === job;
  };
  return onEvents(globalThis.chrome?.runtime?.onMessage, ofJob, listener);
}

/** Saves a file through a Blob URL and `<a download>`: no downloads permission needed. */
export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
