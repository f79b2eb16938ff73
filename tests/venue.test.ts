import { describe, expect, it } from 'vitest';
import { learnVenue, setVenue, venueCitation, venueNumber, venuePlace, type Venue } from '../lib/venue';

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

  it("sets the reader's venue whole, numbers as printed, and marks it fixed; an empty name clears it", () => {
    const row: Venue & { year?: number; venueFixed?: boolean } = { proceedings: 'ICLR 2026', pages: '1–9', year: 2026 };
    setVenue(row, { kind: 'journal', name: '  Transactions on\n Machine Learning Research ', volume: '4', pages: '10 -- 20' });
    expect(row).toEqual({ journal: 'Transactions on Machine Learning Research', volume: '4', pages: '10–20', year: 2026, venueFixed: true });
    setVenue(row, { kind: 'proceedings', name: 'NeurIPS 2025', year: 2025 });
    expect(row).toEqual({ proceedings: 'NeurIPS 2025', year: 2025, venueFixed: true });
    setVenue(row, { kind: 'proceedings', name: ' ', volume: '3' });
    expect(row).toEqual({ year: 2025, venueFixed: true });
  });

  it("learns nothing into a venue the reader set or cleared; a merged paper's fixed venue wins", () => {
    const cleared: Venue & { year?: number; venueFixed?: boolean } = { year: 2025, venueFixed: true };
    learnVenue(cleared, { proceedings: 'ICLR 2026', year: 2026 });
    expect(cleared).toEqual({ year: 2025, venueFixed: true });
    const set = { journal: 'TMLR', venueFixed: true };
    learnVenue(set, { journal: 'TMLR', volume: '4', pages: '1–2' });
    expect(set).toEqual({ journal: 'TMLR', venueFixed: true });

    // The kept row learned "ICLR 2026" from a page; the other one's venue the reader typed.
    const kept: Venue & { year?: number; venueFixed?: boolean } = { proceedings: 'ICLR 2026', pages: '5', year: 2026 };
    learnVenue(kept, { journal: 'Nature', volume: '1', year: 2027, venueFixed: true });
    expect(kept).toEqual({ journal: 'Nature', volume: '1', year: 2027, venueFixed: true });
    // A venue the reader cleared clears the merged one's too.
    const other: Venue & { year?: number; venueFixed?: boolean } = { proceedings: 'ICLR 2026', year: 2026 };
    learnVenue(other, { venueFixed: true });
    expect(other).toEqual({ year: 2026, venueFixed: true });
  });
});
