import { describe, expect, it } from 'vitest';
import { openreview } from '../../lib/sites';
import { acceptedVenue, venueName } from '../../lib/sites/openreview';
import { explainMatch } from '../../lib/dedup';
import { fixtureText, loadFixture, parsePage } from './helpers';

const VENUE = new URL('https://openreview.net/group?id=ICLR.cc/2026/Conference');
const FORUM = new URL('https://openreview.net/forum?id=hdMAtt5sXk');
const SEARCH = new URL('https://openreview.net/search?term=massive+activations&group=all&content=all&source=all');

/** A note as openreview-web's Note component renders it in a list (see tests/fixtures/openreview). */
function note(forum: string, title: string, authors: string, meta = '<li>Published: 26 Jan 2026, Last Modified: 01 Mar 2026</li><li>ICLR 2026 Oral</li>'): string {
  return `<li><div class="note "><h4><a href="/forum?id=${forum}">${title}</a><a href="/pdf?id=${forum}" class="pdf-link" title="Download PDF"><img alt="pdf icon"></a></h4>
    <div class="note-authors">${authors}</div><ul class="note-meta-info list-inline">${meta}</ul></div></li>`;
}
const list = (...notes: string[]) => `<ul class="list-unstyled submissions-list">${notes.join('')}</ul>`;
const names = (...n: string[]) => `<span>${n.map((x, i) => `<a href="/profile?id=~P${i}" title="~P${i}">${x}</a>`).join(', ')} </span>`;

describe('OpenReview: a venue page', () => {
  it('reads each note of the fixture: title, forum address, authors, year; one badge place a note', () => {
    const doc = loadFixture('openreview/iclr-2026-conference.html', VENUE.href);
    const cards = openreview.readCards(doc, VENUE);
    expect(cards.map((c) => c.paper.title)).toEqual([
      'Hidden Dynamics of Massive Activations in Transformer Training',
      'A Simple and Effective Pruning Approach for Large Language Models Revisited',
      'Vision Transformer with Super Token Sampling',
      'Grokking Beyond Algorithmic Data: Delayed Generalisation in Small Language Models',
    ]);
    expect(cards[0]?.paper).toMatchObject({ url: 'https://openreview.net/forum?id=hdMAtt5sXk', authors: ['Author 1', 'Author 2', 'Author 3'], year: 2026 });
    expect(cards[1]?.paper.authors).toEqual(['Mingjie Sun', 'Zhuang Liu', 'J. Zico Kolter']);
    // Under review: the signature is not an author, and the venue is not yet where it appeared.
    expect(cards[3]?.paper.authors).toBeUndefined();
    expect(cards.map((c) => c.paper.proceedings)).toEqual(['ICLR 2026', 'ICLR 2026', 'ICLR 2026', undefined]);
    // The heading is the anchor (its title and PDF links); a venue's lists are a digest to skim.
    for (const card of cards) {
      expect(card.anchors[0]?.localName).toBe('h4');
      expect(card.asked).toBeUndefined();
      expect(card.paper.arxivId).toBeUndefined();
    }
    expect(openreview.pageLabel(VENUE, doc)).toBe('ICLR 2026 Conference');
  });

  it('gives no authors when the list is cut at twenty, and all of them once expanded', () => {
    const many = Array.from({ length: 20 }, (_, i) => `Person ${i}`);
    const cut = `<span>${names(...many).slice(6, -8)} <a href="#" role="button" class="show-all">et al. (3 additional authors not shown)</a> </span>`;
    const open = `<span>${names(...many).slice(6, -8)} <a href="#" role="button" class="show-all">(hide authors)</a> </span>`;
    const doc = parsePage(list(note('a1', 'Cut', cut), note('a2', 'Open', open)), VENUE.href);
    const [a, b] = openreview.readCards(doc, VENUE);
    expect(a?.paper.authors).toBeUndefined();
    expect(b?.paper.authors).toHaveLength(20);
  });

  it('reads one card a paper, though two tabs list it, and skips notes that link to no forum', () => {
    const doc = parsePage(
      list(note('f1', 'Twice listed', names('A B'))) +
        list(note('f1', 'Twice listed', names('A B')), '<li><div class="note"><h4><a href="/group?id=x">A group, not a paper</a></h4></div></li>'),
      VENUE.href,
    );
    expect(openreview.readCards(doc, VENUE).map((c) => c.paper.title)).toEqual(['Twice listed']);
  });

  it('gives back the card read before while its title is unchanged, and reads a re-rendered tab afresh', () => {
    const doc = parsePage(`<div id="tab">${list(note('r1', 'First', names('A B')))}</div>`, VENUE.href);
    const [before] = openreview.readCards(doc, VENUE);
    expect(openreview.readCards(doc, VENUE)[0]).toBe(before);
    doc.querySelector('#tab')!.innerHTML = list(note('r2', 'Second', names('C D')));
    expect(openreview.readCards(doc, VENUE).map((c) => c.paper.title)).toEqual(['Second']);
  });

  it('matches a paper met on a digest by its title and authors (OpenReview ids are its own)', () => {
    const [card] = openreview.readCards(loadFixture('openreview/iclr-2026-conference.html', VENUE.href), VENUE);
    const stored = { title: 'Hidden Dynamics of Massive Activations in Transformer Training', arxivId: '2508.27978', authors: ['Author 1', 'Author 2', 'Author 3'], year: 2025 };
    expect(explainMatch(card!.paper, stored)?.rule).toBe('title');
  });
});

