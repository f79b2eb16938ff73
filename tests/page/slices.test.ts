import { describe, expect, it } from 'vitest';
import { lookupBatches } from '../../lib/page/controller';
import { createSlicer, eachSliced, runAll, runSliced } from '../../lib/page/slices';

/** A clock the test moves by hand, and a yield that records when it happened. */
function fakeTime() {
  let t = 0;
  const yields: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    yields,
    yieldNow: async () => {
      yields.push(t);
    },
  };
}

describe('slicer', () => {
  it('yields once a slice has used its budget, and starts a new slice after', async () => {
    const clock = fakeTime();
    const slicer = createSlicer({ budgetMs: 8, now: clock.now, yieldNow: clock.yieldNow });
    // 20 items of 3 ms: a pause after every third item (9 ms >= 8 ms).
    await eachSliced(Array.from({ length: 20 }, (_, i) => i), () => clock.advance(3), slicer);
    expect(slicer.pauses).toBe(6);
    expect(clock.yields).toEqual([9, 18, 27, 36, 45, 54]);
  });

  it('gives the first slice its own budget, then the usual one', async () => {
    const clock = fakeTime();
    const slicer = createSlicer({ budgetMs: 8, firstBudgetMs: 16, now: clock.now, yieldNow: clock.yieldNow });
    // 3 ms items: the first slice runs six (18 >= 16), later ones three (9 >= 8).
    await eachSliced(Array.from({ length: 12 }, (_, i) => i), () => clock.advance(3), slicer);
    expect(clock.yields).toEqual([18, 27, 36]);
  });

  it('does not yield while work is cheap', async () => {
    const clock = fakeTime();
    const slicer = createSlicer({ budgetMs: 8, now: clock.now, yieldNow: clock.yieldNow });
    await eachSliced([1, 2, 3], () => clock.advance(1), slicer);
    expect(slicer.pauses).toBe(0);
  });

  it('runs a step generator in slices, or at once, to the same result', async () => {
    function* steps(): Generator<void, number, void> {
      let sum = 0;
      for (let i = 1; i <= 10; i++) {
        sum += i;
        clock.advance(4);
        yield;
      }
      return sum;
    }
    const clock = fakeTime();
    const slicer = createSlicer({ budgetMs: 8, now: clock.now, yieldNow: clock.yieldNow });
    expect(await runSliced(steps(), slicer)).toBe(55);
    expect(slicer.pauses).toBe(5);
    expect(runAll(steps())).toBe(55);
  });
});

describe('lookupBatches', () => {
  it('sends the first cards (those badged at once) first, the rest in batches', () => {
    const items = Array.from({ length: 1_350 }, (_, i) => i);
    const batches = lookupBatches(items, 400, 500);
    expect(batches.map((b) => b.length)).toEqual([400, 500, 450]);
    expect(batches.flat()).toEqual(items);
    expect(lookupBatches(items.slice(0, 100), 400, 500)).toEqual([items.slice(0, 100)]);
    expect(lookupBatches([], 400, 500)).toEqual([]);
  });
});
