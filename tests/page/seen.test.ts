import { describe, expect, it } from 'vitest';
import { SeenTracker } from '../../lib/seen';

/** A tracker on a fake clock: timers fire only when the test advances time. */
function setup() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  const seen: Element[] = [];
  const tracker = new SeenTracker({
    onSeen: (el) => seen.push(el),
    now: () => now,
    setTimer: (fn, ms) => {
      timers.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (t) => void timers.delete(t as number),
  });
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  return { tracker, seen, advance };
}

const el = () => ({}) as Element;

describe('seen: at least half on screen for 600 ms in total', () => {
  it('counts a card on screen for 600 ms', () => {
    const { tracker, seen, advance } = setup();
    const a = el();
    tracker.observe(a);
    tracker.visibility(a, true);
    advance(599);
    expect(seen).toEqual([]);
    advance(1);
    expect(seen).toEqual([a]);
  });

  it('adds up separate glimpses', () => {
    const { tracker, seen, advance } = setup();
    const a = el();
    tracker.observe(a);
    for (let i = 0; i < 3; i++) {
      tracker.visibility(a, true);
      advance(250);
      tracker.visibility(a, false);
      advance(1_000);
    }
    expect(seen).toEqual([a]);
  });

  it('does not count a card scrolled past quickly, nor one never on screen', () => {
    const { tracker, seen, advance } = setup();
    const a = el();
    const b = el();
    tracker.observe(a);
    tracker.observe(b);
    tracker.visibility(a, true);
    advance(300);
    tracker.visibility(a, false);
    advance(10_000);
    expect(seen).toEqual([]);
  });

  it('reports a card once', () => {
    const { tracker, seen, advance } = setup();
    const a = el();
    tracker.observe(a);
    tracker.visibility(a, true);
    advance(700);
    tracker.visibility(a, false);
    tracker.visibility(a, true);
    advance(700);
    expect(seen).toEqual([a]);
  });
});
