/** Export (everything or the selection, in any format) and import (BibTeX, CSL-JSON, backup). */
import { useState } from 'preact/hooks';
import type { ExportFormat, ImportResult, LibraryStats, ProgressEvent } from '../../lib/messages';
import { backupLineText } from './backup';
import { exportFile, importFile } from '../../lib/transfer-client';
import { newFileId } from '../../lib/transfer-files';
import { downloadBlob, onProgress } from './ext';
import { count, plural } from './format';
import { errorMessage } from '../../lib/errors';

export const EXPORT_FORMATS: { id: ExportFormat; label: string; short: string; hint: string }[] = [
  { id: 'bibtex', label: 'BibTeX (.bib)', short: 'BibTeX', hint: 'For LaTeX, Zotero, JabRef.' },
  { id: 'csl-json', label: 'CSL-JSON', short: 'CSL-JSON', hint: 'For Zotero, Pandoc and citation processors.' },
  { id: 'markdown', label: 'Markdown', short: 'Markdown', hint: 'A readable list for notes and messages.' },
  { id: 'csv', label: 'CSV', short: 'CSV', hint: 'For spreadsheets.' },
  { id: 'backup', label: 'Déjà Lu backup (JSON)', short: 'Backup', hint: 'Everything — papers, history, tags, notes, settings — to restore later.' },
];

/** Runs an export and downloads it; the message for the status line. */
export async function exportAndDownload(format: ExportFormat, keys?: string[]): Promise<string> {
  const r = await exportFile(format, keys);
  downloadBlob(r.blob, r.filename);
  return `Exported ${plural(r.count, 'paper')} to ${r.filename}.`;
}

const FORMAT_NAMES: Record<ImportResult['format'], string> = { backup: 'backup', bibtex: 'BibTeX', 'csl-json': 'CSL-JSON' };

export function importSummary(r: ImportResult): string {
  const parts = [`${count(r.added)} new`, `${count(r.updated)} updated`];
  if (r.format === 'backup') parts.push(plural(r.sightings, 'sighting'));
  return `Imported from ${FORMAT_NAMES[r.format]}: ${parts.join(', ')}.`;
}

/** What an import's progress event says, for the status line. */
export function progressText(file: string, e: ProgressEvent): string {
  const of = e.total > 0 ? ` ${count(e.done)} of ${count(e.total)} papers` : '';
  switch (e.step) {
    case 'reading':
      return `Reading ${file}…`;
    case 'checking':
      return `Checking ${file}…`;
    case 'merging':
      return `Merging with your library…${of}`;
    case 'writing':
      return `Saving…${of}`;
  }
}

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

export interface TransferProps {
  total: number;
  /** For what it says of backups (BackupNotice's backupLineText). */
  stats: LibraryStats | null;
  selectedKeys: string[];
  /** An export has been downloaded: a backup changes what the page says of backups. */
  onExported: () => void;
}

export function Transfer({ total, stats, selectedKeys, onExported }: TransferProps) {
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [exportStatus, setExportStatus] = useState<Status>({ kind: 'idle' });
  const [importStatus, setImportStatus] = useState<Status>({ kind: 'idle' });
  const [importProgress, setImportProgress] = useState<ProgressEvent | null>(null);
  const hint = EXPORT_FORMATS.find((f) => f.id === format)?.hint ?? '';

  const runExport = async (keys?: string[], as: ExportFormat = format) => {
    setExportStatus({ kind: 'busy', text: 'Exporting…' });
    try {
      setExportStatus({ kind: 'done', text: await exportAndDownload(as, keys) });
      onExported();
    } catch (err) {
      setExportStatus({ kind: 'error', text: errorMessage(err) });
    }
  };

  const runImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setImportStatus({ kind: 'busy', text: `Importing ${file.name}…` });
    setImportProgress(null);
    // A large backup takes a while: the background says how far it has got.
    const job = newFileId();
    const stop = onProgress(job, (e) => {
      setImportProgress(e);
      setImportStatus({ kind: 'busy', text: progressText(file.name, e) });
    });
    try {
      const r = await importFile(file, file.name, undefined, job);
      setImportStatus({ kind: 'done', text: importSummary(r) });
    } catch (err) {
      setImportStatus({ kind: 'error', text: errorMessage(err) });
    } finally {
      stop();
      setImportProgress(null);
      // Choosing the same file again must fire `change` again.
      input.value = '';
    }
  };

  return (
    <div class="pane">
      <section class="card">
        <h2>Export</h2>
        {stats && (
          <p class="backup-line">
            <span data-testid="backup-line">{backupLineText(stats)}</span>{' '}
            <button
              type="button"
              class="linkish"
              data-testid="backup-line-now"
              disabled={exportStatus.kind === 'busy' || total === 0}
              onClick={() => void runExport(undefined, 'backup')}
            >
              Back up now
            </button>
          </p>
        )}
        <div class="row-inline">
          <label class="field">
            <span>Format</span>
            <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
              {EXPORT_FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="btn btn-primary" data-testid="export-all" disabled={exportStatus.kind === 'busy' || total === 0} onClick={() => runExport()}>
            Export all {count(total)} papers
          </button>
          <button
            type="button"
            class="btn"
            data-testid="export-selected"
            disabled={exportStatus.kind === 'busy' || selectedKeys.length === 0}
            onClick={() => runExport(selectedKeys)}
          >
            Export {count(selectedKeys.length)} selected
          </button>
        </div>
        <p class="muted">{hint}</p>
        {exportStatus.kind !== 'idle' && (
          <p class={exportStatus.kind === 'error' ? 'error' : 'status'} data-testid="export-status" role="status">
            {exportStatus.text}
          </p>
        )}
      </section>

      <section class="card">
        <h2>Import</h2>
        <p class="muted">
          BibTeX or CSL-JSON (as Zotero exports them): every entry becomes a saved paper, keywords become tags and notes are kept. A Déjà Lu
          backup restores papers, history, tags and notes, merging with what is already here.
        </p>
        <label class={`file-drop${importStatus.kind === 'busy' ? ' is-busy' : ''}`}>
          <input
            type="file"
            data-testid="import-file"
            accept=".bib,.bibtex,.json,.csljson,application/json,application/x-bibtex,text/plain"
            disabled={importStatus.kind === 'busy'}
            onChange={(e) => void runImport(e.currentTarget)}
          />
          {importStatus.kind === 'busy' && <span>Importing…</span>}
        </label>
        {importStatus.kind !== 'idle' && (
          <p
            class={importStatus.kind === 'error' ? 'error' : importStatus.kind === 'busy' ? 'muted' : 'status'}
            data-testid="import-status"
            data-state={importStatus.kind}
            role={importStatus.kind === 'error' ? 'alert' : 'status'}
          >
            {importStatus.text}
          </p>
        )}
        {importStatus.kind === 'busy' && importProgress && importProgress.total > 0 && (
          <progress class="import-progress" data-testid="import-progress" max={importProgress.total} value={importProgress.done} />
        )}
      </section>
    </div>
  );
}
