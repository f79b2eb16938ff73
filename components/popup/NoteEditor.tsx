/**
 * A paper's note, saved as you type. The popup may close at any moment (a click outside it), so
 * the pending text is sent on blur, on pagehide, when the page is hidden and on unmount too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { createAutosave, type Autosave, type SaveState } from '../shared/autosave';

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
  const [text, setText] = useState(note);
  const [state, setState] = useState<SaveState>('idle');
  const focused = useRef(false);
  // The latest `save` is used at send time: the first save of a new card creates the paper, and
  // later ones must address it by key.
  const saveRef = useRef(save);
  saveRef.current = save;
  const saver = useRef<Autosave | null>(null);
  if (!saver.current) {
    saver.current = createAutosave((t) => saveRef.current(t), { delay, initial: note, onState: setState });
  }

  useEffect(() => {
    const s = saver.current!;
    const onHidden = () => {
      if (document.visibilityState === 'hidden') s.flush();
    };
    const onPageHide = () => s.flush();
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onHidden);
      s.dispose();
    };
  }, []);

  // A change from elsewhere (the library page, another popup) shows up unless the user is typing here.
  useEffect(() => {
    const s = saver.current!;
    if (focused.current || s.dirty) return;
    s.reset(note);
    setText(note);
  }, [note]);

  return (
    <div class="note">
      <textarea
        data-testid="note-input"
        aria-label="Note"
        placeholder="Note (plain text or markdown)"
        value={text}
        rows={Math.min(10, Math.max(3, text.split('\n').length + 1))}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          saver.current!.flush();
        }}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          saver.current!.change(value);
        }}
      />
      <span class="note-state" data-testid="note-state" data-state={state} aria-live="polite">
        {STATE_WORDS[state]}
      </span>
    </div>
  );
}
