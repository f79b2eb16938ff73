import { describe, expect, it } from 'vitest';
import { firstSeenDate, shortDate } from '../../lib/dates';

// lib/dates.ts serves the badge's label and the popup's dedup words (which had their own `day`).
describe('shortDate', () => {
  const now = new Date(2025, 10, 20, 15, 0);

  it('says "Nov 3", with the year only when it is not this year', () => {
    expect(shortDate(new Date(2025, 10, 3, 9).getTime(), now)).toBe('Nov 3');
    expect(shortDate(new Date(2024, 9, 29, 9).getTime(), now)).toBe('Oct 29, 2024');
    expect(shortDate('2025-11-03', now)).toBe('Nov 3');
    expect(shortDate('2024-12-31', now)).toBe('Dec 31, 2024');
  });

  it('leaves what is not a date as it is', () => {
    expect(shortDate('soon', now)).toBe('soon');
  });
});

describe('firstSeenDate', () => {
  it('prefers the digest day to the visit day', () => {
    expect(firstSeenDate({ at: Date.UTC(2025, 10, 5, 12), digestDate: '2025-11-03' })).toBe('2025-11-03');
    expect(firstSeenDate({ at: Date.UTC(2025, 10, 5, 12) })).toBe('2025-11-05');
    expect(firstSeenDate(undefined)).toBeUndefined();
  });
});

describe('shortDate against Intl', () => {
  // The badge formats by hand (no locale data to load); it must print what en-US Intl prints.
  it('matches en-US Intl.DateTimeFormat for every month and both year cases', () => {
    const now = new Date(2025, 5, 15, 12);
    const dm = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
    const dmy = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
    for (const year of [2025, 2024, 1999]) {
      for (let month = 0; month < 12; month++) {
        for (const day of [1, 9, 28]) {
          const d = new Date(year, month, day, 9);
          expect(shortDate(d.getTime(), now)).toBe((year === 2025 ? dm : dmy).format(d));
        }
      }
    }
  });
});
