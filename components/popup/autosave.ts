/**
 * Debounced saving of a text with an explicit flush. The popup can close at any keystroke, so every
 * path out (blur, pagehide, hidden, unmount) calls `flush`, which sends at once and synchronously
 * starts the message: nothing waits on a previous save, whose reply may never arrive.
 */

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave {
  /** The text changed: save it after the quiet delay. */
  change(text: string): void;
  /** Save what is pending now. */
  flush(): void;
  /** Text typed but not sent yet. */
  readonly dirty: boolean;
  /** The stored text changed elsewhere; it becomes the baseline for "unchanged". */
  reset(stored: string): void;
  dispose(): void;
}

export function createAutosave(
  save: (text: string) => Promise<unknown>,
  opts: { delay?: number; initial?: string; onState?: (state: SaveState) => void } = {},
): Autosave {
  const delay = opts.delay ?? 300;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string | null = null;
  let lastSent = opts.initial;
  // Replies can come back out of order; only the newest save's outcome is shown.
  let seq = 0;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
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
    save(text).then(
      () => {
        if (mine === seq && pending === null) opts.onState?.('saved');
      },
      () => {
        // Forget what was sent so the next flush tries again.
        if (lastSent === text) lastSent = undefined;
        if (mine === seq) opts.onState?.('error');
      },
    );
  };

  return {
    change(text) {
      pending = text;
      opts.onState?.('pending');
      if (timer !== undefined) clearTimeout(timer);
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
