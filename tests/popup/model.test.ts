import { describe, expect, it } from 'vitest';
import type { CardStatus, TabState } from '../../lib/messages';
import { countRows, groupOf, groupRows, onePerPaper, paperCount, paperLink, rowsFromTab, targetOf, withPaper } from '../../components/popup/model';
import { dedupStatus } from '../../components/popup/wording';
import { at, card, HF_PAGE, paper } from './helpers';

function tab(cards: [string, 'new' | 'seen' | 'saved'][]): TabState {
  return { page: HF_PAGE, cards: cards.map(([title, status]) => ({ card: card(title), status })), updatedAt: 0 };
}

describe('rows of a tab', () => {
  it("carry the visit and each card's count before it, as the badges say them", () => {
    const state: TabState = { ...tab([['A', 'seen'], ['B', 'new']]), visitId: 'v-1' };
    state.cards[0]!.seen = 2;
    const rows = rowsFromTab(state, [{ status: 'seen', paper: paper({ key: 'a', seenCount: 3 }) }, { status: 'new' }]);
    expect(rows[0]).toMatchObject({ seenBefore: 2, visitId: 'v-1' });
    expect(rows[1]).not.toHaveProperty('seenBefore');
  });
});

describe('grouping and counts', () => {
  it('groups by the status the page showed, not by the sightings of this visit', () => {
    const state = tab([
      ['A', 'new'],
      ['B', 'seen'],
      ['C', 'saved'],
      ['D', 'new'],
    ]);
    // This visit recorded sightings: A and D are "seen" in the library now, yet were new on the page.
    const statuses: CardStatus[] = [
      { status: 'seen', paper: paper({ key: 'a', seenCount: 1 }) },
      { status: 'seen', paper: paper({ key: 'b', seenCount: 3 }) },
      { status: 'saved', paper: paper({ key: 'c', savedAt: at('2025-10-29') }) },
      { status: 'new' },
    ];
    const rows = rowsFromTab(state, statuses);
    const groups = groupRows(rows);
    expect(groups.new.map((r) => r.card?.title)).toEqual(['A', 'D']);
    expect(groups.seen.map((r) => r.card?.title)).toEqual(['B']);
    expect(groups.saved.map((r) => r.card?.title)).toEqual(['C']);
    expect(countRows(rows)).toEqual({ new: 2, seen: 1, saved: 1 });
  });

  it('moves a paper saved during this visit to Saved, and an unsaved one to Seen', () => {
    const state = tab([
      ['A', 'new'],
      ['B', 'saved'],
    ]);
    const rows = rowsFromTab(state, [
      { status: 'saved', paper: paper({ key: 'a', savedAt: 1 }) },
      { status: 'seen', paper: paper({ key: 'b', seenCount: 2 }) },
    ]);
    expect(rows.map(groupOf)).toEqual(['saved', 'seen']);
    expect(countRows(rows)).toEqual({ new: 0, seen: 1, saved: 1 });
  });

  it("shows a paper the page lists twice (a CoRR entry and its conference version) as one row, and counts it once", () => {
    const state = tab([
      ['Conference version', 'seen'],
      ['Another paper', 'new'],
      ['CoRR version', 'seen'],
      ['Same paper again', 'seen'],
    ]);
    const same = paper({ key: 'arxiv:2508.27978', seenCount: 1 });
    const rows = rowsFromTab(state, [
      { status: 'seen', paper: same, match: { rule: 'title', text: 'same title' } },
      { status: 'new' },
      { status: 'seen', paper: same, match: { rule: 'arxiv-id', text: 'same id' } },
      { status: 'seen', paper: same, match: { rule: 'arxiv-id', text: 'same id' } },
    ]);
    const shown = onePerPaper(rows);
    expect(shown.map((r) => [r.card?.title, r.alsoHere])).toEqual([
      ['Conference version', 2],
      ['Another paper', undefined],
    ]);
    expect(countRows(rows)).toEqual({ new: 1, seen: 1, saved: 0 });
    expect(paperCount(rows)).toBe(2);
  });

  it('keeps a row of its own for a card matched only by a similar title, or split from its match', () => {
    const same = paper({ key: 'arxiv:2508.27978', seenCount: 1 });
    const rows = rowsFromTab(tab([['A', 'seen'], ['A, nearly', 'seen'], ['Not A', 'seen']]), [
      { status: 'seen', paper: same, match: { rule: 'arxiv-id', text: 'same id' } },
      { status: 'seen', paper: same, match: { rule: 'similar-title', text: 'similar', score: 0.9 } },
      { status: 'seen', paper: same, match: { rule: 'title', text: 'same title' } },
    ]);
    rows[2] = { ...rows[2]!, splitFrom: 'A' };
    const shown = onePerPaper(rows);
    expect(shown.map((r) => r.card?.title)).toEqual(['A', 'A, nearly', 'Not A']);
    expect(shown.every((r) => r.alsoHere === undefined)).toBe(true);
    // The near title is the same paper as far as the library knows; the split card is a paper of its own.
    expect(countRows(rows)).toEqual({ new: 1, seen: 1, saved: 0 });
  });

  it('puts a card split from its fuzzy match under New', () => {
    const [row] = rowsFromTab(tab([['A', 'seen']]), [{ status: 'seen', paper: paper() }]);
    expect(groupOf({ ...row!, splitFrom: 'Other' })).toBe('new');
  });

  it('puts a card the page called seen under New once the library no longer knows it (split earlier)', () => {
    const [row] = rowsFromTab(tab([['A', 'seen']]), [{ status: 'new', paper: paper({ seenCount: 0 }), match: { rule: 'title', text: 'same title' } }]);
    expect(groupOf(row!)).toBe('new');
  });

  it('falls back to the page status when the reply has fewer statuses than cards', () => {
    const rows = rowsFromTab(tab([['A', 'seen']]), []);
    expect(rows[0]!.current).toEqual({ status: 'seen' });
    expect(groupOf(rows[0]!)).toBe('seen');
  });

  it('follows the stored paper after an edit', () => {
    const [row] = rowsFromTab(tab([['A', 'new']]), [{ status: 'new' }]);
    const saved = withPaper(row!, paper({ key: 'a', savedAt: 5 }));
    expect(saved.current.status).toBe('saved');
    const unsaved = withPaper(saved, paper({ key: 'a', seenCount: 1 }));
    expect(unsaved.current.status).toBe('seen');
    expect(groupOf(unsaved)).toBe('new');
    // A paper saved from the popup and never seen anywhere is new again once unsaved.
    expect(withPaper(saved, paper({ key: 'a', seenCount: 0 })).current.status).toBe('new');
  });

  it('unsaved, a card saved but seen nowhere before this visit is new, as its badge says, though this visit saw it', () => {
    const state = tab([['A', 'saved']]);
    state.cards[0]!.seen = 0;
    const [row] = rowsFromTab(state, [{ status: 'saved', paper: paper({ key: 'a', savedAt: 5, seenCount: 1 }) }]);
    const unsaved = withPaper(row!, paper({ key: 'a', seenCount: 1 }));
    expect(unsaved.current.status).toBe('new');
    expect(groupOf(unsaved)).toBe('new');
    expect(dedupStatus(unsaved)).toBe('New · not seen before this visit');
    // Seen once before this visit: seen.
    state.cards[0]!.seen = 1;
    const [seenRow] = rowsFromTab(state, [{ status: 'saved', paper: paper({ key: 'a', savedAt: 5, seenCount: 2 }) }]);
    expect(withPaper(seenRow!, paper({ key: 'a', seenCount: 2 })).current.status).toBe('seen');
  });

  it('edits a stored paper by key and an unknown card by the card itself', () => {
    const [stored, fresh] = rowsFromTab(tab([['A', 'seen'], ['B', 'new']]), [{ status: 'seen', paper: paper({ key: 'k' }) }, { status: 'new' }]);
    expect(targetOf(stored!)).toEqual({ key: 'k' });
    expect(targetOf(fresh!)).toEqual({ card: { title: 'B' }, page: HF_PAGE });
  });

  it('links only to http(s) pages', () => {
    const [row] = rowsFromTab(tab([['A', 'new']]), []);
    expect(paperLink({ ...row!, card: { title: 'A', url: 'javascript:alert(1)' } })).toBeUndefined();
    expect(paperLink({ ...row!, card: { title: 'A', url: 'javascript:alert(1)', arxivId: '2401.00001' } })).toBe(
      'https://arxiv.org/abs/2401.00001',
    );
    expect(paperLink({ ...row!, card: { title: 'A', url: 'https://huggingface.co/papers/2401.00001' } })).toBe(
      'https://huggingface.co/papers/2401.00001',
    );
  });

  it("links a library row to the paper's own page before Scholar's page of it", () => {
    const scholar = 'https://scholar.google.com/citations?view_op=view_citation&user=u&citation_for_view=u:w';
    const forum = 'https://openreview.net/forum?id=hdMAtt5sXk';
    const row = { ...rowsFromTab(tab([['A', 'seen']]), [])[0]!, card: undefined };
    const at = (urls: string[]) => paperLink({ ...row, current: { status: 'seen', paper: paper({ key: 't:a', urls }) } });
    expect(at([scholar, forum])).toBe(forum);
    expect(at([scholar])).toBe(scholar);
  });
});
