/**
 * A paper's note, saved as you type (debounced), flushed on blur, on pagehide, when the tab is
 * hidden and when another paper is opened (unmount). A local draft covers the gap until the
 * background confirms, so closing the tab mid-sentence loses nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { createNoteSaver, localDrafts, recoverDraft, type DraftStore, type NoteSaver, type SaveState } from './autosave';

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
  const [text, setText] = useState(recovered.current ?? note);
  const [state, setState] = useState<SaveState>('idle');
  const focused = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  const saver = useRef<NoteSaver | null>(null);
  saver.current ??= createNoteSaver({ key: paperKey, initial: note, drafts: store, delay, save: (t) => saveRef.current(t), onState: setState });

  useEffect(() => {
    const s = saver.current!;
    // A draft from an interrupted visit is saved now, and says so.
    if (recovered.current !== null && recovered.current !== undefined) {
      s.change(recovered.current);
      s.flush();
    }
    const onPageHide = () => s.flush();
    const onHidden = () => {
      if (document.visibilityState === 'hidden') s.flush();
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onHidden);
      s.dispose();
    };
  }, []);

  // An edit made elsewhere (popup, badge) shows up unless the user is writing here.
  useEffect(() => {
    const s = saver.current!;
    if (focused.current || s.dirty) return;
    s.reset(note);
    setText(note);
  }, [note]);

  return (
    <div class="note">
      <textarea
        data-testid="note-textarea"
        aria-label="Note"
        placeholder="Your notes on this paper (plain text or Markdown)…"
        value={text}
        rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          saver.current!.flush();
        }}
        onInput={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          saver.current!.change(v);
        }}
      />
      <div class={`note-state note-${state}`} data-testid="note-status" aria-live="polite">
        {recovered.current && state !== 'saved' ? 'Recovered an unsaved draft. ' : ''}
        {WORDS[state]}
      </div>
    </div>
  );
}
