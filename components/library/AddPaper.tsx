/**
 * "Add a paper" below the library's filters: a paper met off the digests (a colleague's mention, a
 * talk) kept by hand, saved at once. One the library holds already is opened instead; one it holds
 * by a near title only is shown, for the reader to say whether it is that paper.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CardInput, MatchView, PaperView } from '../../lib/messages';
import { texToUnicode } from '../../lib/tex-unicode';
import { CARD_LIMITS } from '../../lib/card-limits';
import { cardFromFields, type AddPaperFields } from './add-paper';
import { inlineForm } from './inline-form';

export interface Added {
  paper: PaperView;
  existed: boolean;
  match?: MatchView;
}

export interface AddPaperProps {
  /** A title to start from (the search that found nothing). */
  title?: string;
  /** Resolves what the library did, or null when it refused (the page has said why). */
  onAdd(card: CardInput, asNew: boolean): Promise<Added | null>;
  onOpen(key: string): void;
  onClose(): void;
}

export function AddPaper({ title: start = '', onAdd, onOpen, onClose }: AddPaperProps) {
  const [fields, setFields] = useState<AddPaperFields>({ title: start, authors: '', id: '', year: '' });
  const [error, setError] = useState<string | null>(null);
  const [near, setNear] = useState<PaperView | null>(null);
  const [busy, setBusy] = useState(false);
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => title.current?.focus(), []);

  const add = async (asNew: boolean) => {
    const parsed = cardFromFields(fields);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    setBusy(true);
    try {
      const added = await onAdd(parsed.card, asNew);
      if (!added) return;
      if (added.existed && added.match?.rule === 'similar-title') setNear(added.paper);
      else onClose();
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof AddPaperFields, label: string, extra: { placeholder?: string; maxLength?: number } = {}) => (
    <label class="field">
      <span>{label}</span>
      <input
        ref={name === 'title' ? title : undefined}
        data-testid={`add-${name}`}
        value={fields[name]}
        placeholder={extra.placeholder}
        maxLength={extra.maxLength}
        autocomplete="off"
        spellcheck={name === 'title'}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setFields((f) => ({ ...f, [name]: value }));
          setNear(null);
        }}
      />
    </label>
  );
  return (
    <form
      class="add-paper"
      data-testid="add-paper-form"
      aria-label="Add a paper by hand"
      {...inlineForm(() => void add(false), onClose)}
    >
      <div class="add-fields">
        {field('title', 'Title', { maxLength: CARD_LIMITS.title })}
        {field('authors', 'Authors', { placeholder: 'Ada Lovelace, Alan Turing' })}
        {field('id', 'arXiv id, DOI or link', { placeholder: '2401.01234' })}
        {field('year', 'Year', { placeholder: '2026', maxLength: 4 })}
      </div>
      {error && (
        <p class="add-error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
      {near ? (
        <div class="add-near" role="status" data-testid="add-near">
          <span>
            Your library has a paper of a near title: <q>{texToUnicode(near.title)}</q>.
          </span>
          <button type="button" class="btn" data-testid="add-open-near" onClick={() => (onOpen(near.key), onClose())}>
            It is that one: open it
          </button>
          <button type="button" class="btn btn-primary" data-testid="add-as-new" disabled={busy} onClick={() => void add(true)}>
            Add as another paper
          </button>
        </div>
      ) : (
        <div class="add-actions">
          <button type="submit" class="btn btn-primary" data-testid="add-save" disabled={busy || fields.title.trim() === ''}>
            Add and save
          </button>
          <button type="button" class="btn btn-quiet" onClick={onClose}>
            Cancel
          </button>
          <span class="muted add-hint">Saved at once; a digest or a file that shows it later joins it.</span>
        </div>
      )}
    </form>
  );
}
