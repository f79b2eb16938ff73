import { describe, expect, it } from 'vitest';
import { keepListed, pageSelection, range, setMany, toggle } from '../../components/library/selection';

describe('selection', () => {
  it('toggles without mutating', () => {
    const a = new Set(['x']);
    const b = toggle(a, 'y');
    expect([...b]).toEqual(['x', 'y']);
    expect([...a]).toEqual(['x']);
    expect([...toggle(b, 'x')]).toEqual(['y']);
    expect([...toggle(b, 'x', true)]).toEqual(['x', 'y']);
  });

  it('selects a whole page, keeping other pages’ picks', () => {
    const s = setMany(new Set(['other']), ['a', 'b'], true);
    expect(pageSelection(s, ['a', 'b'])).toBe('all');
    expect(pageSelection(toggle(s, 'a'), ['a', 'b'])).toBe('some');
    expect(pageSelection(setMany(s, ['a', 'b'], false), ['a', 'b'])).toBe('none');
    expect(setMany(s, ['a', 'b'], false).has('other')).toBe(true);
  });

  it('shift-click ranges in either direction', () => {
    const keys = ['a', 'b', 'c', 'd'];
    expect(range(keys, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(range(keys, 'd', 'b')).toEqual(['b', 'c', 'd']);
    expect(range(keys, 'gone', 'b')).toBeNull();
  });

  it('keeps only the keys still listed, and the same set when nothing left', () => {
    const s = new Set(['a', 'b', 'gone']);
    expect([...keepListed(s, ['a', 'b', 'c'])]).toEqual(['a', 'b']);
    const kept = new Set(['a']);
    expect(keepListed(kept, ['a', 'b'])).toBe(kept);
  });
});
