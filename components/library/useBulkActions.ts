/**
 * The library page's actions on several papers: bulk edits and deletes (with their undo), merging
 * two, exporting or citing a selection. Each says how it went in the page's toast, and the list,
 * the counts and the details refresh after it.
 */
import { useState } from 'preact/hooks';
import type { ExportFormat } from '../../lib/messages';
import { call, send } from '../../lib/rpc';
import { texToUnicode } from '../../lib/tex-unicode';
import { copyBibtex as copyCitations } from '../shared/cite';
import type { BulkOp } from './BulkBar';
import { plural } from './format';
import type { ListState } from './hooks';
import type { ToastData } from './Toast';
import { exportAndDownload } from './Transfer';
import type { Selection } from './useSelection';
import { errorMessage } from '../../lib/errors';

const BULK_WORKING: Record<BulkOp['kind'], (n: number, tag?: string) => string> = {
  tag: (n, t) => `Tagging ${plural(n, 'paper')} “${t}”…`,
  untag: (n, t) => `Removing “${t}” from ${plural(n, 'paper')}…`,
  save: (n) => `Saving ${plural(n, 'paper')}…`,
  unsave: (n) => `Unsaving ${plural(n, 'paper')}…`,
  delete: (n) => `Deleting ${plural(n, 'paper')}…`,
};
/**
 * A selection this large says what it is doing while it works: every paper a search matched can be
 * 100k, whose rows take tens of seconds to write (as an import's do).
 */
const SAY_WORKING = 500;

const BULK_DONE: Record<BulkOp['kind'], (n: number, tag?: string) => string> = {
  tag: (n, t) => `Tagged ${plural(n, 'paper')} “${t}”.`,
  untag: (n, t) => `Removed “${t}” from ${plural(n, 'paper')}.`,
  save: (n) => `Saved ${plural(n, 'paper')}.`,
  unsave: (n) => `Unsaved ${plural(n, 'paper')}.`,
  delete: (n) => `Deleted ${plural(n, 'paper')}.`,
};

export interface BulkDeps {
  selection: Selection;
  list: Pick<ListState, 'refresh'>;
  overview: { reload(): void };
  detail: { reload(): void };
  activeKey: string | null;
  setActiveKey(key: string | null): void;
  say(text: string, extra?: Partial<ToastData>): void;
}

export function useBulkActions(deps: BulkDeps) {
  const { selection, list, overview, detail, activeKey, setActiveKey, say } = deps;
  const selected = selection.selected;
  const [busy, setBusy] = useState(false);
  const sayError = (err: unknown) => say(errorMessage(err), { kind: 'error' });

  /** Their BibTeX on the clipboard; the toast names the keys to \cite while they are few. */
  const copyBibtex = async (keys: string[]) => {
    try {
      const { count, citeKeys } = await copyCitations(keys);
      const what = count === 1 ? 'BibTeX' : `BibTeX of ${plural(count, 'paper')}`;
      say(citeKeys.length > 0 && citeKeys.length <= 5 ? `${what} copied: \\cite{${citeKeys.join(',')}}.` : `${what} copied.`);
    } catch (err) {
      sayError(err);
    }
  };

  const runBulk = async (op: BulkOp) => {
    const chosen = [...selected];
    if (chosen.length === 0) return;
    setBusy(true);
    if (chosen.length >= SAY_WORKING) say(BULK_WORKING[op.kind](chosen.length, 'tag' in op ? op.tag : undefined), { sticky: true });
    try {
      const r = await call({ type: 'papers.bulk', keys: chosen, op });
      const text = BULK_DONE[op.kind](r.changed, 'tag' in op ? op.tag : undefined);
      if (op.kind === 'delete') {
        selection.clear();
        if (activeKey && chosen.includes(activeKey)) setActiveKey(null);
        const { snapshot, snapshotFile } = r;
        const from = snapshot !== undefined ? { snapshot } : snapshotFile !== undefined ? { snapshotFile } : null;
        say(text, from ? { action: { label: 'Undo', run: () => void undo(from) } } : {});
      } else say(text);
      list.refresh();
      overview.reload();
      if (activeKey && chosen.includes(activeKey)) detail.reload();
    } catch (err) {
      sayError(err);
    } finally {
      setBusy(false);
    }
  };

  const runMerge = async () => {
    const chosen = [...selected];
    if (chosen.length !== 2) return;
    setBusy(true);
    try {
      const r = await call({ type: 'papers.merge', keys: [chosen[0]!, chosen[1]!] });
      selection.clear();
      // The details follow the paper both are now.
      if (activeKey && chosen.includes(activeKey)) setActiveKey(r.paper.key);
      const snapshot = r.snapshot;
      say(`Merged into “${texToUnicode(r.paper.title)}”.`, { action: { label: 'Undo', run: () => void unmerge(snapshot) } });
      list.refresh();
      overview.reload();
    } catch (err) {
      sayError(err);
    } finally {
      setBusy(false);
    }
  };

  const unmerge = async (snapshot: string) => {
    const r = await send({ type: 'papers.unmerge', snapshot });
    if (r.ok) say('Separated again: two papers, as before.');
    else say(r.error.message, { kind: 'error' });
    list.refresh();
    overview.reload();
    detail.reload();
  };

  const undo = async (from: { snapshot: string } | { snapshotFile: string }) => {
    const r = await send({ type: 'papers.restore', ...from });
    if (r.ok) say(`Restored ${plural(r.restored, 'paper')}.`);
    else say(r.error.message, { kind: 'error' });
    list.refresh();
    overview.reload();
  };

  const exportSelection = async (format: ExportFormat) => {
    setBusy(true);
    if (selected.size >= SAY_WORKING) say(`Exporting ${plural(selected.size, 'paper')}…`, { sticky: true });
    try {
      say(await exportAndDownload(format, [...selected]));
    } catch (err) {
      sayError(err);
    } finally {
      setBusy(false);
    }
  };

  return { busy, run: runBulk, merge: runMerge, exportSelection, copyBibtex };
}
