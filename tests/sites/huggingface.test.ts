import { describe, expect, it } from 'vitest';
import { huggingface, ONE_GO_CHARS } from '../../lib/sites/huggingface';
import { checkCapture, fixtureIndex, fixtureText, loadFixture, parsePage, realCaptures } from './helpers';

const hfPages = fixtureIndex().filter((e) => e.site === 'huggingface');

/** The DailyPapers island of a fixture page, parsed. */
function island(doc: Document): { dailyPapers: { paper: Record<string, unknown> }[] } & Record<string, unknown> {
  const raw = doc.querySelector('[data-target="DailyPapers"]')?.getAttribute('data-props') ?? '{}';
  return JSON.parse(raw) as { dailyPapers: { paper: Record<string, unknown> }[] };
}

function setIsland(doc: Document, value: unknown): void {
  doc.querySelector('[data-target="DailyPapers"]')?.setAttribute('data-props', JSON.stringify(value));
}

/** A minimal 2026-style card: one article, desktop and mobile copies. */
function article(id: string, title: string, extra = ''): string {
  const copy = (cls: string, published: string) =>
    `<div class="${cls}"><a href="/papers/${id}"><img alt=""></a><div><h3><a href="/papers/${id}">${title}</a></h3>` +
    `<p>TL;DR</p><div><span>· 3 authors</span> <span>·</span> <span>${published}</span></div>` +
    `<a href="/login?next=%2Fpapers%2F${id}"><div role="checkbox"><input type="checkbox"> Upvote <div>7</div></div></a>${extra}</div></div>`;
  return `<article>${copy('hidden md:flex', 'Published on Jun 2, 2026')}${copy('flex md:hidden', 'Jun 2, 2026')}</article>`;
}

function page(body: string, props?: unknown): string {
  const island = props === undefined ? '' : ` data-props="${JSON.stringify(props).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  return `<!doctype html><html><body><main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers"${island}><section>${body}</section></div></main></body></html>`;
}

describe('Hugging Face: generated daily pages (index.json)', () => {
  for (const entry of hfPages) {
    it(`${entry.file} gives exactly its ${entry.cards.length} cards, in order`, () => {
      const url = new URL(entry.url);
      const doc = loadFixture(entry.file, entry.url);
      const cards = huggingface.readCards(doc, url);
      expect(cards.map((c) => ({ id: c.paper.arxivId, title: c.paper.title }))).toEqual(entry.cards);

      // Desktop + mobile copies: one card per <article>, both headings as anchors, desktop first.
      expect(cards).toHaveLength(doc.querySelectorAll('article').length);
      for (const card of cards) {
        expect(card.element.localName).toBe('article');
        expect(card.anchors).toHaveLength(2);
        const [desktop, mobile] = card.anchors;
        expect(desktop && mobile && desktop.compareDocumentPosition(mobile) & 4).toBeTruthy();
        expect(card.digestDate).toBe(entry.digestDay);
        expect(card.paper.url).toBe(`https://huggingface.co/papers/${card.paper.arxivId}`);
      }

      // Enrichment from the island, which matches the DOM on a freshly served page.
      const byId = new Map(island(doc).dailyPapers.map((d) => [d.paper['id'], d.paper]));
      for (const { paper } of cards) {
        const json = byId.get(paper.arxivId);
        const authors = json?.['authors'] as { name: string }[];
        expect(paper.authors).toEqual(authors.map((a) => a.name));
        expect(paper.abstract).toBe((json?.['summary'] as string).replace(/\s+/g, ' ').trim());
        expect(paper.upvotes).toBe(json?.['upvotes']);
        expect(paper.publishedAt).toBe((json?.['publishedAt'] as string).slice(0, 10));
      }
      expect(huggingface.pageLabel(url, doc)).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
    });
  }

  it('labels date pages by their day', () => {
    expect(huggingface.pageLabel(new URL('https://huggingface.co/papers/date/2025-11-03'))).toBe('Nov 3');
    expect(huggingface.pageLabel(new URL('https://huggingface.co/papers/date/2025-10-29'))).toBe('Oct 29');
  });
});

describe('Hugging Face: real captures (expected JSON beside each)', () => {
  for (const { html, expected } of realCaptures().filter((c) => c.expected.site === 'huggingface')) {
    it(`${html}: ${expected.count} card(s)`, () => checkCapture(html, expected));
  }
});

