import { describe, expect, it } from 'vitest';
import { findDate } from '../../lib/sites/text';

describe('findDate', () => {
  it('reads the forms arXiv and Hugging Face print', () => {
    expect(findDate('Showing new listings for Tuesday, 22 September 2026')).toBe('2026-09-22');
    expect(findDate('New submissions for Thu, 2 Feb 23')).toBe('2023-02-02');
    expect(findDate('Submitted 25 September, 2023;')).toBe('2023-09-25');
    expect(findDate('Published on Nov 3, 2025')).toBe('2025-11-03');
    expect(findDate('Sept. 4, 2025')).toBe('2025-09-04');
    expect(findDate('Aug 5', '2025-11-20')).toBe('2025-08-05');
    expect(findDate('December 9, 2025')).toBe('2025-12-09');
  });

  it('dates a year-less day by the reference, allowing the site a day ahead of it (time zones)', () => {
    expect(findDate('Dec 30', '2026-01-02')).toBe('2025-12-30');
    expect(findDate('Jan 2', '2026-01-02')).toBe('2026-01-02');
    // Read on Dec 31 by the UTC clock, the site's "Jan 1" is the reader's local tomorrow.
    expect(findDate('Published on Jan 1', '2026-12-31')).toBe('2027-01-01');
    expect(findDate('Jan 2', '2026-12-31')).toBe('2026-01-02');
    expect(findDate('Mar 1', '2028-02-28')).toBe('2027-03-01');
    expect(findDate('Feb 29', '2028-02-28')).toBe('2028-02-29');
  });

  it('does not take a word that only starts like a month for one', () => {
    expect(findDate('Decoder 2 beats Augmented 10', '2025-11-20')).toBeUndefined();
    expect(findDate('Marching 3 steps, 2024')).toBeUndefined();
    expect(findDate('Mayhem 12, 2025')).toBeUndefined();
  });
});
