/**
 * A note textarea saved as you type, for the badge panel, the popup and the library page. The UI
 * can go away at any keystroke, so the pending text is sent on blur, on pagehide, when the page is
 * hidden and on unmount; a note changed elsewhere shows up unless the user is writing here. Each UI
 * brings its own saver (`create`), words and markup.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SaveState } from './autosave';

/** What the hook drives: the shared `createAutosave` and the library's `createNoteSaver` both fit. */
export interface NoteSaver {
  change(text: string): void;
  flush(): void;
  /** The user's text is not stored yet (the library's saver counts a save in flight too). */
  readonly dirty: boolean;
  reset(stored: string): void;
  dispose(): void;
}

export interface NoteAutosaveOptions<R> {
  /** The stored note. */
  note: string;
  /** The latest `save` is used at send time: a first save may create the paper, later ones address it by key. */
  save(text: string): Promise<R>;
  /** Makes the saver, once; `save` always calls the latest prop. */
  create(save: (text: string) => Promise<R>, onState: (state: SaveState) => void): NoteSaver;
  /** Text left unsent by an earlier visit: shown instead of `note` and sent at once. */
  recovered?: string | null;
  /**
   * Whether a note changed elsewhere becomes the saver's baseline even while the user is writing
   * (the badge panel), or only when the textarea is idle and shows it (the popup, the library).
   */
  rebaseWhileEditing?: boolean;
}

export interface NoteAutosave {
  text: string;
  state: SaveState;
  /** Spread on the textarea. */
  field: {
    value: string;
    onFocus(): void;
    onBlur(): void;
    onInput(e: JSX.TargetedEvent<HTMLTextAreaElement, Event>): void;
  };
}

export function useNoteAutosave<R>({ note, save, create, recovered, rebaseWhileEditing = false }: NoteAutosaveOptions<R>): NoteAutosave {
  const [text, setText] = useState(recovered ?? note);
  const [state, setState] = useState<SaveState>('idle');
  const focused = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  const saver = useRef<NoteSaver | null>(null);
  saver.current ??= create((t) => saveRef.current(t), setState);

  useEffect(() => {
    const s = saver.current!;
    // A draft from an interrupted visit is saved now.
    if (recovered !== null && recovered !== undefined) {
      s.change(recovered);
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

  // The first run has nothing new to show (and must not cover a recovered draft with `note`).
  const synced = useRef(false);
  useEffect(() => {
    if (!synced.current) {
      synced.current = true;
      return;
    }
    const s = saver.current!;
    const editing = focused.current || s.dirty;
    if (!editing || rebaseWhileEditing) s.reset(note);
    if (!editing) setText(note);
  }, [note]);

  return {
    text,
    state,
    field: {
      value: text,
      onFocus() {
        focused.current = true;
      },
      onBlur() {
        focused.current = false;
        saver.current!.flush();
      },
      onInput(e) {
        const value = e.currentTarget.value;
        setText(value);
        saver.current!.change(value);
      },
    },
  };
}
