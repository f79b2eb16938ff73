import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardInput } from '../../lib/messages';
import { SIGHTING_BATCH_MS, SIGHTING_TRIES, SightingBatch, sendRetrying } from '../../lib/page/sightings';

const card = (n: number): CardInput => ({ title: `Paper ${n}`, arxivId: `2401.0000${n}` });

describe('SightingBatch', () => {
  let sent: CardInput[][];
  let batch: SightingBatch;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    batch = new SightingBatch(async (cards) => void sent.push(cards));
  });
  afterEach(() => vi.useRealTimers());

  it('sends the cards seen within a second as one message, each card once', async () => {
    batch.add('a', card(1));
    await vi.advanceTimersByTimeAsync(300);
    batch.add('b', card(2));
    batch.add('a', card(1));
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(SIGHTING_BATCH_MS - 300);
    expect(sent).toEqual([[card(1), card(2)]]);
    expect(batch.size).toBe(0);
  });

  it('is not held back by a reader who keeps scrolling: the second counts from the first card', async () => {
    for (let i = 0; i < 10; i++) {
      batch.add(`c${i}`, card(i));
      await vi.advanceTimersByTimeAsync(250);
    }
    // 2.5 s of a card every 250 ms: two full batches sent, the third waiting.
    expect(sent.map((b) => b.length)).toEqual([4, 4]);
    expect(batch.size).toBe(2);
    await vi.advanceTimersByTimeAsync(SIGHTING_BATCH_MS);
    expect(sent.flat()).toEqual(Array.from({ length: 10 }, (_, i) => card(i)));
  });

  it('flush sends what is waiting at once, and the timer then sends nothing more', async () => {
    batch.add('a', card(1));
    await batch.flush();
    expect(sent).toEqual([[card(1)]]);
    await vi.advanceTimersByTimeAsync(SIGHTING_BATCH_MS * 2);
    expect(sent).toHaveLength(1);
    await batch.flush();
    expect(sent).toHaveLength(1);
  });

  it('a card seen after a flush starts a new batch', async () => {
    batch.add('a', card(1));
    await batch.flush();
    batch.add('b', card(2));
    await vi.advanceTimersByTimeAsync(SIGHTING_BATCH_MS);
    expect(sent).toEqual([[card(1)], [card(2)]]);
  });
});

describe('sendRetrying', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tries a batch the background could not take again, a second, two, then four later, and stops once taken', async () => {
    const answers = [false, false, true];
    const at: number[] = [];
    const attempt = vi.fn(async () => (at.push(Date.now()), answers.shift() ?? true));
    const start = Date.now();
    // The first try is awaited, the others are not: a flush before the next visit does not wait.
    expect(await sendRetrying(attempt)).toBe(false);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(at.map((t) => t - start)).toEqual([0, SIGHTING_BATCH_MS, 3 * SIGHTING_BATCH_MS]);
  });

  it('gives up after its tries (a page whose extension was updated or removed)', async () => {
    const attempt = vi.fn(async () => false);
    await sendRetrying(attempt);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(SIGHTING_TRIES);
  });

  it('sends once when taken at once', async () => {
    const attempt = vi.fn(async () => true);
    expect(await sendRetrying(attempt)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