describe('Hugging Face: stale hydration JSON', () => {
  const entry = hfPages.find((e) => e.file.endsWith('2025-11-18.html'));
  const other = hfPages.find((e) => e.file.endsWith('2025-11-03.html'));
  if (!entry || !other) throw new Error('fixtures missing');

  it('ignores an island whose ids do not match what the DOM shows (client-side navigation)', () => {
    const doc = loadFixture(entry.file, entry.url);
    const fresh = new Map(island(doc).dailyPapers.map((d) => [d.paper['id'], d.paper]));
    // What the page would hold after navigating client-side from Nov 3 to Nov 18.
    const stale = island(loadFixture(other.file, other.url));
    const staleIds = new Set(stale.dailyPapers.map((d) => d.paper['id']));
    setIsland(doc, stale);
    const cards = huggingface.readCards(doc, new URL(entry.url));
    expect(cards.map((c) => ({ id: c.paper.arxivId, title: c.paper.title }))).toEqual(entry.cards);
    // A paper on both days is the same paper: its authors and abstract still apply.
    const shared = cards.filter((c) => staleIds.has(c.paper.arxivId));
    expect(shared.length).toBeLessThan(cards.length);
    for (const { paper } of cards) {
      expect(paper.authors === undefined).toBe(!staleIds.has(paper.arxivId));
      expect(paper.abstract === undefined).toBe(!staleIds.has(paper.arxivId));
      // Still read off the card itself: "Published on Aug 31, 2022", "Published on Aug 5" (this year), "Upvote -".
      expect(paper.publishedAt).toBe(String(fresh.get(paper.arxivId)?.['publishedAt']).slice(0, 10));
      expect(paper.upvotes).toBe(fresh.get(paper.arxivId)?.['upvotes']);
    }
  });

  it('enriches only the cards whose id the island has', () => {
    const doc = loadFixture(entry.file, entry.url);
    const fresh = island(doc);
    const kept = fresh.dailyPapers[2];
    setIsland(doc, { ...fresh, dailyPapers: kept ? [kept] : [] });
    const cards = huggingface.readCards(doc, new URL(entry.url));
    expect(cards).toHaveLength(entry.cards.length);
    expect(cards.filter((c) => c.paper.authors).map((c) => c.paper.arxivId)).toEqual([kept?.paper['id']]);
  });

  it('does not report island papers that have no card on the page', () => {
    const doc = loadFixture(entry.file, entry.url);
    for (const a of [...doc.querySelectorAll('article')].slice(3)) a.remove();
    const cards = huggingface.readCards(doc, new URL(entry.url));
    expect(cards.map((c) => c.paper.arxivId)).toEqual(entry.cards.slice(0, 3).map((c) => c.id));
  });

  it('takes the day of a bare /papers page from the island only when the island matches the DOM', () => {
    const url = new URL('https://huggingface.co/papers');
    const doc = loadFixture(entry.file, url.href);
    expect(huggingface.readCards(doc, url)[0]?.digestDate).toBe('2025-11-18');
    expect(huggingface.pageLabel(url, doc)).toBe('Nov 18');
    setIsland(doc, island(loadFixture(other.file, other.url)));
    expect(huggingface.readCards(doc, url)[0]?.digestDate).toBeUndefined();
    expect(huggingface.pageLabel(url)).toBe('daily');
  });

  it('survives an island that is not JSON', () => {
    const doc = loadFixture(entry.file, entry.url);
    doc.querySelector('[data-target="DailyPapers"]')?.setAttribute('data-props', '{"dailyPapers": [');
    expect(huggingface.readCards(doc, new URL(entry.url))).toHaveLength(entry.cards.length);
  });
});

