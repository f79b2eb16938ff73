import { describe, expect, it } from 'vitest';
import type { MatchView } from '../../lib/messages';
import type { Row } from '../../components/popup/model';
import { dedupParts, dedupStatus, matchPhrase, pageName, readingHome, readingTitle } from '../../components/popup/wording';
import { at, card, HF_PAGE, paper, sighting } from './helpers';

const NOW = at('2025-11-20');

function seenRow(match: MatchView, over: Partial<Row> = {}): Row {
  return {
    id: 'card:0',
    card: card('Scaling Laws', { arxivId: '2401.00001', version: 2 }),
    page: HF_PAGE,
    shown: 'seen',
    current: {
      status: 'seen',
      match,
      paper: paper({ version: 1, seenCount: 3, first: sighting('Nov 3', 'huggingface', '2025-11-03') }),
    },
    ...over,
  };
}

const HISTORY = [
  sighting('Nov 3', 'huggingface', '2025-11-03'),
  sighting('Nov 10', 'huggingface', '2025-11-10'),
  sighting('cs.LG new', 'arxiv', '2025-11-11'),
];

describe('dedup status in words', () => {
  it('names the page', () => {
    expect(pageName(HF_PAGE)).toBe('Hugging Face · Nov 10');
    expect(pageName({ url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'cs.LG new' })).toBe('arXiv · cs.LG new');
  });

  it('arXiv id, another version: the full history once fetched', () => {
    const row = seenRow({ rule: 'arxiv-id-other-version', text: 'same arXiv id' });
    expect(dedupStatus(row, HISTORY, NOW)).toBe(
      'Seen 3×: Hugging Face Nov 3, Hugging Face Nov 10, arXiv cs.LG new · matched by arXiv id (v2 here, v1 before)',
    );
  });

  it('arXiv id, before the history is fetched: the first sighting only', () => {
    const row = seenRow({ rule: 'arxiv-id', text: 'same arXiv id' });
    expect(dedupStatus(row, undefined, NOW)).toBe('Seen 3× · first Hugging Face Nov 3 · matched by arXiv id');
  });

  it("counts a card of the page as its badge does, before this visit, and leaves the visit's sighting out of its history", () => {
    // Looked up with two sightings; this visit's (arXiv) came since.
    const row = seenRow({ rule: 'arxiv-id', text: '' }, { seenBefore: 2, visitId: 'v-now' });
    const history = [HISTORY[0]!, HISTORY[1]!, { ...HISTORY[2]!, visitId: 'v-now' }];
    expect(dedupStatus(row, undefined, NOW)).toBe('Seen 2× · first Hugging Face Nov 3 · matched by arXiv id');
    expect(dedupStatus(row, history, NOW)).toBe('Seen 2×: Hugging Face Nov 3, Hugging Face Nov 10 · matched by arXiv id');
    // Saved from a search, never seen before this visit: the visit's sighting is no "Seen 1×".
    const saved = seenRow({ rule: 'arxiv-id', text: '' }, { shown: 'saved', seenBefore: 0, visitId: 'v-now', current: { status: 'saved', paper: paper({ savedAt: at('2025-11-12'), seenCount: 1 }) } });
    expect(dedupStatus(saved, [{ ...HISTORY[2]!, visitId: 'v-now' }], NOW)).toBe('Saved Nov 12');
    // A paper of the library (no card) counts every sighting.
    const lib: Row = { id: 'search:k', visitId: 'v-now', current: { status: 'seen', paper: paper({ seenCount: 3 }) } };
    expect(dedupStatus(lib, history, NOW)).toMatch(/^Seen 3×: /);
  });

  it('takes the versions from the explanation, made before this visit bumped the stored version', () => {
    const m: MatchView = { rule: 'arxiv-id-other-version', text: 'same arXiv id, other version (v3 here, v1 before)' };
    expect(matchPhrase(m, card('X', { version: 3 }), paper({ version: 3 }), NOW)).toBe('matched by arXiv id (v3 here, v1 before)');
  });

  it('does not invent versions it does not know', () => {
    const m: MatchView = { rule: 'arxiv-id-other-version', text: '' };
    expect(matchPhrase(m, card('X'), paper({ version: 2 }), NOW)).toBe('matched by arXiv id (another version)');
    expect(matchPhrase(m, card('X', { version: 2 }), paper({ version: 2 }), NOW)).toBe('matched by arXiv id (another version)');
  });

  it('DOI and exact title', () => {
    expect(matchPhrase({ rule: 'doi', text: '' }, card('X'), paper(), NOW)).toBe('matched by DOI');
    expect(matchPhrase({ rule: 'title', text: '' }, card('X'), paper(), NOW)).toBe('matched by exact title');
    // The card shows another title than the row: the one of an entry the reader merged into it.
    expect(matchPhrase({ rule: 'other-title', text: '' }, card('X'), paper(), NOW)).toBe('matched by the title of an entry merged into it');
  });

  it('similar title: score and the stored paper it points at', () => {
    const m: MatchView = { rule: 'similar-title', score: 0.9712, text: 'titles 97% alike' };
    expect(matchPhrase(m, card('X'), paper({ savedAt: at('2025-10-29') }), NOW)).toBe(
      'similar title (0.97) to a paper saved Oct 29',
    );
    expect(matchPhrase(m, card('X'), paper({ first: sighting('Oct 29', 'huggingface', '2025-10-29') }), NOW)).toBe(
      'similar title (0.97) to a paper first seen Oct 29',
    );
    expect(matchPhrase({ rule: 'similar-title', text: '' }, card('X'), paper(), NOW)).toBe('similar title to a paper in your library');
  });

  it('a saved paper says when it was saved, and the year when it is not this one', () => {
    const row = seenRow(
      { rule: 'similar-title', score: 0.97, text: '' },
      { current: { status: 'saved', match: { rule: 'similar-title', score: 0.97, text: '' }, paper: paper({ savedAt: at('2024-10-29'), seenCount: 1, first: sighting('Oct 29') }) } },
    );
    expect(dedupStatus(row, undefined, NOW)).toBe(
      'Saved Oct 29, 2024 · Seen 1× · first Hugging Face Oct 29 · similar title (0.97) to a paper saved Oct 29, 2024',
    );
  });

  it('new cards, split cards and library rows', () => {
    const fresh: Row = { id: 'card:1', card: card('X'), shown: 'new', current: { status: 'new' } };
    expect(dedupStatus(fresh, undefined, NOW)).toBe('New · not in your library');
    // This visit's own sighting must not read as "seen before".
    const justSeen: Row = { ...fresh, current: { status: 'seen', paper: paper({ seenCount: 1 }) } };
    expect(dedupStatus(justSeen, undefined, NOW)).toBe('New · not seen before this visit');
    const split: Row = { ...fresh, shown: 'seen', splitFrom: 'Scaling Law', current: { status: 'new', paper: paper() } };
    expect(dedupStatus(split, undefined, NOW)).toBe('New · not the same as “Scaling Law”, now its own paper');
    const splitBefore: Row = { ...fresh, shown: 'seen', current: { status: 'new', paper: paper(), match: { rule: 'title', text: '' } } };
    expect(dedupStatus(splitBefore, undefined, NOW)).toBe('New · not matched to any paper seen before');
    const lib: Row = { id: 'search:k', current: { status: 'seen', paper: paper({ seenCount: 2, first: sighting('cs.LG new', 'arxiv') }) } };
    expect(dedupStatus(lib, undefined, NOW)).toBe('Seen 2× · first arXiv cs.LG new');
  });

  it('splits the line into the status the row shows first and the rest', () => {
    const row = seenRow({ rule: 'arxiv-id', text: '' });
    expect(dedupParts(row, HISTORY, NOW)).toEqual({
      lead: 'Seen 3×',
      rest: ': Hugging Face Nov 3, Hugging Face Nov 10, arXiv cs.LG new · matched by arXiv id',
    });
    const saved = seenRow({ rule: 'arxiv-id', text: '' }, { current: { status: 'saved', paper: paper({ savedAt: at('2025-11-12'), seenCount: 1 }) } });
    expect(dedupParts(saved, undefined, NOW)).toEqual({ lead: 'Saved Nov 12', rest: ' · Seen 1×' });
  });

  it('summarises a long history', () => {
    const many = Array.from({ length: 9 }, (_, i) => sighting(`Nov ${i + 1}`));
    const row = seenRow({ rule: 'arxiv-id', text: '' }, {});
    expect(dedupStatus(row, many, NOW)).toMatch(/^Seen 9×: Hugging Face Nov 1, .*Hugging Face Nov 6 and 3 more · matched by arXiv id$/);
  });

  it("names a full-text tab or a paper's page elsewhere, and where its paper is saved from", () => {
    expect(readingTitle({ format: 'pdf', arxivId: '2508.27978', version: 2 })).toBe('arXiv:2508.27978v2 · PDF');
    expect(readingTitle({ format: 'html', arxivId: '2508.27978' })).toBe('arXiv:2508.27978 · HTML');
    expect(readingTitle({ format: 'pdf', forum: 'https://openreview.net/forum?id=x' })).toBe('OpenReview · PDF');
    expect(readingTitle({ format: 'pdf', host: 'dl.acm.org' })).toBe('dl.acm.org · PDF');
    expect(readingTitle({ format: 'page', host: 'link.springer.com' })).toBe('link.springer.com');
    expect(readingHome({ format: 'pdf', arxivId: '2508.27978' })).toEqual({ href: 'https://arxiv.org/abs/2508.27978', label: 'its abstract page' });
    expect(readingHome({ format: 'pdf', doi: '10.1145/1' })).toEqual({ href: 'https://doi.org/10.1145/1', label: 'its page' });
    // A paper's own page that the popup could not read: no link back to itself.
    expect(readingHome({ format: 'page', doi: '10.1145/1' })).toBeNull();
  });
});
