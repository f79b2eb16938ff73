import { useEffect, useRef } from 'preact/hooks';
import { createAutosave, type SaveState } from '../shared/autosave';
import { useNoteAutosave } from '../shared/useNoteAutosave';

export interface NoteFieldProps {
  /** The stored note. */
  note: string;
  /** Sends the note; resolves to whether it was stored. */
  save: (text: string) => Promise<boolean>;
  /** Non-zero: take focus now, and again whenever it changes (the `n` shortcut). */
  focusToken?: number;
  /** What the reader typed after `n` before the note had focus: added at its end as it takes focus. */
  takeTyped?: () => string;
}

const STATE_TEXT: Record<SaveState, string> = {
  idle: '',
  pending: '…',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved — will retry',
};

/** A note that saves as you type (300 ms quiet), and at once on blur, close and pagehide. */
export function NoteField({ note, save, focusToken = 0, takeTyped }: NoteFieldProps) {
  // A note changed elsewhere (popup, another tab) shows here unless the user is writing; it is the
  // baseline for "unchanged" at once, even mid-edit. A note the background refused is sent again
  // on its own, up to three times.
  const { state, field } = useNoteAutosave({
    note,
    save,
    rebaseWhileEditing: true,
    create: (send, onState) => createAutosave(send, { initial: note, onState, retries: 3 }),
  });

  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = area.current;
    if (!focusToken || !el) return;
    el.focus({ preventScroll: true });
    const typed = takeTyped?.();
    // At the note's end, as if typed there: an input event, so it is saved as typing is.
    if (typed) {
      el.value += typed;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    el.setSelectionRange(el.value.length, el.value.length);
  }, [focusToken]);

  return (
    <div class="section">
      <label class="label" for="dl-note">
        Note
        <span class={`notestate ${state === 'error' ? 'error' : ''}`} role="status">
          {STATE_TEXT[state]}
        </span>
      </label>
      <textarea
        ref={area}
        id="dl-note"
        data-field="note"
        placeholder="Why it matters, what to try… (saved as you type)"
        maxLength={100_000}
        {...field}
      />
    </div>
  );
}