describe('OpenReview: a search and a forum', () => {
  it('marks search results as asked for, labelled by the term', () => {
    const doc = parsePage(list(note('s1', 'Massive activations in large language models', names('Mingjie Sun'))), SEARCH.href);
    const [card] = openreview.readCards(doc, SEARCH);
    expect(card?.asked).toBe('search');
    expect(openreview.pageLabel(SEARCH, doc)).toBe('“massive activations”');
  });

  it('reads a forum page as its one paper, from its citation meta, the badge by its title', () => {
    const doc = loadFixture('openreview/forum-hdMAtt5sXk.html', FORUM.href);
    const [card, ...rest] = openreview.readCards(doc, FORUM);
    expect(rest).toHaveLength(0);
    expect(card?.paper).toMatchObject({
      title: 'Hidden Dynamics of Massive Activations in Transformer Training',
      url: 'https://openreview.net/forum?id=hdMAtt5sXk',
      authors: ['Author 1', 'Author 2', 'Author 3'],
      year: 2026,
      publishedAt: '2026-01-26',
    });
    expect(card?.paper.abstract).toMatch(/^Massive activations are scalar values/);
    expect(card?.asked).toBe('paper');
    expect(card?.anchors[0]?.matches('h2.citation_title')).toBe(true);
    expect(card?.element.matches('.forum-container')).toBe(true);
    // Where it was accepted, from the venue line under the authors.
    expect(card?.paper.proceedings).toBe('ICLR 2026');
  });

  it("gives a forum under review no venue, though its meta names the conference it was submitted to", () => {
    // openreview-web fills citation_conference_title from the note's BibTeX, "Submitted to" cut off.
    const html = fixtureText('openreview/forum-hdMAtt5sXk.html').replace('</span>ICLR 2026 Oral</span>', '</span>Submitted to ICLR 2026</span>');
    const doc = parsePage(html, FORUM.href);
    expect(doc.querySelector('meta[name=citation_conference_title]')).not.toBeNull();
    const [card] = openreview.readCards(doc, FORUM);
    expect(card?.paper.title).toBe('Hidden Dynamics of Massive Activations in Transformer Training');
    expect(card?.paper).not.toHaveProperty('proceedings');
    expect(card?.paper).not.toHaveProperty('journal');
  });

  it('reads where a note was accepted from its venue line, and nothing from a submission', () => {
    const cases: [string, ReturnType<typeof acceptedVenue>][] = [
      ['ICLR 2026 Oral', { proceedings: 'ICLR 2026' }],
      ['ICLR 2026 Poster', { proceedings: 'ICLR 2026' }],
      ['ICLR 2025 Spotlight', { proceedings: 'ICLR 2025' }],
      ['ICLR 2023 notable top 5%', { proceedings: 'ICLR 2023' }],
      ['ICLR 2023 notable top 25%', { proceedings: 'ICLR 2023' }],
      ['NeurIPS 2024 poster', { proceedings: 'NeurIPS 2024' }],
      ['NeurIPS 2024 Datasets and Benchmarks Track oral', { proceedings: 'NeurIPS 2024 Datasets and Benchmarks Track' }],
      ['ICML 2024 Workshop on Mechanistic Interpretability', { proceedings: 'ICML 2024 Workshop on Mechanistic Interpretability' }],
      ['  CoLM  2024 ', { proceedings: 'CoLM 2024' }],
      ['Accepted by TMLR', { journal: 'Transactions on Machine Learning Research' }],
      ['Accepted by DMLR', { journal: 'DMLR' }],
      ['Submitted to ICLR 2026', undefined],
      ['ICLR 2026 Conference Submission', undefined],
      ['ICLR 2026 Conference Withdrawn Submission', undefined],
      ['ICLR 2025 Conference Desk Rejected Submission', undefined],
      ['Under review for TMLR', undefined],
      ['Rejected by TMLR', undefined],
      ['CoRR 2024', undefined],
      ['TMLR', undefined],
      ['', undefined],
    ];
    for (const [line, venue] of cases) expect(acceptedVenue(line), line).toEqual(venue);
  });

  it('names a venue as OpenReview does', () => {
    expect(venueName('ICLR.cc/2026/Conference')).toBe('ICLR 2026 Conference');
    expect(venueName('NeurIPS.cc/2025/Datasets_and_Benchmarks_Track')).toBe('NeurIPS 2025 Datasets and Benchmarks Track');
    expect(venueName('TMLR')).toBe('TMLR');
  });
});
