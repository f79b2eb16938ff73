/**
 * Debounced saving of a text with an explicit flush, for the badge panel and the popup. Either can
 * go away at any keystroke (the tab closes, the popup loses focus), so every way out (blur, panel
 * close, pagehide, hidden page, unmount) calls `flush`, which starts the message synchronously and
 * never waits on an earlier save whose reply may never come.
 *
 * The library page keeps its own saver (components/library/autosave.ts): it also writes a local
 * draft per keystroke and retries without limit, and so counts "unchanged" against what the
 * background confirmed rather than against what was sent.
 */

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave {
  /** The text changed: save it after the quiet delay. */
  change(text: string): void;
  /** Save what is pending now. */
  flush(): void;
  /** Typed but not sent yet. */
  readonly dirty: boolean;
  /** The stored text changed elsewhere; it becomes the baseline for "unchanged". */
  reset(stored: string): void;
  /** Going away: what is pending is sent now. */
  dispose(): void;
}

export interface AutosaveOptions {
  /** Quiet time after the last change before saving, ms. */
  delay?: number;
  /** The stored text: sending it again is skipped. */
  initial?: string;
  onState?: (state: SaveState) => void;
  /**
   * How many times a failed save is sent again on its own, after `retryMs`, 2 × `retryMs`, …
   * (a waking service worker can miss a message). After that the failed text stays pending
   * (`dirty`) and the next flush sends it.
   */
  retries?: number;
  retryMs?: number;
}

/**
 * `save` fails by rejecting or by resolving to `false`; any other value means the text was stored.
 */
export function createAutosave(save: (text: string) => Promise<unknown>, opts: AutosaveOptions = {}): Autosave {
  const delay = opts.delay ?? 300;
  const maxRetries = opts.retries ?? 0;
  const retryMs = opts.retryMs ?? 1_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string | null = null;
  let lastSent = opts.initial;
  // Replies may arrive out of order; only the newest save's outcome is shown.
  let seq = 0;
  let retries = 0;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending === null) return;
    const text = pending;
    pending = null;
    if (text === lastSent) {
      opts.onState?.('idle');
      return;
    }
    lastSent = text;
    const mine = ++seq;
    opts.onState?.('saving');
    const failed = () => {
      if (lastSent === text) lastSent = undefined;
      if (mine !== seq) return;
      opts.onState?.('error');
      if (pending !== null) return;
      // The newest text is pending again, so blur, pagehide and unmount resend it: a failure the
      // automatic retries could not mend must not be lost when the UI goes away.
      pending = text;
      if (retries < maxRetries) {
        retries++;
        timer = setTimeout(flush, retryMs * retries);
      }
    };
    save(text).then((result) => {
      if (result === false) return failed();
      retries = 0;
      if (mine === seq && pending === null) opts.onState?.('saved');
    }, failed);
  };

  return {
    change(text) {
      pending = text;
      opts.onState?.('pending');
      clearTimeout(timer);
      timer = setTimeout(flush, delay);
    },
    flush,
    get dirty() {
      return pending !== null;
    },
    reset(stored) {
      lastSent = stored;
    },
    dispose: flush,
  };
}
