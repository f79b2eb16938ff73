import type { PanelField } from '../../lib/messages';

/**
 * Keys typed after the `t` (or `n`) shortcut before the panel's tag (or note) field has focus. The panel loads (the
 * first time on a page), then reads the paper, and a quick typist is faster than both: "sparse"
 * typed at once used to save the card on its `s` (our own shortcut) and leave "rse" in the field.
 * Until the field takes them, such keys are kept and reach nothing else.
 */

/**
 * `text` after a key that types: a printable character, Backspace, or Enter (for the tags a comma:
 * it adds the tag typed so far, as Enter in the field does; for the note a new line); null for any
 * other key.
 */
export function typedKey(text: string, e: KeyboardEvent, field: PanelField = 'tags'): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  if (e.key === 'Backspace') return text.slice(0, -1);
  if (e.key === 'Enter') return field === 'note' ? `${text}\n` : `${text},`;
  return [...e.key].length === 1 ? text + e.key : null;
}

export interface Typeahead {
  /** What was typed, and no more keys kept. */
  take(): string;
  stop(): void;
}

/** A page whose panel is loading never loses its keys for longer than this. */
export const TYPEAHEAD_MS = 3_000;

/**
 * Keep what is typed on `win` from now on, in the capture phase at the window, before the page's
 * document and our shortcuts see it.
 */
export function collectTyping(win: Window, field: PanelField = 'tags'): Typeahead {
  let text = '';
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), TYPEAHEAD_MS);
  const end = () => {
    clearTimeout(timer);
    stop.abort();
  };
  win.addEventListener(
    'keydown',
    (e) => {
      const next = typedKey(text, e, field);
      if (next === null) return;
      text = next;
      e.preventDefault();
      e.stopImmediatePropagation();
    },
    { capture: true, signal: stop.signal },
  );
  return {
    take() {
      end();
      const t = text;
      text = '';
      return t;
    },
    stop: end,
  };
}
