/**
 * The details' venue: where the paper was published, as a page or an imported entry taught it, and
 * the reader's own (a venue a page had wrong, the journal version a page never names, none at all).
 * What the reader sets is kept: pages and imports no longer change it (lib/venue.ts setVenue).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperView } from '../../lib/messages';
import { CARD_LIMITS } from '../../lib/card-limits';
import { NUMBER_MAX, venueCitation, venueName, type VenueEdit } from '../../lib/venue';
import { inlineForm } from './inline-form';
import { YEAR_HINT, yearField } from './year-field';

export interface VenueFactsProps {
  paper: PaperView;
  /** Resolves true once the library has it (the form then closes), false when it was refused. */
  onSave(edit: VenueEdit): Promise<boolean>;
}

/** The venue's term and description in the details' facts, or the form that edits them. */
export function VenueFacts({ paper, onSave }: VenueFactsProps) {
  const [editing, setEditing] = useState(false);
  // Back to the button that opened the form when it closes, as a dialog gives focus back.
  const button = useRef<HTMLButtonElement>(null);
  const returning = useRef(false);
  useEffect(() => {
    if (editing || !returning.current) return;
    returning.current = false;
    button.current?.focus();
  }, [editing]);
  const close = () => {
    returning.current = true;
    setEditing(false);
  };
  const venue = venueCitation(paper);
  const fixed = paper.venueFixed ? 'Set by you: pages and imports no longer change it' : undefined;
  if (editing) {
    return (
      <>
        <dt>Venue</dt>
        <dd class="venue-cell">
          <VenueForm
            paper={paper}
            onSave={async (edit) => {
              if (await onSave(edit)) close();
            }}
            onClose={close}
          />
        </dd>
      </>
    );
  }
  const edit = (label: string, title: string) => (
    <button ref={button} type="button" class="linkish venue-edit" data-testid="venue-edit" title={title} onClick={() => setEditing(true)}>
      {label}
    </button>
  );
  return venue ? (
    <>
      <dt>{paper.journal ? 'Journal' : 'Proceedings'}</dt>
      <dd title={fixed}>
        <span data-testid="detail-venue">{venue}</span> {edit('edit', 'Change or clear where it was published')}
      </dd>
    </>
  ) : (
    <>
      <dt>Venue</dt>
      <dd title={fixed}>
        <span class="muted" data-testid="detail-no-venue">
          {paper.venueFixed ? 'none (cleared)' : 'none known'}
        </span>{' '}
        · {edit('add', 'Say where it was published: a journal or a conference')}
      </dd>
    </>
  );
}

interface VenueFormProps {
  paper: PaperView;
  onSave(edit: VenueEdit): Promise<void>;
  onClose(): void;
}

function VenueForm({ paper, onSave, onClose }: VenueFormProps) {
  const [kind, setKind] = useState<VenueEdit['kind']>(paper.journal ? 'journal' : 'proceedings');
  const [name, setName] = useState(venueName(paper) ?? '');
  const [volume, setVolume] = useState(paper.volume ?? '');
  const [issue, setIssue] = useState(paper.issue ?? '');
  const [pages, setPages] = useState(paper.pages ?? '');
  const [year, setYear] = useState(paper.year !== undefined ? String(paper.year) : '');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const typedYear = yearField(year);
  const yearWrong = 'error' in typedYear;
  const send = async (edit: VenueEdit) => {
    if (busy) return;
    setBusy(true);
    try {
      await onSave(edit);
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    if ('error' in typedYear) return;
    // A number without a name means nothing (lib/venue.ts), so an empty name clears the numbers too.
    const numbers = name.trim() === '' ? {} : { volume: volume.trim() || undefined, issue: issue.trim() || undefined, pages: pages.trim() || undefined };
    void send({ kind, name, ...numbers, year: typedYear.year });
  };
  const small = (label: string, value: string, set: (v: string) => void, testid: string, max = NUMBER_MAX) => (
    <label class="field">
      <span>{label}</span>
      <input data-testid={testid} value={value} maxLength={max} autocomplete="off" spellcheck={false} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );
  return (
    <form
      class="venue-form"
      data-testid="venue-form"
      aria-label="Where it was published"
      {...inlineForm(submit, onClose)}
    >
      <div class="venue-name">
        <select aria-label="Kind of venue" data-testid="venue-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as VenueEdit['kind'])}>
          <option value="proceedings">Proceedings</option>
          <option value="journal">Journal</option>
        </select>
        <input
          ref={first}
          aria-label={kind === 'journal' ? "The journal's name" : "The conference's or proceedings' name"}
          placeholder={kind === 'journal' ? 'Nature, TMLR…' : 'NeurIPS 2025, ICLR 2026…'}
          data-testid="venue-name"
          value={name}
          maxLength={CARD_LIMITS.venue}
          autocomplete="off"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="venue-numbers">
        {small('Volume', volume, setVolume, 'venue-volume')}
        {small('Issue', issue, setIssue, 'venue-issue')}
        {small('Pages', pages, setPages, 'venue-pages')}
        {small('Year', year, setYear, 'venue-year', 4)}
      </div>
      {yearWrong && (
        <p class="venue-error" role="alert">
          {YEAR_HINT}
        </p>
      )}
      <div class="venue-actions">
        <button type="submit" class="btn btn-primary" data-testid="venue-save" disabled={busy || yearWrong}>
          Save
        </button>
        <button type="button" class="btn btn-quiet" onClick={onClose}>
          Cancel
        </button>
        {venueName(paper) !== undefined && (
          <button type="button" class="btn btn-quiet venue-clear" data-testid="venue-clear" disabled={busy} onClick={() => void send({ kind, name: '' })}>
            Clear venue
          </button>
        )}
      </div>
      <p class="muted venue-hint">Cited as you set it; pages and imports no longer change it.</p>
    </form>
  );
}
