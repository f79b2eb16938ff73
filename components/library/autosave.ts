/**
 * A note saved as you type. Every keystroke is also written synchronously to a local draft, so a
 * note survives the tab closing before the background answered (or while it was asleep); the draft
 * is dropped once a save of that exact text is confirmed, and offered back on the next visit
 * otherwise. Saves that fail are retried with back-off.
 *
 * Not the shared `createAutosave` (components/shared/autosave.ts) of the badge and the popup,
 * although it looks alike: "unchanged" is measured against what the background confirmed, not
 * against what was sent, so a draft is only retired by a confirmed save; a save in flight counts
 * as dirty; failed saves are retried without limit (1 s doubling to 30 s) and stop on dispose.
 */
import type { SaveState } from '../shared/autosave';

export type { SaveState };

export interface Draft {
  text: string;
  at: number;
  /**
   * The stored note the draft was typed over. While the stored note still equals it, nothing
   * newer came from elsewhere, whatever else moved the paper's `updatedAt` (sightings, tags).
   * Drafts written before it existed have none.
   */
  base?: string;
}

export interface DraftStore {
  get(key: string): Draft | null;
  set(key: string, draft: Draft): void;
  delete(key: string): void;
}

/** Drafts in localStorage: synchronous, so a write in `pagehide` completes. */
export function localDrafts(storage: Storage | undefined = globalThis.localStorage, prefix = 'dejalu.noteDraft.'): DraftStore {
  return {
    get(key) {
      try {
        const raw = storage?.getItem(prefix + key);
        if (!raw) return null;
        const d = JSON.parse(raw) as Partial<Draft>;
        if (typeof d.text !== 'string' || typeof d.at !== 'number') return null;
        return typeof d.base === 'string' ? { text: d.text, at: d.at, base: d.base } : { text: d.text, at: d.at };
      } catch {
        return null;
      }
    },
    set(key, draft) {
      try {
        storage?.setItem(prefix + key, JSON.stringify(draft));
      } catch {
        // Storage full or unavailable: the debounced save still runs.
      }
    },
    delete(key) {
      try {
        storage?.removeItem(prefix + key);
      } catch {
        /* nothing to clean */
      }
    },
  };
}

export function memoryDrafts(): DraftStore & { map: Map<string, Draft> } {
  const map = new Map<string, Draft>();
  return { map, get: (k) => map.get(k) ?? null, set: (k, d) => void map.set(k, d), delete: (k) => void map.delete(k) };
}

export interface NoteSaver {
  change(text: string): void;
  /** Send what is pending now (blur, pagehide, switching papers). */
  flush(): void;
  readonly dirty: boolean;
  readonly state: SaveState;
  /** The stored note changed elsewhere and is now the baseline. */
  reset(stored: string): void;
  dispose(): void;
}

export interface NoteSaverOptions {
  save(text: string): Promise<unknown>;
  /** Which paper: the draft's key. */
  key: string;
  initial: string;
  drafts?: DraftStore;
  delay?: number;
  onState?(state: SaveState): void;
  now?(): number;
}

export function createNoteSaver(opts: NoteSaverOptions): NoteSaver {
  const delay = opts.delay ?? 500;
  const drafts = opts.drafts ?? localDrafts();
  const now = opts.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1_000;
  let pending: string | null = null;
  let confirmed = opts.initial;
  let inFlight: string | null = null;
  /** The newest text handed to `save`: an older save's late answer must not count for it. */
  let lastSent: string | null = null;
  let state: SaveState = 'idle';
  let disposed = false;
  /** The text the draft holds and when it was typed. */
  let typed: { text: string; at: number } | null = null;
  const writeDraft = () => {
    if (typed) drafts.set(opts.key, { ...typed, base: confirmed });
  };
  const setState = (s: SaveState) => {
    state = s;
    opts.onState?.(s);
  };

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    if (pending === null) return;
    const text = pending;
    pending = null;
    if (text === confirmed && inFlight === null) {
      drafts.delete(opts.key);
      typed = null;
      setState('idle');
      return;
    }
    inFlight = text;
    lastSent = text;
    setState('saving');
    opts.save(text).then(
      () => {
        if (text === lastSent) confirmed = text;
        if (inFlight === text) inFlight = null;
        retryDelay = 1_000;
        // Only a confirmed save of the newest text retires the draft; an older one is its new base.
        if (pending === null && inFlight === null) {
          drafts.delete(opts.key);
          typed = null;
          if (!disposed) setState('saved');
        } else if (text === confirmed) writeDraft();
      },
      () => {
        if (inFlight === text) inFlight = null;
        if (disposed) return;
        // Retry only the newest text: an older failed save must never overwrite a newer note.
        if (text !== lastSent) return;
        pending ??= text;
        setState('error');
        retryTimer = setTimeout(flush, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30_000);
      },
    );
  };

  return {
    change(text) {
      pending = text;
      typed = { text, at: now() };
      writeDraft();
      setState('pending');
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, delay);
    },
    flush,
    get dirty() {
      return pending !== null || inFlight !== null;
    },
    get state() {
      return state;
    },
    reset(stored) {
      confirmed = stored;
    },
    dispose() {
      flush();
      disposed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
    },
  };
}

/**
 * The draft left by a visit whose save was never confirmed, if it should win over the stored
 * note: it differs, and either the stored note is still the one it was typed over or the paper
 * last changed before it was written. `updatedAt` alone would not do: every sighting and tag moves
 * it. A draft from before drafts kept their base knows only that an empty note overrules nothing.
 * Stale drafts are removed.
 */
export function recoverDraft(drafts: DraftStore, key: string, stored: string, storedAt: number): string | null {
  const d = drafts.get(key);
  if (!d) return null;
  const otherNote = d.base === undefined ? stored !== '' : stored !== d.base;
  if (d.text === stored || (otherNote && d.at < storedAt)) {
    drafts.delete(key);
    return null;
  }
  return d.text;
}
