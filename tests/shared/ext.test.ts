import { describe, expect, it, vi } from 'vitest';
import { isChangeEvent, onChangeEvents } from '../../components/shared/ext';

describe('isChangeEvent', () => {
  it('accepts dejalu.changed with a key list, and nothing else', () => {
    expect(isChangeEvent({ type: 'dejalu.changed', keys: [] })).toBe(true);
    expect(isChangeEvent({ type: 'dejalu.changed', keys: ['arxiv:1'], settings: {} })).toBe(true);
    expect(isChangeEvent({ type: 'dejalu.changed' })).toBe(false);
    expect(isChangeEvent({ type: 'dejalu.changed', keys: 'arxiv:1' })).toBe(false);
    expect(isChangeEvent({ type: 'paper.get', keys: [] })).toBe(false);
    expect(isChangeEvent(null)).toBe(false);
    expect(isChangeEvent('dejalu.changed')).toBe(false);
  });
});

describe('onChangeEvents', () => {
  it('passes change events on, answers nothing, and unsubscribes', () => {
    const handlers = new Set<(m: unknown) => undefined>();
    const events = { addListener: (h: (m: unknown) => undefined) => void handlers.add(h), removeListener: (h: (m: unknown) => undefined) => void handlers.delete(h) };
    const listener = vi.fn();
    const off = onChangeEvents(events, listener);
    const deliver = (m: unknown) => [...handlers].map((h) => h(m));
    expect(deliver({ type: 'dejalu.changed', keys: ['k'] })).toEqual([undefined]);
    deliver({ type: 'something.else' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ type: 'dejalu.changed', keys: ['k'] });
    off();
    expect(handlers.size).toBe(0);
  });

  it('is a no-op without a runtime (a page opened outside the extension)', () => {
    const off = onChangeEvents(undefined, vi.fn());
    expect(() => off()).not.toThrow();
  });
});
