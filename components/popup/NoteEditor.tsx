/**
 * A paper's note, saved as you type. The popup may close at any moment (a click outside it), so
 * the pending text is sent on blur, on pagehide, when the page is hidden and on unmount too.
 */
import { createAutosave, type SaveState } from '../shared/autosave';
import { useNoteAutosave } from '../shared/useNoteAutosave';

export interface NoteEditorProps {
  note: string;
  save(text: string): Promise<unknown>;
  delay?: number;
}

const STATE_WORDS: Record<SaveState, string> = {
  idle: '',
  pending: '',
  saving: 'saving…',
  saved: 'saved',
  error: 'not saved, will retry',
};

export function NoteEditor({ note, save, delay = 300 }: NoteEditorProps) {
  // The latest `save` is used at send time: the first save of a new card creates the paper, and
  // later ones must address it by key. A change from elsewhere (the library page, another popup)
  // shows up unless the user is typing here. A failed save is sent again on its own (a waking
  // service worker can miss a message), then on the next edit, blur or close: "will retry" holds.
  const { text, state, field } = useNoteAutosave({
    note,
    save,
    create: (send, onState) => createAutosave(send, { delay, initial: note, onState, retries: 3 }),
  });

  return (
    <div class="note">
      <textarea
        data-testid="note-input"
        aria-label="Note"
        placeholder="Note (plain text or markdown)"
        rows={Math.min(10, Math.max(3, text.split('\n').length + 1))}
        {...field}
      />
      <span class="note-state" data-testid="note-state" data-state={state} aria-live="polite">
        {STATE_WORDS[state]}
      </span>
    </div>
  );
}