describe('Hugging Face: single paper page /papers/<id>', () => {
  const url = 'https://huggingface.co/papers/2606.03748';

  it('yields one card, the paper itself, and not the recommended papers', () => {
    const doc = loadFixture('sites/hf-paper-2606.03748-handmade.html', url);
    const cards = huggingface.readCards(doc, new URL(url));
    expect(cards).toHaveLength(1);
    const [card] = cards;
    expect(card?.anchors.map((a) => a.localName)).toEqual(['h1']);
    expect(card?.paper).toEqual({
      arxivId: '2606.03748',
      title: 'Ultralytics YOLO26: Unified Real-Time End-to-End Vision Models',
      url,
      authors: ['Glenn Jocher', 'Jing Qiu', 'Mengyu Liu', 'Shuai Lyu', 'Fatih Cagatay Akyon', 'Muhammet Esat Kalfaoglu'],
      abstract: 'Real-time vision demands models that are accurate, efficient, and simple to deploy.',
      publishedAt: '2026-06-02',
      upvotes: 23,
    });
    expect(card?.digestDate).toBeUndefined();
    // The page is the paper: 'Dim/Hide seen' leaves it alone.
    expect(card?.asked).toBe('paper');
    expect(huggingface.pageLabel(new URL(url), doc)).toBe('paper');
  });

  it('falls back to the heading when the island is missing or names another paper', () => {
    const doc = loadFixture('sites/hf-paper-2606.03748-handmade.html', url);
    doc.querySelector('[data-target="PaperContent"]')?.setAttribute('data-props', '{"paper":{"id":"2401.00001","title":"Other"}}');
    const [card] = huggingface.readCards(doc, new URL(url));
    expect(card?.paper.title).toBe('Ultralytics YOLO26: Unified Real-Time End-to-End Vision Models');
    expect(card?.paper.authors).toBeUndefined();
    expect(card?.paper.upvotes).toBe(23);
    expect(card?.paper.publishedAt).toBe('2026-06-02');
  });

  it('keeps a version named in the URL', () => {
    const doc = loadFixture('sites/hf-paper-2606.03748-handmade.html', url);
    const [card] = huggingface.readCards(doc, new URL(`${url}v2`));
    expect(card?.paper.arxivId).toBe('2606.03748');
    expect(card?.paper.version).toBe(2);
  });
});

describe('Hugging Face: URLs', () => {
  const cases: [string, string | null][] = [
    ['https://huggingface.co/papers', 'daily'],
    ['https://huggingface.co/papers/', 'daily'],
    ['https://huggingface.co/papers?date=2025-11-03', 'Nov 3'],
    ['https://huggingface.co/papers/date/2025-11-03', 'Nov 3'],
    ['https://huggingface.co/papers/date/2025-11-03?foo=1#x', 'Nov 3'],
    ['https://huggingface.co/papers/week/2025-W45', 'week 2025-W45'],
    ['https://huggingface.co/papers/month/2025-11', 'month 2025-11'],
    ['https://huggingface.co/papers/trending', 'trending'],
    ['https://huggingface.co/papers?q=diffusion+models', '“diffusion models”'],
    ['https://huggingface.co/papers/date/2025-11-03?q=diffusion', '“diffusion”'],
    ['https://huggingface.co/papers/2401.01234', 'paper'],
    ['https://huggingface.co/papers/2401.01234v3', 'paper'],
    ['https://huggingface.co/papers/2401.01234#community', 'paper'],
    ['https://www.huggingface.co/papers/trending', 'trending'],
    ['https://huggingface.co/models', null],
    ['https://huggingface.co/', null],
    ['https://huggingface.co/papersfoo', null],
    ['https://huggingface.co/datasets/papers/foo', null],
    ['https://arxiv.org/list/cs.LG/new', null],
    ['https://scholar.google.com/scholar?q=huggingface.co/papers', null],
  ];
  for (const [href, label] of cases) {
    it(`${href} → ${label ?? 'not handled'}`, () => {
      const url = new URL(href);
      expect(huggingface.handles(url)).toBe(label !== null);
      if (label !== null) expect(huggingface.pageLabel(url)).toBe(label);
    });
  }

  it('gives no digest date for trending, week, month or search pages', () => {
    for (const href of [
      'https://huggingface.co/papers/trending',
      'https://huggingface.co/papers/week/2025-W45',
      'https://huggingface.co/papers/month/2025-11',
      'https://huggingface.co/papers?q=x',
    ]) {
      const doc = parsePage(page(article('2401.01234', 'A paper')), href);
      const [card] = huggingface.readCards(doc, new URL(href));
      expect(card?.paper.arxivId).toBe('2401.01234');
      expect(card?.digestDate).toBeUndefined();
    }
  });

  it('reads the day of legacy /papers?date= pages', () => {
    const href = 'https://huggingface.co/papers?date=2024-05-06';
    const [card] = huggingface.readCards(parsePage(page(article('2405.01234', 'T')), href), new URL(href));
    expect(card?.digestDate).toBe('2024-05-06');
  });
});

