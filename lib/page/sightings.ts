/**
 * Sightings waiting to be recorded. The cards the reader saw go in one message a second after the
 * first of them, not one each: scrolling through a digest sees a card every few hundred
 * milliseconds. The wait starts with the first card and is not pushed back by later ones, so a
 * reader who keeps scrolling still has each sighting recorded within the second (the popup and
 * other tabs follow it), and a page that is hidden or left sends what is waiting at once.
 */
import type { CardInput } from '../messages';

export const SIGHTING_BATCH_MS = 1_000;
/** Tries of one batch the background could not take, a second apart, then two, then four. */
export const SIGHTING_TRIES = 4;

export class SightingBatch {
  private readonly pending = new Map<string, CardInput>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /**
     * Sends one batch (`ids`: the cards' ids, in order); reads whatever visit and page the batch
     * belongs to when it is called.
     */
    private readonly send: (cards: CardInput[], ids: string[]) => Promise<unknown>,
    private readonly waitMs = SIGHTING_BATCH_MS,
  ) {}

  /** A card seen; the same card (`id`) twice in one batch is one sighting. */
  add(id: string, card: CardInput): void {
    this.pending.set(id, card);
    this.timer ??= setTimeout(() => void this.flush(), this.waitMs);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Send what is waiting now (page hidden, left, or another visit begins). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const ids = [...this.pending.keys()];
    const cards = [...this.pending.values()];
    this.pending.clear();
    await this.send(cards, ids);
  }
}

/**
 * Sends one batch by `attempt` (true: the background took it, or refused it for good); when it could
 * not take it — its worker starting, stopped mid-reply, or busy — tries again later, so a reader's
 * sightings are not lost to a hiccup. Recording is idempotent per visit, so a batch that was taken
 * though its reply was lost is not counted twice. Resolves after the first try: a flush before the
 * next visit does not wait out the retries.
 */
export async function sendRetrying(
  attempt: () => Promise<boolean>,
  { tries = SIGHTING_TRIES, waitMs = SIGHTING_BATCH_MS, schedule = (fn: () => void, ms: number) => void setTimeout(fn, ms) } = {},
): Promise<boolean> {
  if (await attempt()) return true;
  let made = 1;
  const again = () =>
    void attempt().then((ok) => {
      if (!ok && ++made < tries) schedule(again, waitMs * 2 ** (made - 1));
    });
  if (made < tries) schedule(again, waitMs);
  return false;
}
