import { describe, expect, it } from 'vitest';
import { learnVenue, venueCitation, venueNumber, venuePlace, type Venue } from '../lib/venue';

describe('venue', () => {
  it('prints a place as references do: volume(issue), then pages; pages alone get their p./pp.', () => {
    expect(venuePlace({ journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' })).toBe('596(7873), 583–589');
    expect(venuePlace({ journal: 'J', volume: '12', pages: 'e1234' })).toBe('12, e1234');
    expect(venuePlace({ journal: 'J', issue: '3' })).toBe('no. 3');
    expect(venuePlace({ proceedings: 'P', pages: '770–778' })).toBe('pp. 770–778');
    expect(venuePlace({ proceedings: 'P', pages: '12' })).toBe('p. 12');
    expect(venuePlace({ journal: 'Nature' })).toBeUndefined();
  });

  it('cites the name and its place; the name and the rest can be formatted apart', () => {
    expect(venueCitation({ journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' })).toBe('Nature 596(7873), 583–589');
    expect(venueCitation({ proceedings: 'Proceedings of CVPR', pages: '770–778' })).toBe('Proceedings of CVPR, pp. 770–778');
    expect(venueCitation({ journal: 'Nature' })).toBe('Nature');
    expect(venueCitation({ volume: '3', pages: '1–2' })).toBeUndefined();
    expect(venueCitation({ journal: 'N', volume: '1' }, (n) => `*${n}*`, (t) => `[${t}]`)).toBe('*N* [1]');
  });

  it('reads a number as printed: one line, short, ranges with an en dash', () => {
    expect(venueNumber(' 583--589 ')).toBe('583–589');
    expect(venueNumber('583 - 589')).toBe('583–589');
    expect(venueNumber('583—589')).toBe('583–589');
    expect(venueNumber('S1-S10')).toBe('S1–S10');
    expect(venueNumber('12\n')).toBe('12');
    expect(venueNumber('')).toBeUndefined();
    expect(venueNumber('x'.repeat(41))).toBeUndefined();
  });

  it('learns the whole venue when the row names none, the missing numbers of the same one, nothing of another', () => {
    const empty: Venue = {};
    learnVenue(empty, { journal: 'Nature', volume: '596', pages: '583–589' });
    expect(empty).toEqual({ journal: 'Nature', volume: '596', pages: '583–589' });

    const named: Venue = { journal: 'Nature', volume: '596' };
    learnVenue(named, { journal: 'nature', volume: '1', issue: '7873', pages: '583–589' });
    expect(named).toEqual({ journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' });

    const other: Venue = { journal: 'Nature' };
    learnVenue(other, { journal: 'Science', volume: '1', pages: '2–3' });
    expect(other).toEqual({ journal: 'Nature' });

    // Proceedings of the same name are not the journal: their numbers are another publication's.
    const conf: Venue = { proceedings: 'ICML' };
    learnVenue(conf, { journal: 'ICML', volume: '9' });
    expect(conf).toEqual({ proceedings: 'ICML' });

    const kept: Venue = { journal: 'Nature' };
    learnVenue(kept, { volume: '9', pages: '1–2' });
    expect(kept).toEqual({ journal: 'Nature' });
  });

  it("takes the publication's year with its venue, and only then", () => {
    // A preprint of 2025 accepted at ICLR 2026 is cited as of 2026.
    const preprint = { year: 2025 };
    learnVenue(preprint, { proceedings: 'ICLR 2026', year: 2026 });
    expect(preprint).toEqual({ proceedings: 'ICLR 2026', year: 2026 });
    // The same venue again, or another, leaves the year; so does a venue that gives none.
    learnVenue(preprint, { proceedings: 'ICLR 2026', year: 2027 });
    learnVenue(preprint, { journal: 'Nature', year: 2028 });
    expect(preprint.year).toBe(2026);
    const undated = { year: 2025 };
    learnVenue(undated, { journal: 'Nature' });
    expect(undated).toEqual({ journal: 'Nature', year: 2025 });
    // Numbers alone name no venue: no year either.
    const bare = { year: 2025 };
    learnVenue(bare, { volume: '9', year: 2030 });
    expect(bare).toEqual({ year: 2025 });
  });
});