describe('Hugging Face: text and markup drift', () => {
  const url = new URL('https://huggingface.co/papers/date/2026-06-03');

  it('returns titles with markup-looking text as plain text and creates no elements', () => {
    const evil = '<img src=x onerror="alert(1)"> & <b>bold</b>';
    const escaped = evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const doc = parsePage(page(article('2401.01234', escaped) + article('2401.05678', 'Plain')), url.href);
    setIsland(doc, { dailyPapers: [{ paper: { id: '2401.05678', title: `JSON ${evil}` } }] });
    const cards = huggingface.readCards(doc, url);
    expect(cards.map((c) => c.paper.title)).toEqual([evil, `JSON ${evil}`]);
    expect(doc.querySelectorAll('img[src="x"], b')).toHaveLength(0);
  });

  it('reads card facts from the DOM when there is no island', () => {
    const doc = parsePage(page(article('2401.01234', '  Spaced\n   title  ')), url.href);
    const [card] = huggingface.readCards(doc, url);
    expect(card?.paper).toEqual({
      arxivId: '2401.01234',
      title: 'Spaced title',
      url: 'https://huggingface.co/papers/2401.01234',
      publishedAt: '2026-06-02',
      upvotes: 7,
    });
  });

  it('restores TeX from KaTeX/MathJax output in a DOM title', () => {
    const katex =
      '<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>O</mi></mrow>' +
      '<annotation encoding="application/x-tex">O(n)</annotation></semantics></math></span>' +
      '<span class="katex-html" aria-hidden="true">O(n)</span></span>';
    const doc = parsePage(page(article('2401.01234', `Attention in ${katex} time`)), url.href);
    expect(huggingface.readCards(doc, url)[0]?.paper.title).toBe('Attention in $O(n)$ time');
  });

  it('still finds cards whose titles lost their heading', () => {
    const html = page(article('2401.01234', 'No heading').replace(/<\/?h3>/g, ''));
    const [card] = huggingface.readCards(parsePage(html, url.href), url);
    expect(card?.paper.title).toBe('No heading');
    expect(card?.anchors.map((a) => a.localName)).toEqual(['a', 'a']);
  });

  it('finds cards outside <article> (search results), copies counted once', () => {
    const result = (id: string, t: string) =>
      `<div class="result"><div class="hidden md:block"><h3><a href="/papers/${id}">${t}</a></h3></div>` +
      `<div class="md:hidden"><h3><a href="https://huggingface.co/papers/${id}">${t}</a></h3></div></div>`;
    const href = 'https://huggingface.co/papers?q=attention';
    const doc = parsePage(page(result('2401.01234', 'One') + result('2401.05678', 'Two')), href);
    const cards = huggingface.readCards(doc, new URL(href));
    expect(cards.map((c) => c.paper.title)).toEqual(['One', 'Two']);
    expect(cards.map((c) => c.anchors.length)).toEqual([2, 2]);
    expect(cards.map((c) => c.element.className)).toEqual(['result', 'result']);
    // What the reader searched for is never dimmed or hidden as seen; a listing's cards may be.
    expect(cards.map((c) => c.asked)).toEqual(['search', 'search']);
    const listing = new URL('https://huggingface.co/papers');
    expect(huggingface.readCards(parsePage(page(result('2401.01234', 'One')), listing.href), listing)[0]?.asked).toBeUndefined();
  });

  it('ignores links that are not arXiv papers and reports a paper shown twice once', () => {
    const doc = parsePage(
      page(
        article('2401.01234', 'First') +
          '<article><h3><a href="/papers/trending">Trending</a></h3></article>' +
          '<article><h3><a href="/papers/not-an-id">Slug</a></h3></article>' +
          article('2401.01234', 'First again'),
      ),
      url.href,
    );
    expect(huggingface.readCards(doc, url).map((c) => c.paper.title)).toEqual(['First']);
  });

  it('skips a card with no readable title (the library files papers by title too)', () => {
    const doc = parsePage(page(article('2401.01234', ' ') + article('2401.05678', 'Titled')), url.href);
    expect(huggingface.readCards(doc, url).map((c) => c.paper.arxivId)).toEqual(['2401.05678']);
  });

  it('does not use a fixture outside the repository', () => {
    expect(fixtureText('hf/papers-date-2025-11-18.html').length).toBeGreaterThan(0);
  });
});

