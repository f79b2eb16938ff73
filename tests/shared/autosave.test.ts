import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveState } from '../../components/shared/autosave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createAutosave', () => {
  it('debounces (300 ms unless told), flushes at once, and skips unchanged text', async () => {
    const sent: string[] = [];
    const auto = createAutosave(async (t) => void sent.push(t), { initial: 'a' });
    auto.change('ab');
    await vi.advanceTimersByTimeAsync(200);
    auto.change('abc');
    await vi.advanceTimersByTimeAsync(299);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['abc']);
    auto.change('abc');
    auto.flush();
    expect(sent).toEqual(['abc']);
    auto.change('abcd');
    expect(auto.dirty).toBe(true);
    auto.flush();
    expect(auto.dirty).toBe(false);
    expect(sent).toEqual(['abc', 'abcd']);

    const slow = createAutosave(async (t) => void sent.push(t), { delay: 500 });
    slow.change('x');
    await vi.advanceTimersByTimeAsync(499);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['abc', 'abcd', 'x']);
  });

  it('sends what is pending on dispose', () => {
    const sent: string[] = [];
    const auto = createAutosave(async (t) => void sent.push(t));
    auto.change('last words');
    auto.dispose();
    expect(sent).toEqual(['last words']);
  });

  it('takes a text stored elsewhere as the new baseline', () => {
    const sent: string[] = [];
    const auto = createAutosave(async (t) => void sent.push(t), { initial: 'a' });
    auto.reset('from the library');
    auto.change('from the library');
    auto.flush();
    expect(sent).toEqual([]);
    auto.change('a');
    auto.flush();
    expect(sent).toEqual(['a']);
  });

  it('without retries, a failed save waits for the next flush, and reports its state', async () => {
    const states: SaveState[] = [];
    let fail = true;
    const sent: string[] = [];
    const s = createAutosave(
      async (t) => {
        sent.push(t);
        if (fail) throw new Error('offline');
      },
      { initial: '', onState: (x) => states.push(x) },
    );
    s.change('x');
    s.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['pending', 'saving', 'error']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['x']);
    // Still pending: a blur or close with no new keystroke sends it.
    expect(s.dirty).toBe(true);
    fail = false;
    s.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['x', 'x']);
    expect(states.at(-1)).toBe('saved');
  });

  it('a save resolving to false failed; any other value (null, undefined) means stored', async () => {
    const states: SaveState[] = [];
    const replies: unknown[] = [false, null, undefined];
    const s = createAutosave(async () => replies.shift(), { onState: (x) => states.push(x) });
    for (const t of ['a', 'b', 'c']) {
      s.change(t);
      s.flush();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(states.filter((x) => x === 'error' || x === 'saved')).toEqual(['error', 'saved', 'saved']);
  });

  it('with retries, sends a failed text again after 1 s, 2 s, 3 s, then waits for the next flush', async () => {
    const sent: string[] = [];
    const s = createAutosave(
      async (t) => {
        sent.push(t);
        return false;
      },
      { retries: 3 },
    );
    s.change('abc');
    s.flush();
    expect(sent).toEqual(['abc']);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sent).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['abc', 'abc', 'abc', 'abc']);
    expect(s.dirty).toBe(true);
    s.dispose();
    expect(sent).toEqual(['abc', 'abc', 'abc', 'abc', 'abc']);
  });

  it('with retries, stops once a save succeeds', async () => {
    const sent: string[] = [];
    let fail = 1;
    const auto = createAutosave(
      async (t) => {
        sent.push(t);
        return fail-- <= 0;
      },
      { initial: 'a', retries: 3 },
    );
    auto.change('ab');
    auto.change('abc');
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual(['abc']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual(['abc', 'abc']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual(['abc', 'abc']);
  });

  it('shows only the newest save outcome when replies come back out of order', async () => {
    const states: SaveState[] = [];
    const resolvers: Array<(ok: boolean) => void> = [];
    const s = createAutosave(() => new Promise<boolean>((r) => resolvers.push(r)), { onState: (x) => states.push(x) });
    s.change('a');
    s.flush();
    s.change('ab');
    s.flush();
    resolvers[1]!(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('saved');
    resolvers[0]!(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('saved');
  });
});
