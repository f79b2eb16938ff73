import { describe, expect, it } from 'vitest';
import { arxiv } from '../../lib/sites/arxiv';
import { checkCapture, fixtureIndex, loadFixture, parsePage, realCaptures } from './helpers';

/** One listing entry in today's layout (arxiv-browse `list_macros.html`). */
function entry(n: number, id: string, title: string, opts: { note?: string; abstract?: string; journalRef?: string } = {}): string {
  return `
    <dt>
      <a name='item${n}'>[${n}]</a>
      <a href ="/abs/${id}" title="Abstract" id="${id}">
        arXiv:${id}
      </a> ${opts.note ?? ''}
        [<a href="/pdf/${id}" title="Download PDF" id="pdf-${id}">pdf</a>, <a href="/format/${id}" title="Other formats" id="oth-${id}">other</a>]
    </dt>
    <dd>
      <div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span>
          ${title}
        </div>
        <div class='list-authors'><a href="https://arxiv.org/search/cs?searchtype=author&amp;query=Doe,+J">Jane Doe</a>, <a href="https://arxiv.org/search/cs?searchtype=author&amp;query=Roe,+R">Richard Roe</a></div>
        ${opts.journalRef === undefined ? '' : `<div class='list-journal-ref'><span class='descriptor'>Journal-ref:</span>\n          ${opts.journalRef}\n        </div>`}
        <div class='list-subjects'><span class='descriptor'>Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div>
        ${opts.abstract === undefined ? '' : `<p class='mathjax'>${opts.abstract}</p>`}
      </div>
    </dd>`;
}

function listing(heading: string, sections: string[][]): string {
  return `<!DOCTYPE html><html><head><title>Machine Learning</title></head><body><div id='dlpage'>
    <h1>Machine Learning (cs.LG)</h1>${heading}
    ${sections.map(([h, ...items]) => `<dl id='articles'><h3>${h}</h3>${items.join('')}</dl>`).join('\n')}
  </div></body></html>`;
}

describe('arXiv: generated listing (index.json)', () => {
  for (const page of fixtureIndex().filter((e) => e.site === 'arxiv')) {
    it(`${page.file} gives exactly its ${page.cards.length} cards, in order`, () => {
      const url = new URL(page.url);
      const doc = loadFixture(page.file, page.url);
      const cards = arxiv.readCards(doc, url);
      expect(cards.map((c) => ({ id: c.paper.arxivId, title: c.paper.title }))).toEqual(page.cards);
      for (const card of cards) {
        expect(card.element.localName).toBe('dd');
        expect(card.anchors).toHaveLength(1);
        expect(card.anchors[0]?.classList.contains('list-title')).toBe(true);
        expect(card.digestDate).toBe(page.digestDay);
        expect(card.paper.url).toBe(`https://arxiv.org/abs/${card.paper.arxivId}`);
        expect(card.paper.authors?.length).toBeGreaterThan(0);
        expect(card.paper.abstract?.length).toBeGreaterThan(100);
      }
      expect(arxiv.pageLabel(url, doc)).toBe('cs.LG new');
    });
  }
});

describe('arXiv: real captures (expected JSON beside each)', () => {
  for (const { html, expected } of realCaptures().filter((c) => c.expected.site === 'arxiv')) {
    it(`${html}: ${expected.count} card(s)`, () => checkCapture(html, expected));
  }
});

