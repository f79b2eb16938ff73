import { afterEach, describe, expect, it } from 'vitest';
import { badgeLabel, badgeTooltip, hasHistory, hasNote, panelStatus, sightingLine } from '../../components/badge/label';
import type { PaperView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03' };

function paper(over: Partial<PaperView> = {}): PaperView {
  return {
    key: 'arxiv:2511.00001',
    title: 'Scaling Laws for Tiny Models',
    authors: ['A. Author'],
    arxivId: '2511.00001',
    urls: [],
    sites: ['huggingface'],
    seenCount: 0,
    tags: [],
    note: '',
    updatedAt: 1,
    ...over,
  };
}

function model(over: Partial<BadgeModel> = {}): BadgeModel {
  return { status: 'new', card: { title: 'Scaling Laws for Tiny Models', arxivId: '2511.00001' }, page: PAGE, ...over };
}

const NOW = new Date('2025-11-20T12:00:00');
const first = { at: Date.parse('2025-11-03T09:00:00'), site: 'huggingface' as const, label: 'Nov 3', pageUrl: 'https://huggingface.co/papers/date/2025-11-03', digestDate: '2025-11-03' };

/** Runs with the process in time zone `tz` (Node reads TZ anew when it is set). */
const tz0 = process.env['TZ'];
function inZone(tz: string): void {
  process.env['TZ'] = tz;
}
afterEach(() => {
  if (tz0 === undefined) delete process.env['TZ'];
  else process.env['TZ'] = tz0;
});

describe('badgeLabel', () => {
  it('says New for a paper never seen', () => {
    expect(badgeLabel(model(), NOW)).toBe('New');
  });

  it('says how often and since when a paper was seen, by the digest day', () => {
    const m = model({ status: 'seen', paper: paper({ seenCount: 3, first: { ...first, digestDate: '2025-10-29' } }) });
    expect(badgeLabel(m, NOW)).toBe('Seen 3× · first Oct 29');
  });

  it('counts as the status does, before this visit: the paper\'s own count soon holds the visit too', () => {
    // Looked up with one sighting; this visit's sighting, or an edit's reply, brings the count to 2.
    const m = model({ status: 'seen', seenBefore: 1, paper: paper({ seenCount: 2, first: { ...first, digestDate: '2025-10-29' } }) });
    expect(badgeLabel(m, NOW)).toBe('Seen 1× · first Oct 29');
    expect(panelStatus(m, NOW)).toBe('Seen 1× · first Oct 29');
  });

  it('dates a first sighting without a digest day by the local day, as its history line does', () => {
    inZone('America/Los_Angeles');
    // Nov 3, 8 pm in California: already Nov 4 in UTC.
    const evening = { at: new Date(2025, 10, 3, 20, 0).getTime(), site: 'huggingface' as const, label: 'trending', pageUrl: 'https://huggingface.co/papers/trending' };
    const m = model({ status: 'seen', paper: paper({ seenCount: 1, first: evening }) });
    const now = new Date(2025, 10, 10, 12, 0);
    expect(sightingLine(evening, now)).toBe('Nov 3 · Hugging Face · trending');
    expect(badgeLabel(m, now)).toBe('Seen 1× · first Nov 3');
  });

  it('adds the year only for another year', () => {
    const m = model({ status: 'seen', paper: paper({ seenCount: 1, first: { ...first, digestDate: '2024-12-30' } }) });
    expect(badgeLabel(m, NOW)).toBe('Seen 1× · first Dec 30, 2024');
  });

  it('shows saved papers with up to three tags', () => {
    expect(badgeLabel(model({ status: 'saved', paper: paper({ savedAt: 1 }) }), NOW)).toBe('Saved');
    expect(badgeLabel(model({ status: 'saved', paper: paper({ savedAt: 1, tags: ['llm', 'quantization'] }) }), NOW)).toBe(
      'Saved · #llm #quantization',
    );
    expect(badgeLabel(model({ status: 'saved', paper: paper({ savedAt: 1, tags: ['a', 'b', 'c', 'd', 'e'] }) }), NOW)).toBe(
      'Saved · #a #b #c +2',
    );
  });
});

describe('panelStatus', () => {
  it('says a little more than the pill', () => {
    expect(panelStatus(model(), NOW)).toBe('New to you');
    expect(panelStatus(model({ paper: paper() }), NOW)).toBe('In your library, not seen on a digest before');
    // Stored by this visit's own sighting: still met here for the first time.
    const here = model({ paper: paper({ seenCount: 1, first: { ...first } }) });
    expect(panelStatus(here, NOW)).toBe('New to you');
    expect(badgeTooltip(here, undefined, NOW)).toMatch(/^First time you see this paper/);
    // In the library before (no sighting, or its first elsewhere): not new to the reader.
    const elsewhere = model({ paper: paper({ seenCount: 1, first: { ...first, pageUrl: 'https://arxiv.org/list/cs.LG/new' } }) });
    expect(panelStatus(elsewhere, NOW)).toBe('In your library, not seen on a digest before');
    expect(badgeTooltip(model({ paper: paper() }), undefined, NOW)).toMatch(/^Not seen on a digest page before/);
    expect(panelStatus(model({ status: 'saved', paper: paper({ savedAt: Date.parse('2025-11-19T10:00:00') }) }), NOW)).toBe('Saved Nov 19');
    const seen = model({ status: 'seen', paper: paper({ seenCount: 2, first: { ...first } }) });
    expect(panelStatus(seen, NOW)).toBe('Seen 2× · first Nov 3');
  });
});

describe('hasHistory', () => {
  it('is not shown for a card whose one sighting is this visit\'s own', () => {
    expect(hasHistory(model())).toBe(false);
    expect(hasHistory(model({ paper: paper() }))).toBe(false);
    // Stored by this visit as the reader read it: "New to you" says all of it.
    expect(hasHistory(model({ paper: paper({ seenCount: 1, first: { ...first } }) }))).toBe(false);
    // Met first elsewhere (another tab during this visit), or before, or on this page and since.
    expect(hasHistory(model({ paper: paper({ seenCount: 1, first: { ...first, pageUrl: 'https://arxiv.org/list/cs.LG/new' } }) }))).toBe(true);
    expect(hasHistory(model({ paper: paper({ seenCount: 2, first: { ...first } }) }))).toBe(true);
    expect(hasHistory(model({ status: 'seen', paper: paper({ seenCount: 1, first: { ...first } }) }))).toBe(true);
    expect(hasHistory(model({ status: 'saved', paper: paper({ seenCount: 1, first: { ...first }, savedAt: 5 }) }))).toBe(true);
    // Saved (from elsewhere, or here since) and never seen before this visit, whose sighting is its one.
    expect(hasHistory(model({ status: 'saved', seenBefore: 0, paper: paper({ seenCount: 1, first: { ...first }, savedAt: 5 }) }))).toBe(false);
    // Seen on another page since this one was looked up.
    expect(hasHistory(model({ status: 'new', seenBefore: 0, paper: paper({ seenCount: 2, first: { ...first } }) }))).toBe(true);
  });
});

describe('history wording', () => {
  it('names the day and the place, without repeating the day', () => {
    expect(sightingLine(first, NOW)).toBe('Nov 3 · Hugging Face');
    expect(sightingLine({ ...first, at: Date.parse('2025-11-05T10:00:00') }, NOW)).toBe('Nov 5 · Hugging Face · Nov 3');
    expect(sightingLine({ ...first, site: 'arxiv', label: 'cs.LG new' }, NOW)).toBe('Nov 3 · arXiv · cs.LG new');
    expect(sightingLine(first, new Date('2026-02-01T12:00:00'))).toBe('Nov 3, 2025 · Hugging Face');
  });

  it('says in the tooltip that the reader wrote a note, never what it says', () => {
    const noted = model({ status: 'seen', paper: paper({ seenCount: 2, note: 'Private: reviewer 2 of our paper?' }) });
    const tip = badgeTooltip(noted, undefined, NOW);
    expect(hasNote(noted)).toBe(true);
    expect(tip).toContain('You wrote a note on it');
    expect(tip).not.toContain('reviewer');
    expect(badgeLabel(noted, NOW)).not.toContain('reviewer');
    const blank = model({ status: 'seen', paper: paper({ seenCount: 2, note: '  \n ' }) });
    expect(hasNote(blank)).toBe(false);
    expect(badgeTooltip(blank, undefined, NOW)).not.toContain('note on it');
  });

  it('lists the sightings, newest first, in the tooltip', () => {
    const second = { ...first, at: Date.parse('2025-11-10T10:00:00'), label: 'Nov 10' };
    const tip = badgeTooltip(model({ status: 'seen', paper: paper({ seenCount: 2 }) }), [first, second], NOW);
    expect(tip.split('\n').slice(0, 3)).toEqual(['Seen 2×:', '  Nov 10 · Hugging Face', '  Nov 3 · Hugging Face']);
  });

  it("leaves this visit's own sighting out of the tooltip's history, as the pill's count does", () => {
    const older = { ...first, visitId: 'v-old' };
    const reload = { ...first, at: Date.parse('2025-11-20T09:00:00'), label: 'Nov 3', visitId: 'v-morning' };
    const now = { ...first, at: Date.parse('2025-11-20T11:00:00'), site: 'arxiv' as const, label: 'cs.LG new', visitId: 'v-now' };
    const m = model({ status: 'seen', seenBefore: 2, visitId: 'v-now', paper: paper({ seenCount: 3 }) });
    const tip = badgeTooltip(m, [older, reload, now], NOW);
    // The same page loaded earlier today is another visit: it stays.
    expect(tip.split('\n').slice(0, 3)).toEqual(['Seen 2×:', '  Nov 20 · Hugging Face · Nov 3', '  Nov 3 · Hugging Face']);
    expect(tip).not.toContain('arXiv');
    // Only this visit's sighting: nothing seen before to list.
    expect(badgeTooltip(model({ status: 'saved', seenBefore: 0, visitId: 'v-now', paper: paper({ seenCount: 1, savedAt: 5 }) }), [now], NOW)).not.toContain('Seen');
  });

  it('explains a match made by title', () => {
    const tip = badgeTooltip(model({ status: 'seen', match: { rule: 'similar-title', text: 'Same title as a paper seen on arXiv' } }), undefined, NOW);
    expect(tip).toContain('Same title as a paper seen on arXiv');
  });
});
