/**
 * Work on a page in slices of a few milliseconds, giving the page the main thread between them, so
 * that no task of the content script is long enough for a reader to feel (a frame is 16 ms; the
 * browser calls a task over 50 ms long). Pure logic: the clock and the way to yield are injected, so
 * tests drive it without timers.
 */

/** Default slice: well under a frame, so input and rendering get their turn between slices. */
export const SLICE_MS = 8;
/**
 * A frame: the most one slice may take where the work is short anyway (a page of ordinary length),
 * so that it is done in one or two tasks instead of waiting behind the page's own tasks between
 * many small slices.
 */
export const FRAME_MS = 16;

export interface Slicer {
  /** True once the current slice has used its budget: the caller should `pause()` soon. */
  due(): boolean;
  /** Give the page the main thread, then start a new slice. */
  pause(): Promise<void>;
  /** `pause()` only if the slice is used up. */
  maybePause(): Promise<void>;
  /** How many times this slicer has yielded (for tests and diagnostics). */
  readonly pauses: number;
}

export interface SlicerOptions {
  budgetMs?: number;
  /** The first slice's budget, when it differs (see FRAME_MS). */
  firstBudgetMs?: number;
  now?: () => number;
  yieldNow?: () => Promise<void>;
}

let channel: { port: MessagePort; queue: (() => void)[] } | null = null;

/**
 * Yield to the page: a MessageChannel message, a task of its own that runs right after what is
 * already queued (input, rendering) and, unlike `setTimeout(0)`, is not clamped to 4 ms when
 * nested. Not `scheduler.yield()`: its continuation is a bare promise job, which a performance trace
 * cannot attribute to the extension, so the content script's work would look smaller than it is.
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    if (!channel) {
      const mc = new MessageChannel();
      const queue: (() => void)[] = [];
      mc.port1.onmessage = () => queue.shift()?.();
      channel = { port: mc.port2, queue };
    }
    const c = channel;
    return new Promise((resolve) => {
      c.queue.push(resolve);
      c.port.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createSlicer(opts: SlicerOptions = {}): Slicer {
  const budget = opts.budgetMs ?? SLICE_MS;
  const now = opts.now ?? (() => performance.now());
  const yieldNow = opts.yieldNow ?? yieldToPage;
  let start = now();
  let pauses = 0;
  let current = opts.firstBudgetMs ?? budget;
  const slicer: Slicer = {
    due: () => now() - start >= current,
    async pause() {
      pauses++;
      await yieldNow();
      start = now();
      current = budget;
    },
    async maybePause() {
      if (slicer.due()) await slicer.pause();
    },
    get pauses() {
      return pauses;
    },
  };
  return slicer;
}

/**
 * Run a generator that yields at safe points (after each unit of work) to completion, pausing
 * whenever the slice is used up. Returns what the generator returns.
 */
export async function runSliced<R>(steps: Generator<unknown, R, void>, slicer: Slicer): Promise<R> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slicer.due()) await slicer.pause();
  }
}

/** Run a generator to completion at once (the synchronous path of the same code). */
export function runAll<R>(steps: Generator<unknown, R, void>): R {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** `fn` on every item, in slices. */
export async function eachSliced<T>(items: Iterable<T>, fn: (item: T) => void, slicer: Slicer): Promise<void> {
  for (const item of items) {
    fn(item);
    if (slicer.due()) await slicer.pause();
  }
}
