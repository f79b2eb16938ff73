/**
 * A paper's note, saved as you type (debounced), flushed on blur, on pagehide, when the tab is
 * hidden and when another paper is opened (unmount). A local draft covers the gap until the
 * background confirms, so closing the tab mid-sentence loses nothing.
 */
import { useRef } from 'preact/hooks';
import type { SaveState } from '../shared/autosave';
import { useNoteAutosave } from '../shared/useNoteAutosave';
import { createNoteSaver, localDrafts, recoverDraft, type DraftStore } from './autosave';

export interface NoteEditorProps {
  paperKey: string;
  note: string;
  /** When the stored paper last changed: decides whether a leftover draft is newer. */
  updatedAt: number;
  save(text: string): Promise<unknown>;
  delay?: number;
  drafts?: DraftStore;
}

const WORDS: Record<SaveState, string> = {
  idle: '',
  pending: 'Editing…',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved yet — retrying',
};

export function NoteEditor({ paperKey, note, updatedAt, save, delay = 500, drafts }: NoteEditorProps) {
  const store = useRef(drafts ?? localDrafts()).current;
  const recovered = useRef<string | null | undefined>(undefined);
  if (recovered.current === undefined) recovered.current = recoverDraft(store, paperKey, note, updatedAt);
  // A draft from an interrupted visit is saved at once, and says so. An edit made elsewhere
  // (popup, badge) shows up unless the user is writing here.
  const { text, state, field } = useNoteAutosave({
    note,
    save,
    recovered: recovered.current,
    create: (send, onState) => createNoteSaver({ key: paperKey, initial: note, drafts: store, delay, save: send, onState }),
  });

  return (
    <div class="note">
      <textarea
        data-testid="note-textarea"
        aria-label="Note"
        placeholder="Your notes on this paper (plain text or Markdown)…"
        rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
        {...field}
      />
      <div class={`note-state note-${state}`} data-testid="note-status" aria-live="polite">
        {recovered.current && state !== 'saved' ? 'Recovered an unsaved draft. ' : ''}
        {WORDS[state]}
      </div>
    </div>
  );
}
