import { describe, expect, it } from 'vitest';
import { authorLine, plural, relativeDay } from '../../components/library/format';

describe('format', () => {
  it('shortens long author lists', () => {
    expect(authorLine([])).toBe('');
    expect(authorLine(['A', 'B'])).toBe('A, B');
    expect(authorLine(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });

  it('says recent days in words', () => {
    const now = new Date(2025, 10, 20, 15, 0).getTime();
    expect(relativeDay(new Date(2025, 10, 20, 1, 0).getTime(), now)).toBe('today');
    expect(relativeDay(new Date(2025, 10, 19, 23, 0).getTime(), now)).toBe('yesterday');
    expect(relativeDay(new Date(2025, 10, 16).getTime(), now)).toBe('4 days ago');
    expect(relativeDay(new Date(2025, 9, 1).getTime(), now)).toMatch(/2025/);
    expect(relativeDay(undefined, now)).toBe('—');
  });

  it('counts', () => {
    expect(plural(1, 'paper')).toBe('1 paper');
    expect(plural(12_345, 'paper')).toBe('12,345 papers');
  });
});