describe('arXiv: listings', () => {
  const url = new URL('https://arxiv.org/list/cs.LG/new');

  it('reads all sections: new, cross-lists and replacements, with old-style ids and versions', () => {
    const doc = parsePage(
      listing('<h3>Showing new listings for Tuesday, 22 September 2026</h3>', [
        ['New submissions (showing 1 of 1 entries)', entry(1, '2609.00001', 'New one', { abstract: 'An abstract.' })],
        ['Cross submissions (showing 1 of 1 entries)', entry(2, '2609.00002', 'Crossed', { note: '(cross-list from cs.CL)' })],
        [
          'Replacement submissions (showing 2 of 2 entries)',
          entry(3, 'hep-th/9901001', 'An old one', { note: '(replaced)' }),
          entry(4, '2401.01234v3', 'Versioned', { note: '(replaced)' }),
        ],
      ]),
      url.href,
    );
    const cards = arxiv.readCards(doc, url);
    expect(cards.map((c) => [c.paper.arxivId, c.paper.version, c.paper.title])).toEqual([
      ['2609.00001', undefined, 'New one'],
      ['2609.00002', undefined, 'Crossed'],
      ['hep-th/9901001', undefined, 'An old one'],
      ['2401.01234', 3, 'Versioned'],
    ]);
    expect(cards[2]?.paper.url).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(cards[0]?.paper.abstract).toBe('An abstract.');
    expect(cards[1]?.paper.abstract).toBeUndefined();
    expect(cards[0]?.paper.authors).toEqual(['Jane Doe', 'Richard Roe']);
    expect(cards.map((c) => c.digestDate)).toEqual(Array(4).fill('2026-09-22'));
  });

  it('dates legacy /new pages ("New submissions for Tue, 22 Sep 26") and /recent sections per day', () => {
    const legacy = parsePage(
      `<h3>New submissions for Tue, 22 Sep 26</h3><dl>${entry(1, '2609.00001', 'A')}</dl>` +
        `<h3>Cross-lists for Tue, 22 Sep 26</h3><dl>${entry(2, '2609.00002', 'B')}</dl>`,
      url.href,
    );
    expect(arxiv.readCards(legacy, url).map((c) => c.digestDate)).toEqual(['2026-09-22', '2026-09-22']);

    const recentUrl = new URL('https://arxiv.org/list/cs.LG/recent?skip=0&show=50');
    const recent = parsePage(
      listing('<h2>Authors and titles for recent submissions</h2>', [
        ['Wed, 7 Oct 2026 (showing 1 of 1 entries )', entry(1, '2610.00001', 'A')],
        ['Tue, 6 Oct 2026 (showing 1 of 1 entries )', entry(2, '2610.00002', 'B')],
      ]),
      recentUrl.href,
    );
    expect(arxiv.readCards(recent, recentUrl).map((c) => c.digestDate)).toEqual(['2026-10-07', '2026-10-06']);
    expect(arxiv.pageLabel(recentUrl)).toBe('cs.LG recent');
  });

  it("dates a catchup page (a past day's new listing) by the day in its address", () => {
    const catchup = new URL('https://arxiv.org/catchup/cs.LG/2025-11-10?abs=True&page=1');
    const doc = parsePage(
      listing('<h1>Catchup results for Machine Learning on Mon, 10 Nov 2025</h1>', [
        ['New submissions (showing 1 of 1 entries)', entry(1, '2511.00001', 'A')],
        ['Cross submissions (showing 1 of 1 entries)', entry(2, '2511.00002', 'B')],
        ['Replacement submissions (showing 1 of 1 entries)', entry(3, '2501.00003v2', 'C')],
      ]),
      catchup.href,
    );
    const cards = arxiv.readCards(doc, catchup);
    expect(cards.map((c) => [c.paper.arxivId, c.digestDate])).toEqual([
      ['2511.00001', '2025-11-10'],
      ['2511.00002', '2025-11-10'],
      ['2501.00003', '2025-11-10'],
    ]);
    // A listing to skim, as /new is: dimmable as seen.
    expect(cards.every((c) => c.asked === undefined)).toBe(true);
    expect(arxiv.pageLabel(catchup)).toBe('cs.LG catchup');
  });

  it("reads an author's page as a listing the reader looked up: never dimmed, no digest day", () => {
    const author = new URL('https://arxiv.org/a/kolter_j_1');
    const doc = parsePage(listing('<h1>Kolter, J Zico\'s articles on arXiv</h1>', [['', entry(1, '2402.17762', 'A'), entry(2, '2306.11695v3', 'B')]]), author.href);
    const cards = arxiv.readCards(doc, author);
    expect(cards.map((c) => [c.paper.arxivId, c.asked, c.digestDate])).toEqual([
      ['2402.17762', 'search', undefined],
      ['2306.11695', 'search', undefined],
    ]);
  });

  it('gives no digest date when the page states none', () => {
    const month = new URL('https://arxiv.org/list/cs.LG/2024-01');
    const doc = parsePage(listing('', [['Entries (showing 1 of 1)', entry(1, '2401.00001', 'A')]]), month.href);
    expect(arxiv.readCards(doc, month)[0]?.digestDate).toBeUndefined();
  });

  it('returns titles with markup-looking text as plain text', () => {
    const evil = '&lt;img src=x onerror=alert(1)&gt; &amp; Don&#39;t';
    const doc = parsePage(listing('', [['New', entry(1, '2609.00001', evil)]]), url.href);
    expect(arxiv.readCards(doc, url)[0]?.paper.title).toBe("<img src=x onerror=alert(1)> & Don't");
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('reads titles the same before and after MathJax 2 typesets them', () => {
    const raw = 'Bounds for $\\ell_p$-regression in $O(n^2)$ time';
    const typeset =
      'Bounds for <span class="MathJax_Preview" style="color: inherit;"></span>' +
      '<span class="MathJax" id="MathJax-Element-1-Frame" tabindex="0"><nobr><span class="math"><span class="mrow">ℓp</span></span></nobr>' +
      '<span class="MJX_Assistive_MathML"><math><msub><mi>ℓ</mi><mi>p</mi></msub></math></span></span>' +
      '<script type="math/tex" id="MathJax-Element-1">\\ell_p</script>-regression in ' +
      '<span class="MathJax_Preview"></span><span class="MathJax_CHTML">O(n2)</span><script type="math/tex">O(n^2)</script> time';
    const before = arxiv.readCards(parsePage(listing('', [['New', entry(1, '2609.00001', raw)]]), url.href), url);
    const after = arxiv.readCards(parsePage(listing('', [['New', entry(1, '2609.00001', typeset)]]), url.href), url);
    expect(before[0]?.paper.title).toBe(raw);
    expect(after[0]?.paper.title).toBe(raw);
  });

  it('keeps the title it first read when MathJax 3 later replaces the TeX', () => {
    const doc = parsePage(listing('', [['New', entry(1, '2609.00001', 'Learning $x^2$ fast')]]), url.href);
    expect(arxiv.readCards(doc, url)[0]?.paper.title).toBe('Learning $x^2$ fast');
    const title = doc.querySelector('.list-title');
    const textNode = [...(title?.childNodes ?? [])].find((n) => n.nodeType === 3 && /x\^2/.test(n.nodeValue ?? ''));
    if (!title || !textNode) throw new Error('title text missing');
    // MathJax 3 removes the TeX and inserts <mjx-container>, whose text is rendering output.
    textNode.nodeValue = ' Learning ';
    const mjx = doc.createElement('mjx-container');
    mjx.className = 'MathJax CtxtMenu_Attached_0';
    mjx.textContent = 'x2';
    title.appendChild(mjx);
    title.appendChild(doc.createTextNode(' fast '));
    expect(arxiv.readCards(doc, url)[0]?.paper.title).toBe('Learning $x^2$ fast');
    // A page read only after typesetting drops the rendered formula rather than misreading it.
    const late = parsePage(listing('', [['New', entry(1, '2609.00001', 'Learning <mjx-container class="MathJax">x2</mjx-container> fast')]]), url.href);
    expect(arxiv.readCards(late, url)[0]?.paper.title).toBe('Learning fast');
  });

  it('skips <dt>s without their <dd>, non-paper links and repeated ids', () => {
    const doc = parsePage(
      listing('', [
        [
          'New',
          entry(1, '2609.00001', 'A'),
          '<dt><a href="/abs/2609.00009">arXiv:2609.00009</a></dt>',
          '<dt>Glossary</dt><dd>not a paper</dd>',
          entry(2, '2609.00001', 'A again'),
          entry(3, '2609.00002', 'B'),
        ],
      ]),
      url.href,
    );
    expect(arxiv.readCards(doc, url).map((c) => c.paper.title)).toEqual(['A', 'B']);
  });

  it('re-reads cheaply: an unchanged entry gives the same card, a reused element is read afresh', () => {
    const doc = parsePage(listing('', [['New', entry(1, '2609.00001', 'A'), entry(2, '2609.00002', 'B')]]), url.href);
    const first = arxiv.readCards(doc, url);
    const again = arxiv.readCards(doc, url);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    // Some script swaps the second entry for another paper in place.
    doc.querySelectorAll('dt a[title="Abstract"]')[1]?.setAttribute('href', '/abs/2609.00003');
    const title = doc.querySelectorAll('.list-title')[1];
    if (title) title.textContent = 'Title: C';
    const swapped = arxiv.readCards(doc, url);
    expect(swapped[0]).toBe(first[0]);
    expect(swapped.map((c) => [c.paper.arxivId, c.paper.title])).toEqual([
      ['2609.00001', 'A'],
      ['2609.00003', 'C'],
    ]);
    expect(swapped.every((c) => c.asked === undefined)).toBe(true);
  });

  it('reads an entry afresh when the page renders its inside again: the badge goes against the new title', () => {
    const doc = parsePage(listing('', [['New', entry(1, '2609.00001', 'A')]]), url.href);
    const [first] = arxiv.readCards(doc, url);
    const dd = first!.element;
    dd.innerHTML = dd.innerHTML;
    const [again] = arxiv.readCards(doc, url);
    expect(again).not.toBe(first);
    expect(again?.anchors).toEqual([dd.querySelector('.list-title')]);
  });

  it('skips entries whose title cannot be read (the library files papers by title too)', () => {
    const doc = parsePage(listing('', [['New', entry(1, '2609.00001', ''), entry(2, '2609.00002', 'B')]]), url.href);
    expect(arxiv.readCards(doc, url).map((c) => c.paper.arxivId)).toEqual(['2609.00002']);
  });

  it('finds nothing on pages of other sites', () => {
    for (const f of ['google-scholar-results-2026-fragments.html', 'paperswithcode-search-cards-2023-fragment.html', 'hf-trending-2026-10-excerpt.html']) {
      expect(arxiv.readCards(loadFixture(`real/${f}`, url.href), url)).toEqual([]);
    }
  });
});

describe('arXiv: abstract pages', () => {
  const abs = (id: string, extra = '') => `<!DOCTYPE html><html><head>
    <meta name="citation_title" content="An  old   paper" />
    <meta name="citation_author" content="Witten, Edward" />
    <meta name="citation_author" content="Doe, Jane Q." />
    <meta name="citation_date" content="1999/01/04" />
    <meta name="citation_arxiv_id" content="${id}" />
    <meta name="citation_abstract" content="We study strings." />${extra}
    </head><body><div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>An old paper</h1>
    <div class="authors"><span class="descriptor">Authors:</span></div></div></body></html>`;

  it('reads an old-style id from the meta and the version from the URL', () => {
    const url = new URL('https://arxiv.org/abs/hep-th/9901001v3');
    const cards = arxiv.readCards(parsePage(abs('hep-th/9901001'), url.href), url);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.paper).toEqual({
      arxivId: 'hep-th/9901001',
      version: 3,
      title: 'An old paper',
      url: 'https://arxiv.org/abs/hep-th/9901001',
      authors: ['Edward Witten', 'Jane Q. Doe'],
      abstract: 'We study strings.',
      publishedAt: '1999-01-04',
    });
    expect(cards[0]?.anchors.map((a) => a.localName)).toEqual(['h1']);
    expect(cards[0]?.element.id).toBe('abs');
    // The page is the paper: 'Dim/Hide seen' leaves it alone.
    expect(cards[0]?.asked).toBe('paper');
    expect(arxiv.pageLabel(url)).toBe('abs');
  });

  it('takes the version shown from og:url when the URL has none', () => {
    const url = new URL('https://arxiv.org/abs/hep-th/9901001');
    const doc = parsePage(abs('hep-th/9901001', '<meta property="og:url" content="https://arxiv.org/abs/hep-th/9901001v2" />'), url.href);
    expect(arxiv.readCards(doc, url)[0]?.paper.version).toBe(2);
  });

  it("reads the published version's DOI the authors gave (Related DOI), one DOI only", () => {
    const url = new URL('https://arxiv.org/abs/hep-th/9901001');
    const doiOf = (field: string) => arxiv.readCards(parsePage(abs('hep-th/9901001', `<meta name="citation_doi" content="${field}" />`), url.href), url)[0]?.paper.doi;
    expect(doiOf('10.1103/PhysRevD.59.086004')).toBe('10.1103/physrevd.59.086004');
    expect(doiOf('https://doi.org/10.1088/1126-6708/1999/01/004')).toBe('10.1088/1126-6708/1999/01/004');
    expect(doiOf('10.1103/X.1 10.1103/X.1')).toBe('10.1103/x.1');
    // Two articles (parts, an erratum), or none: no DOI.
    expect(doiOf('10.1103/PhysRevD.59.086004 10.1103/PhysRevD.60.129902')).toBeUndefined();
    expect(doiOf('see the journal')).toBeUndefined();
    // The real page of a paper without one.
    const real = new URL('https://arxiv.org/abs/2604.14148');
    expect(arxiv.readCards(loadFixture('real/arxiv-abs-2604.14148-2026-04.html', real.href), real)[0]?.paper.doi).toBeUndefined();
  });

  it('falls back to the page when the citation meta is missing', () => {
    const url = new URL('https://arxiv.org/abs/2401.01234');
    const doc = parsePage(
      '<div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>  Plain   title</h1>' +
        '<div class="authors"><span class="descriptor">Authors:</span><a href="/a/doe_j_1">Jane Doe</a></div>' +
        '<blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span> Text here, code at ' +
        '<a href="https://github.com/x/y" class="link-external link-https">this https URL</a>.</blockquote></div>',
      url.href,
    );
    expect(arxiv.readCards(doc, url)[0]?.paper).toEqual({
      arxivId: '2401.01234',
      title: 'Plain title',
      url: 'https://arxiv.org/abs/2401.01234',
      authors: ['Jane Doe'],
      abstract: 'Text here, code at https://github.com/x/y.',
    });
  });
});

describe('arXiv: "this https URL" links in abstracts', () => {
  it('keeps the address the author wrote, in a real listing', () => {
    const url = new URL('https://arxiv.org/list/cond-mat.mtrl-sci/new');
    const doc = loadFixture('real/arxiv-list-cond-mat.mtrl-sci-new-2026-09-22-excerpt.html', url.href);
    expect(arxiv.readCards(doc, url)[0]?.paper.abstract).toContain(
      'are available at https://github.com/manasvupadhyay/spectral_galerkin_heat under the Apache 2.0 license.',
    );
  });

  it('in listings and search results; other links keep their text, or stay out where they did', () => {
    const url = new URL('https://arxiv.org/list/cs.LG/new');
    const abstract =
      'See <a href="https://example.org/a?b=1" class="link-external link-https">this https URL</a> and ' +
      '<a href="http://example.org/old">this http URL</a>; not <a href="javascript:void(0)">this https URL</a> nor <a href="/x">the appendix</a>.';
    const [card] = arxiv.readCards(parsePage(listing('', [['New submissions', entry(1, '2401.00001', 'T', { abstract })]]), url.href), url);
    expect(card?.paper.abstract).toBe('See https://example.org/a?b=1 and http://example.org/old; not this https URL nor the appendix.');
    expect(card?.asked).toBeUndefined();

    const search = parsePage(
      `<ol><li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/2401.00002">arXiv:2401.00002</a></p>
        <p class="title is-5 mathjax">A title</p>
        <span class="abstract-full">Code: <a href="https://github.com/a/b">this https URL</a>. <a class="is-size-7" href="#">△ Less</a></span></li></ol>`,
      SEARCH.href,
    );
    expect(arxiv.readCards(search, SEARCH)[0]?.paper.abstract).toBe('Code: https://github.com/a/b.');
    // A search's results are what the reader asked for: never dimmed or hidden as seen.
    expect(arxiv.readCards(search, SEARCH)[0]?.asked).toBe('search');
  });
});

describe('arXiv: URLs', () => {
  const cases: [string, string | null][] = [
    ['https://arxiv.org/list/cs.LG/new', 'cs.LG new'],
    ['https://arxiv.org/list/cs.AI/recent', 'cs.AI recent'],
    ['https://arxiv.org/list/cs.AI/recent?skip=50&show=50', 'cs.AI recent'],
    ['https://arxiv.org/list/cs.LG/pastweek?show=100', 'cs.LG pastweek'],
    ['https://arxiv.org/list/cs.LG/2024-01', 'cs.LG 2024-01'],
    ['https://arxiv.org/catchup/cs.LG/2025-11-10?abs=True&page=2', 'cs.LG catchup'],
    ['https://arxiv.org/catchup', null],
    ['https://arxiv.org/catchup/cs.LG', null],
    ['https://arxiv.org/a/kolter_j_1', 'author page'],
    ['https://arxiv.org/a/kolter_j_1.html', 'author page'],
    ['https://arxiv.org/a/0000-0002-1825-0097', 'author page'],
    ['https://arxiv.org/a/kolter_j_1.atom2', null],
    ['https://arxiv.org/a/kolter_j_1.json', null],
    ['https://arxiv.org/a/', null],
    ['https://arxiv.org/list/hep-th/new', 'hep-th new'],
    ['https://arxiv.org/list/cond-mat.mtrl-sci/new?show=2000', 'cond-mat.mtrl-sci new'],
    ['https://www.arxiv.org/list/math/new', 'math new'],
    ['https://export.arxiv.org/list/cs.LG/new', 'cs.LG new'],
    ['https://arxiv.org/abs/2401.01234', 'abs'],
    ['https://arxiv.org/abs/2401.01234v2', 'abs'],
    ['https://arxiv.org/abs/hep-th/9901001', 'abs'],
    ['https://arxiv.org/abs/hep-th/9901001v3', 'abs'],
    ['https://arxiv.org/search/?query=endometriosis&searchtype=all', '“endometriosis”'],
    ['https://arxiv.org/search/cs?query=transformer+language&searchtype=all', '“transformer language”'],
    ['https://arxiv.org/search/advanced?terms-0-term=x', 'search'],
    ['https://arxiv.org/', null],
    ['https://arxiv.org/pdf/2401.01234', null],
    ['https://arxiv.org/html/2401.01234v1', null],
    ['https://arxiv.org/list', null],
    ['https://info.arxiv.org/help/api/index.html', null],
    ['https://www.alphaxiv.org/abs/2401.01234', null],
    ['https://huggingface.co/papers/2401.01234', null],
  ];
  for (const [href, label] of cases) {
    it(`${href} → ${label ?? 'not handled'}`, () => {
      const url = new URL(href);
      expect(arxiv.handles(url)).toBe(label !== null);
      if (label !== null) expect(arxiv.pageLabel(url)).toBe(label);
    });
  }
});

describe('arXiv: large pages', () => {
  it('reads 5,000 listing entries in time linear in their number', () => {
    const url = new URL('https://arxiv.org/list/cs.LG/pastweek?show=5000');
    const build = (n: number) =>
      parsePage(
        listing('', [['Entries', ...Array.from({ length: n }, (_, i) => entry(i + 1, `2401.${String(10000 + i)}`, `Title ${i}`, { abstract: 'Abs.' }))]]),
        url.href,
      );
    const time = (doc: Document) => {
      const t0 = performance.now();
      const n = arxiv.readCards(doc, url).length;
      return { ms: performance.now() - t0, n };
    };
    time(build(200)); // warm-up: the first run pays for JIT compilation
    const small = time(build(1000));
    const big = time(build(5000));
    expect([small.n, big.n]).toEqual([1000, 5000]);
    console.info(`arXiv readCards: 1000 entries ${small.ms.toFixed(0)} ms, 5000 entries ${big.ms.toFixed(0)} ms (happy-dom)`);
    expect(big.ms).toBeLessThan(small.ms * 12 + 500);
  }, 180_000);
});

/** One search result (arxiv-search `search-macros.html`): past 25 authors, "et al. (N additional authors not shown)". */
function searchResult(id: string, authors: number, dateline: string): string {
  const names = Array.from({ length: Math.min(authors, 25) }, (_, i) => `<a href="/search/?searchtype=author&amp;query=A${i}">First${i} Last${i}</a>`).join(', ');
  const more = authors > 25 ? `, et al. (${authors - 25} additional authors not shown)` : '';
  return `<li class="arxiv-result">
    <div class="is-marginless"><p class="list-title is-inline-block"><a href="https://arxiv.org/abs/${id}">arXiv:${id}</a>
      <span>&nbsp;[<a href="https://arxiv.org/pdf/${id}">pdf</a>]&nbsp;</span></p></div>
    <p class="title is-5 mathjax">A paper with many authors</p>
    <p class="authors"><span class="has-text-black-bis has-text-weight-semibold">Authors:</span>
      ${names}${more}
    </p>
    <p class="is-size-7">${dateline}</p>
  </li>`;
}

const SEARCH = new URL('https://arxiv.org/search/?query=llm&searchtype=all');

describe('arXiv search results: partial author lists and dates', () => {
  it('does not present a list cut at 25 names ("et al. (146 additional authors not shown)") as the full author list', () => {
    const doc = parsePage(
      `<ol class="breathe-horizontal">${searchResult('2604.14148', 171, '<span class="has-text-black-bis has-text-weight-semibold">Submitted</span> 15 April, 2026; <span>originally announced</span> April 2026.')}</ol>`,
      SEARCH.href,
    );
    const [card] = arxiv.readCards(doc, SEARCH);
    // The abstract page of the same paper gives all 171 (tests/fixtures/real/arxiv-abs-2604.14148-2026-04).
    // A truncated list must not be filed as if complete: either all names, or none (so a fuller source fills it).
    expect(card?.paper.authors).toBeUndefined();
    // A list arXiv prints whole is read.
    const whole = parsePage(`<ol>${searchResult('2604.00001', 3, 'Submitted 15 April, 2026;')}</ol>`, SEARCH.href);
    expect(arxiv.readCards(whole, SEARCH)[0]?.paper.authors).toEqual(['First0 Last0', 'First1 Last1', 'First2 Last2']);
  });

  it('dates a multi-version hit by its v1 submission, as the abstract page (citation_date) and Hugging Face do', () => {
    const doc = parsePage(
      `<ol class="breathe-horizontal">${searchResult(
        '2312.00752',
        3,
        '<span class="has-text-black-bis has-text-weight-semibold">Submitted</span> 31 May, 2024; <span class="has-text-black-bis has-text-weight-semibold">v1</span> submitted 1 December, 2023; <span class="has-text-black-bis has-text-weight-semibold">originally announced</span> December 2023.',
      )}</ol>`,
      SEARCH.href,
    );
    const [card] = arxiv.readCards(doc, SEARCH);
    expect(card?.paper.publishedAt).toBe('2023-12-01');
  });
});

describe('arXiv listings are read in slices', () => {
  it('yields once an entry, so a 2,000-entry /new page is read in slices as Hugging Face pages are', () => {
    const url = new URL('https://arxiv.org/list/cs.LG/new');
    const items = Array.from({ length: 50 }, (_, i) => entry(i + 1, `2609.${String(10000 + i)}`, `Paper number ${i} on things`)).join('');
    const doc = parsePage(`<div id='dlpage'><dl id='articles'>${items}</dl></div>`, url.href);
    const steps = arxiv.readSteps!(doc, url);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBe(50);
    expect(r.value.map((c) => c.paper.arxivId)).toEqual(arxiv.readCards(doc, url).map((c) => c.paper.arxivId));
    const search = parsePage(`<ol>${searchResult('2604.00001', 3, 'Submitted 15 April, 2026;')}${searchResult('2604.00002', 3, 'Submitted 15 April, 2026;')}</ol>`, SEARCH.href);
    const s = arxiv.readSteps!(search, SEARCH);
    expect([s.next().done, s.next().done, s.next().done]).toEqual([false, false, true]);
  });
});

describe("arXiv: where the authors say it was published (Journal-ref)", () => {
  it('a listing entry gives the venue and its year; one without a Journal-ref, none', () => {
    const url = new URL('https://arxiv.org/list/cs.LG/recent');
    const doc = parsePage(
      listing('', [
        [
          'Mon, 7 Dec 2026',
          entry(1, '2312.00001', 'A published paper', { journalRef: 'Phys. Rev. B 108, 045123 (2023)' }),
          entry(2, '2312.00002', 'A conference paper', { journalRef: 'NeurIPS 2023' }),
          entry(3, '2312.00003', 'A preprint'),
          entry(4, '2312.00004', 'Not yet', { journalRef: 'Submitted to Nature' }),
        ],
      ]),
      url.href,
    );
    const venues = arxiv.readCards(doc, url).map(({ paper: { journal, proceedings, year } }) => ({ journal, proceedings, year }));
    expect(venues).toEqual([
      { journal: 'Phys. Rev. B', proceedings: undefined, year: 2023 },
      { journal: undefined, proceedings: 'NeurIPS 2023', year: 2023 },
      { journal: undefined, proceedings: undefined, year: undefined },
      { journal: undefined, proceedings: undefined, year: undefined },
    ]);
  });

  it("an abstract page's Journal reference row", () => {
    const url = new URL('https://arxiv.org/abs/2312.00001');
    const doc = parsePage(
      `<div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>A published paper</h1>
      <div class="metatable"><table summary="Additional metadata"><tr><td class="tablecell label">Journal&nbsp;reference:</td>
      <td class="tablecell jref">Nature 624, 80-85 (2023)</td></tr></table></div></div>`,
      url.href,
    );
    expect(arxiv.readCards(doc, url)[0]?.paper).toMatchObject({ arxivId: '2312.00001', journal: 'Nature', year: 2023 });
  });

  it("a search result's DOI of the published version, one DOI only, as on the abstract page", () => {
    const withTags = (tags: string) =>
      arxiv.readCards(parsePage(`<ol>${searchResult('2312.00001', 2, 'Submitted 1 December, 2023;').replace('<p class="title', `${tags}<p class="title`)}</ol>`, SEARCH.href), SEARCH)[0]
        ?.paper.doi;
    const doiTag = (...dois: string[]) => `<div class="is-inline-block"><div class="tags has-addons">
        <span class="tag is-dark is-size-7">doi</span>
        <span class="tag is-light is-size-7">${dois.map((d) => `<a class="" href="https://doi.org/${d}">${d} <i class="fa fa-external-link" aria-hidden="true"></i></a>`).join(' ')}</span>
      </div></div>`;
    expect(withTags(doiTag('10.1063/1.2814991'))).toBe('10.1063/1.2814991');
    expect(withTags(doiTag('10.1103/PhysRevD.59.086004', '10.1103/PhysRevD.60.129902'))).toBeUndefined();
    // The category tags are not a DOI.
    expect(withTags('<div class="tags is-inline-block"><span class="tag is-small is-link">hep-th</span></div>')).toBeUndefined();
  });

  it("a search result's Journal ref paragraph, else the conference its Comments say it was accepted at", () => {
    const result = (extra: string) =>
      parsePage(`<ol>${searchResult('2312.00001', 2, 'Submitted 1 December, 2023;').replace('</li>', `${extra}</li>`)}</ol>`, SEARCH.href);
    const comments = `<p class="comments is-size-7"><span class="has-text-black-bis has-text-weight-semibold">Comments:</span>
      <span class="has-text-grey-dark mathjax">Accepted at ICLR 2024</span></p>`;
    const jref = `<p class="comments is-size-7"><span class="has-text-black-bis has-text-weight-semibold">Journal ref:</span>
        PMLR 164 (2022) 46-58
      </p>`;
    expect(arxiv.readCards(result(comments + jref), SEARCH)[0]?.paper).toMatchObject({ proceedings: 'PMLR', year: 2022 });
    expect(arxiv.readCards(result(comments), SEARCH)[0]?.paper).toMatchObject({ proceedings: 'ICLR 2024', year: 2024 });
    const workshop = comments.replace('Accepted at ICLR 2024', 'Accepted at the ICLR 2024 Workshop on Agents');
    const none = arxiv.readCards(result(workshop), SEARCH)[0]?.paper;
    expect(none?.proceedings).toBeUndefined();
    expect(none?.year).toBeUndefined();
  });

  it('a listing entry or an abstract page whose Comments say where it was accepted', () => {
    const url = new URL('https://arxiv.org/list/cs.LG/recent');
    const withComments = (comments: string, journalRef?: string) =>
      entry(1, '2312.00001', 'A paper', { journalRef }).replace(
        "<div class='list-subjects'>",
        `<div class='list-comments mathjax'><span class='descriptor'>Comments:</span>\n          ${comments}\n        </div>\n        <div class='list-subjects'>`,
      );
    const read = (html: string) => arxiv.readCards(parsePage(listing('', [['Mon, 7 Dec 2026', html]]), url.href), url)[0]?.paper;
    expect(read(withComments('Accepted to NeurIPS 2025 (Spotlight). 12 pages'))).toMatchObject({ proceedings: 'NeurIPS 2025', year: 2025 });
    // The Journal-ref, where there is one, says it.
    expect(read(withComments('Accepted to NeurIPS 2025', 'Nature 624, 80-85 (2026)'))).toMatchObject({ journal: 'Nature', year: 2026 });
    expect(read(withComments('18 pages, 3 figures'))?.proceedings).toBeUndefined();

    const abs = new URL('https://arxiv.org/abs/2312.00001');
    const doc = parsePage(
      `<div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>A paper</h1>
      <div class="metatable"><table summary="Additional metadata"><tr><td class="tablecell label">Comments:</td>
      <td class="tablecell comments mathjax">Accepted at ICML 2025. Code: <a href="https://github.com/x/y">this https URL</a></td></tr></table></div></div>`,
      abs.href,
    );
    expect(arxiv.readCards(doc, abs)[0]?.paper).toMatchObject({ proceedings: 'ICML 2025', year: 2025 });
  });
});
