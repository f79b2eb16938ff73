import { useEffect, useRef, useState } from 'preact/hooks';
import { createAutosave, type SaveState } from '../shared/autosave';

export interface NoteFieldProps {
  /** The stored note. */
  note: string;
  /** Sends the note; resolves to whether it was stored. */
  save: (text: string) => Promise<boolean>;
}

const STATE_TEXT: Record<SaveState, string> = {
  idle: '',
  pending: '…',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved — will retry',
};

/** A note that saves as you type (300 ms quiet), and at once on blur, close and pagehide. */
export function NoteField({ note, save }: NoteFieldProps) {
  const [text, setText] = useState(note);
  const [state, setState] = useState<SaveState>('idle');
  const saveRef = useRef(save);
  saveRef.current = save;
  const auto = useRef(createAutosave((t) => saveRef.current(t), { initial: note, onState: setState, retries: 3 })).current;
  const focused = useRef(false);

  // A note changed elsewhere (popup, another tab) shows here unless the user is writing.
  useEffect(() => {
    auto.reset(note);
    if (!focused.current && !auto.dirty) setText(note);
  }, [note]);

  useEffect(() => {
    const flush = () => auto.flush();
    const onHidden = () => document.visibilityState === 'hidden' && auto.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      auto.flush();
    };
  }, []);

  return (
    <div class="section">
      <label class="label" for="dl-note">
        Note
        <span class={`notestate ${state === 'error' ? 'error' : ''}`} role="status">
          {STATE_TEXT[state]}
        </span>
      </label>
      <textarea
        id="dl-note"
        data-field="note"
        placeholder="Why it matters, what to try… (saved as you type)"
        maxLength={100_000}
        value={text}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          auto.change(t);
        }}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false;
          auto.flush();
        }}
      />
    </div>
  );
}