describe('Hugging Face: large pages', () => {
  it('reads 5,000 cards in time linear in their number', () => {
    const build = (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => `2401.${String(10000 + i)}`);
      const props = { dailyPapers: ids.map((id) => ({ paper: { id, title: `T ${id}`, authors: [{ name: 'A' }], upvotes: 1 } })) };
      return parsePage(page(ids.map((id) => article(id, `T ${id}`)).join(''), props), url);
    };
    const url = 'https://huggingface.co/papers/date/2024-01-02';
    const time = (doc: Document) => {
      const t0 = performance.now();
      const cards = huggingface.readCards(doc, new URL(url));
      return { ms: performance.now() - t0, n: cards.length };
    };
    time(build(200)); // warm-up: the first run pays for JIT compilation
    const small = time(build(1000));
    const big = time(build(5000));
    expect(big.n).toBe(5000);
    expect(small.n).toBe(1000);
    // happy-dom is far slower than a browser; what matters here is no quadratic work (5x cards ≈ 5x time).
    console.info(`HF readCards: 1000 cards ${small.ms.toFixed(0)} ms, 5000 cards ${big.ms.toFixed(0)} ms (happy-dom)`);
    expect(big.ms).toBeLessThan(small.ms * 12 + 500);
  }, 180_000);
});

describe('Hugging Face: long pages', () => {
  const N = 120;
  const ids = Array.from({ length: N }, (_, i) => `2601.${String(10_000 + i)}`);
  const props = {
    dailyPapers: ids.map((id, i) => ({
      paper: {
        id,
        title: `Island title ${i} with "quotes", [brackets] and {braces}`,
        summary: `Abstract ${i}. ${'Long words about models. '.repeat(200)}`,
        authors: [{ name: `Author ${i}` }, { name: 'Hidden', hidden: true }],
        publishedAt: '2026-01-02T00:00:00.000Z',
        upvotes: i,
      },
      summary: `Abstract ${i}. ${'Long words about models. '.repeat(200)}`,
    })),
    periodType: 'day',
    dateString: '2026-01-05',
  };
  const url = new URL('https://huggingface.co/papers/date/2026-01-05');

  it('reads an island too large to parse in one go exactly as a small one', () => {
    expect(JSON.stringify(props).length).toBeGreaterThan(ONE_GO_CHARS);
    const doc = parsePage(page(ids.map((id, i) => article(id, `DOM title ${i}`)).join(''), props), url.href);
    const cards = huggingface.readCards(doc, url);
    expect(cards).toHaveLength(N);
    // The same papers, read by the one-go path: the island cut to one paper at a time.
    for (const [i, card] of cards.entries()) {
      const one = parsePage(page(article(ids[i]!, `DOM title ${i}`), { ...props, dailyPapers: [props.dailyPapers[i]] }), url.href);
      expect(card.paper).toEqual(huggingface.readCards(one, url)[0]!.paper);
      expect(card.paper.title).toBe(props.dailyPapers[i]!.paper.title);
      expect(card.paper.authors).toEqual([`Author ${i}`]);
    }
  });

  it('reads in steps, and gives the same cards back while the articles show the same papers', () => {
    const doc = parsePage(page(ids.map((id, i) => article(id, `DOM title ${i}`)).join(''), props), url.href);
    const steps = huggingface.readSteps!(doc, url);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBeGreaterThan(N);
    const again = huggingface.readCards(doc, url);
    expect(again).toHaveLength(N);
    again.forEach((card, i) => expect(card).toBe(r.value[i]));

    // An article reused for another paper is read afresh.
    const first = doc.querySelector('article')!;
    for (const a of first.querySelectorAll('a[href*="/papers/"]')) a.setAttribute('href', `/papers/${ids[0]}v2`);
    const third = huggingface.readCards(doc, url);
    expect(third[0]).not.toBe(again[0]);
    expect(third[0]!.paper.version).toBe(2);
    expect(third[1]).toBe(again[1]);
  });
});

describe('Hugging Face cards whose title is not in a heading (markup drift)', () => {
  it('takes the title link, not a longer thumbnail link carrying the "Submitted by" chip', () => {
    const id = '2405.21060';
    const html = `<main><section><article>
      <a href="/papers/${id}" class="thumb"><img alt=""><div class="absolute">Submitted by <img alt=""> nielsr</div></a>
      <div><div class="title"><a href="/papers/${id}" class="line-clamp-2">Mamba-2</a></div>
      <p>TL;DR</p><span>Published on May 31, 2024</span></div>
    </article></section></main>`;
    const url = new URL('https://huggingface.co/papers/trending');
    const [card] = huggingface.readCards(parsePage(html, url.href), url);
    expect(card?.paper.title).toBe('Mamba-2');
  });
});
