/** Actions on the selected papers: tag, untag, save, unsave, copy BibTeX, export, merge two, delete (with undo). */
import { useState } from 'preact/hooks';
import { CITE_MAX, type ExportFormat } from '../../lib/messages';
import { normalizeTag } from '../shared/tags';
import { count } from './format';
import { EXPORT_FORMATS } from './Transfer';

export type BulkOp = { kind: 'tag'; tag: string } | { kind: 'untag'; tag: string } | { kind: 'save' } | { kind: 'unsave' } | { kind: 'delete' };

export interface BulkBarProps {
  count: number;
  busy: boolean;
  tagSuggestions: string[];
  onRun(op: BulkOp): void;
  onExport(format: ExportFormat): void;
  /** Their BibTeX to cite, on the clipboard (at most CITE_MAX). */
  onCopyBibtex(): void;
  /** Two selected papers are one (asked only with two selected, after the reader confirms). */
  onMerge(): void;
  onClear(): void;
}

export function BulkBar(props: BulkBarProps) {
  const [tag, setTag] = useState('');
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [confirmMerge, setConfirmMerge] = useState(false);
  const clean = normalizeTag(tag);
  if (confirmMerge && props.count !== 2) setConfirmMerge(false);
  return (
    <div class="bulk" data-testid="bulk-bar" role="toolbar" aria-label="Actions on selected papers">
      <strong class="bulk-count" data-testid="bulk-count">
        {count(props.count)} selected
      </strong>
      <button type="button" class="btn" data-testid="bulk-save" disabled={props.busy} onClick={() => props.onRun({ kind: 'save' })}>
        Save
      </button>
      <button type="button" class="btn" data-testid="bulk-unsave" disabled={props.busy} onClick={() => props.onRun({ kind: 'unsave' })}>
        Unsave
      </button>
      <span class="group">
        <input
          class="bulk-tag"
          data-testid="bulk-tag-input"
          aria-label="Tag for the selected papers"
          placeholder="tag"
          list="dejalu-bulk-tags"
          value={tag}
          maxLength={64}
          onInput={(e) => setTag(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && clean) props.onRun({ kind: 'tag', tag: clean });
          }}
        />
        <datalist id="dejalu-bulk-tags">
          {props.tagSuggestions.slice(0, 200).map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <button type="button" class="btn" data-testid="bulk-tag" disabled={props.busy || !clean} onClick={() => clean && props.onRun({ kind: 'tag', tag: clean })}>
          Add tag
        </button>
        <button type="button" class="btn" data-testid="bulk-untag" disabled={props.busy || !clean} onClick={() => clean && props.onRun({ kind: 'untag', tag: clean })}>
          Remove tag
        </button>
      </span>
      <span class="group">
        <select data-testid="bulk-export-format" aria-label="Export format" value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.short}
            </option>
          ))}
        </select>
        <button type="button" class="btn" data-testid="bulk-export" disabled={props.busy} onClick={() => props.onExport(format)}>
          Export
        </button>
      </span>
      <button
        type="button"
        class="btn"
        data-testid="bulk-copy-bibtex"
        disabled={props.busy || props.count > CITE_MAX}
        title={
          props.count > CITE_MAX
            ? `At most ${count(CITE_MAX)} at a time: export a BibTeX file instead`
            : "Copy their BibTeX, to paste into a manuscript's .bib (no notes, tags or abstracts)"
        }
        onClick={props.onCopyBibtex}
      >
        Copy BibTeX
      </button>
      {props.count === 2 &&
        (confirmMerge ? (
          <span class="group merge-confirm" role="group" aria-label="Merge the two selected papers">
            <span>The same paper? One entry keeps the sightings, tags and notes of both.</span>
            <button
              type="button"
              class="btn btn-primary"
              data-testid="bulk-merge-confirm"
              disabled={props.busy}
              onClick={() => {
                setConfirmMerge(false);
                props.onMerge();
              }}
            >
              Merge
            </button>
            <button type="button" class="btn btn-quiet" data-testid="bulk-merge-cancel" onClick={() => setConfirmMerge(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="btn"
            data-testid="bulk-merge"
            title="The two selected papers are the same paper: keep one entry with everything of both"
            disabled={props.busy}
            onClick={() => setConfirmMerge(true)}
          >
            Merge…
          </button>
        ))}
      <button type="button" class="btn btn-danger" data-testid="bulk-delete" disabled={props.busy} onClick={() => props.onRun({ kind: 'delete' })}>
        Delete
      </button>
      <button type="button" class="btn btn-quiet" data-testid="bulk-clear" onClick={props.onClear}>
        Clear selection
      </button>
    </div>
  );
}
