import { describe, expect, it } from 'vitest';
import { dblp } from '../../lib/sites';
import { loadFixture, parsePage } from './helpers';

const PERSON = new URL('https://dblp.org/pid/000/0001.html');
const TOC = new URL('https://dblp.org/db/conf/iclr/iclr2026.html');
const SEARCH = new URL('https://dblp.org/search?q=massive+activations');

/** An entry as dblp prints it (tests/fixtures/dblp; ../real/DOM-NOTES.md section 9). */
function entry(kind: string, cite: string, ees: [string, string][] = []): string {
  const links = ees.map(([href, text]) => `<li class="ee"><a href="${href}" itemprop="url">${text}</a></li>`).join('');
  return `<li class="entry ${kind} toc" id="conf/x/${kind}1"><nav class="publ"><ul><li class="drop-down"><div class="body"><ul>${links}</ul></div></li>
    <li class="drop-down"><div class="body"><ul><li><a href="https://scholar.google.com/scholar?q=x">Google Scholar</a></li></ul></div></li></ul></nav>
    <cite class="data tts-content" itemprop="headline">${cite}</cite></li>`;
}
const list = (...entries: string[]) => `<h1>12th ICLR 2026: Rio de Janeiro, Brazil</h1><ul class="publ-list">${entries.join('')}</ul>`;
const who = (name: string) => `<span itemprop="author"><a href="https://dblp.org/pid/1.html" itemprop="url"><span itemprop="name" title="${name}">${name}</span></a></span>`;
const conf = (name: string, year: number) => `<a href="https://dblp.org/db/conf/x.html"><span itemprop="isPartOf"><span itemprop="name">${name}</span></span> <span itemprop="datePublished">${year}</span></a>`;

describe('dblp: a person page', () => {
  it('reads each paper entry of the fixture: title, authors, year, ids, venue; not the volume the person edited', () => {
    const doc = loadFixture('dblp/person-000-0001.html', PERSON.href);
    const cards = dblp.readCards(doc, PERSON);
    expect(cards.map((c) => c.paper.title)).toEqual([
      'Hidden Dynamics of Massive Activations in Transformer Training',
      'Sparse Attention Kernels for Long-Context Inference',
      'Do Transformers Need Massive Activations?',
      'Hidden Dynamics of Massive Activations in Transformer Training',
      'Vision Transformer with Super Token Sampling',
    ]);
    const [iclr, journal, neurips, corr, older] = cards.map((c) => c.paper);
    // The ICLR version: its proceedings and year, its forum as its page; no arXiv id on the entry.
    expect(iclr).toEqual({
      title: 'Hidden Dynamics of Massive Activations in Transformer Training',
      authors: ['Author 1', 'Author 2', 'Author 3'],
      year: 2026,
      proceedings: 'ICLR 2026',
      url: 'https://openreview.net/forum?id=hdMAtt5sXk',
    });
    expect(journal).toMatchObject({ journal: 'IEEE Trans. Pattern Anal. Mach. Intell.', doi: '10.1109/tpami.2026.3561234', year: 2026 });
    expect(journal?.url).toBe('https://doi.org/10.1109/TPAMI.2026.3561234');
    // A homonym's number is not part of the name; a title's own "?" stays.
    expect(neurips).toMatchObject({ authors: ['Author 1', 'Wei Liu'], proceedings: 'NeurIPS 2025' });
    // A CoRR entry is the arXiv preprint: its id, no venue, no DOI (arXiv's own is not a journal's).
    expect(corr).toEqual({ title: 'Hidden Dynamics of Massive Activations in Transformer Training', authors: ['Author 1', 'Author 2', 'Author 3'], year: 2025, arxivId: '2508.27978' });
    expect(older).toMatchObject({ arxivId: '2211.83983', year: 2022 });
    for (const card of cards) {
      expect(card.anchors[0]?.matches('cite span.title')).toBe(true);
      expect(card.element.matches('li.entry')).toBe(true);
      // The person was looked up: never dimmed as seen.
      expect(card.asked).toBe('search');
    }
    expect(dblp.pageLabel(PERSON, doc)).toBe('Author 1');
  });
});

describe('dblp: a table of contents and a search', () => {
  it("reads a volume's contents as a digest to skim, labelled by its title", () => {
    const doc = parsePage(
      list(
        entry('inproceedings', `${who('Mingjie Sun')}, ${who('Zhuang Liu')}:<br> <span class="title" itemprop="name">Massive Activations in Large Language Models.</span> ${conf('ICLR', 2024)}`, [
          ['https://openreview.net/forum?id=F7aAhfitX6', 'electronic edition @ openreview.net'],
          ['https://arxiv.org/abs/2402.17762', 'electronic edition @ arxiv.org'],
        ]),
        entry('editor', `<span class="title" itemprop="name">The Twelfth International Conference on Learning Representations, ICLR 2024.</span>`),
      ),
      TOC.href,
    );
    const cards = dblp.readCards(doc, TOC);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.paper).toMatchObject({ arxivId: '2402.17762', proceedings: 'ICLR 2024', url: 'https://openreview.net/forum?id=F7aAhfitX6' });
    expect(cards[0]?.asked).toBeUndefined();
    expect(dblp.pageLabel(TOC, doc)).toBe('12th ICLR 2026: Rio de Janeiro, Brazil');
  });

  it('reads search results as asked for, links only from the electronic editions, dblp\'s record when there is none', () => {
    const doc = parsePage(list(entry('article', `${who('A B')}:<br> <span class="title" itemprop="name">No Link Anywhere.</span> <span itemprop="datePublished">2020</span>`)), SEARCH.href);
    const [card] = dblp.readCards(doc, SEARCH);
    expect(card?.asked).toBe('search');
    // The "ask others" menu's Google Scholar link is not the paper's page.
    expect(card?.paper.url).toBe('https://dblp.org/rec/conf/x/article1');
    expect(card?.paper).not.toHaveProperty('journal');
    expect(dblp.pageLabel(SEARCH, doc)).toBe('“massive activations”');
  });

  it('names no venue for a preprint server dblp lists as a journal', () => {
    const article = (journal: string) =>
      entry('article', `${who('A B')}:<br> <span class="title" itemprop="name">Posted Somewhere.</span> <a href="x"><span itemprop="isPartOf"><span itemprop="name">${journal}</span></span></a> (<span itemprop="datePublished">2024</span>)`);
    for (const name of ['CoRR', 'bioRxiv', 'IACR Cryptol. ePrint Arch.']) {
      const [card] = dblp.readCards(parsePage(list(article(name)), SEARCH.href), SEARCH);
      expect(card?.paper, name).not.toHaveProperty('journal');
    }
    const [journal] = dblp.readCards(parsePage(list(article('J. Mach. Learn. Res.')), SEARCH.href), SEARCH);
    expect(journal?.paper.journal).toBe('J. Mach. Learn. Res.');
  });

  it('finds nothing on pages it does not read', () => {
    const url = new URL('https://dblp.org/rec/conf/iclr/SunCKL24.html');
    expect(dblp.readCards(parsePage(list(), url.href), url)).toEqual([]);
  });
});
