/**
 * Debounced saving with an explicit flush. The tab can go away at any keystroke, so every way out
 * (blur, panel close, pagehide, hidden tab) calls `flush`, which starts the message synchronously
 * and never waits on an earlier save whose reply may never come.
 */

const MAX_RETRIES = 3;
const RETRY_MS = 1_000;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave {
  change(text: string): void;
  flush(): void;
  /** Typed but not sent yet. */
  readonly dirty: boolean;
  /** The stored text changed elsewhere; it becomes the baseline for "unchanged". */
  reset(stored: string): void;
}

export function createAutosave(
  save: (text: string) => Promise<boolean>,
  opts: { delay?: number; initial?: string; onState?: (state: SaveState) => void } = {},
): Autosave {
  const delay = opts.delay ?? 300;
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
      // Forget what was sent so the next flush tries again.
      if (lastSent === text) lastSent = undefined;
      if (mine !== seq) return;
      opts.onState?.('error');
      // A waking service worker can miss a message: try the newest text again, a few times.
      if (pending === null && retries < MAX_RETRIES) {
        retries++;
        pending = text;
        timer = setTimeout(flush, RETRY_MS * retries);
      }
    };
    save(text).then((ok) => {
      if (!ok) return failed();
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
  };
}
