import { describe, expect, it } from 'vitest';
import { SITES, siteFor } from '../../lib/sites';
import { isSupportedPage, PAGE_SITES, SUPPORTED_MATCHES } from '../../lib/sites/directory';
import type { SiteId } from '../../lib/types';
import { checkCapture, fixtureIndex, realCaptures } from './helpers';

describe('site registry', () => {
  it('lists one module per site', () => {
    expect(SITES.map((s) => s.id)).toEqual(['huggingface', 'arxiv', 'scholar', 'openreview', 'dblp']);
  });

  it('has a recogniser for every site the directory names, named alike', () => {
    expect(SITES.map((s) => [s.id, s.name])).toEqual(PAGE_SITES.map((s) => [s.id, s.name]));
  });

  const cases: [string, SiteId | null][] = [
    ['https://huggingface.co/papers', 'huggingface'],
    ['https://huggingface.co/papers/date/2025-11-03', 'huggingface'],
    ['https://huggingface.co/papers/week/2025-W45', 'huggingface'],
    ['https://huggingface.co/papers/month/2025-11', 'huggingface'],
    ['https://huggingface.co/papers/trending', 'huggingface'],
    ['https://huggingface.co/papers?q=diffusion', 'huggingface'],
    ['https://huggingface.co/papers/2401.01234', 'huggingface'],
    ['https://arxiv.org/list/cs.LG/new', 'arxiv'],
    ['https://arxiv.org/list/cs.AI/recent', 'arxiv'],
    ['https://arxiv.org/list/cs.LG/pastweek', 'arxiv'],
    ['https://arxiv.org/list/cs.LG/2024-01', 'arxiv'],
    ['https://arxiv.org/catchup/cs.LG/2025-11-10?abs=True&page=1', 'arxiv'],
    ['https://arxiv.org/catchup/cs/2025-11-10', 'arxiv'],
    // The catchup form picks a day; it lists nothing.
    ['https://arxiv.org/catchup', null],
    ['https://arxiv.org/a/kolter_j_1', 'arxiv'],
    ['https://arxiv.org/catchup/cs.LG/last-week', null],
    ['https://arxiv.org/abs/2401.01234v2', 'arxiv'],
    ['https://arxiv.org/abs/hep-th/9901001', 'arxiv'],
    ['https://arxiv.org/search/?query=x&searchtype=all', 'arxiv'],
    ['https://scholar.google.com/scholar?q=attention+is+all+you+need', 'scholar'],
    ['https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=massive+activations&btnG=', 'scholar'],
    ['https://scholar.google.com/scholar?cites=6017120040271105457&as_sdt=2005&sciodt=0,5&hl=en', 'scholar'],
    ['https://scholar.google.com/scholar?cluster=6017120040271105457&hl=en', 'scholar'],
    // Scholar's country sites are the same pages.
    ['https://scholar.google.co.uk/scholar?q=attention', 'scholar'],
    ['https://scholar.google.de/scholar?hl=de&q=aufmerksamkeit', 'scholar'],
    ['https://scholar.google.com.hk/scholar?cites=1&hl=zh-CN', 'scholar'],
    // An author's profile lists their works; its other views and the search for authors list none.
    ['https://scholar.google.com/citations?user=3pwdvBIAAAAJ&hl=en', 'scholar'],
    ['https://scholar.google.de/citations?user=3pwdvBIAAAAJ', 'scholar'],
    ['https://scholar.google.com/citations?hl=en&user=APooktAAAAAJ&view_op=list_works&sortby=pubdate', 'scholar'],
    ['https://scholar.google.com/citations?view_op=view_citation&hl=en&user=APooktAAAAAJ&citation_for_view=APooktAAAAAJ:YsMSGLbcyi4C', null],
    ['https://scholar.google.com/citations?view_op=search_authors&mauthors=kolter', null],
    ['https://scholar.google.com/citations?hl=en', null],
    // Hosts that only look like Scholar's are not it.
    ['https://scholar.google.com/', null],
    ['https://scholar.google.example.org/scholar?q=attention', null],
    ['https://scholar.google.com.evil.test/scholar?q=attention', null],
    // Other sites are not recognised (yet): no module may claim them.
    ['https://paperswithcode.com/search?q=endometriosis', null],
    ['https://paperswithcode.com/paper/attention-is-all-you-need', null],
    ['https://www.alphaxiv.org/explore', null],
    ['https://www.alphaxiv.org/abs/2401.01234', null],
    ['https://www.semanticscholar.org/paper/abc/0123456789abcdef0123456789abcdef01234567', null],
    // OpenReview: a venue's lists, a search, a paper's forum; not profiles, PDFs or the front page.
    ['https://openreview.net/group?id=ICLR.cc/2026/Conference', 'openreview'],
    ['https://openreview.net/group?id=ICLR.cc/2026/Conference#tab-accept-oral', 'openreview'],
    ['https://openreview.net/search?term=massive+activations&group=all&content=all&source=all', 'openreview'],
    ['https://openreview.net/forum?id=hdMAtt5sXk', 'openreview'],
    ['https://openreview.net/forum?id=hdMAtt5sXk&noteId=abc', 'openreview'],
    ['https://openreview.net/group', null],
    ['https://openreview.net/profile?id=~Jane_Doe1', null],
    ['https://openreview.net/pdf?id=hdMAtt5sXk', null],
    ['https://openreview.net/', null],
    ['https://openreview.net.evil.test/forum?id=abc', null],
    // dblp and its mirrors: a person's publications, a volume's contents, a search; not its other pages.
    ['https://dblp.org/pid/000/0001.html', 'dblp'],
    ['https://dblp.org/pid/g/AristidesGionis.html', 'dblp'],
    ['https://dblp.uni-trier.de/pid/000/0001.html', 'dblp'],
    ['https://dblp.dagstuhl.de/db/conf/kdd/kdd2023.html', 'dblp'],
    ['https://dblp.org/db/conf/iclr/iclr2024.html', 'dblp'],
    ['https://dblp.org/db/journals/jmlr/jmlr25.html', 'dblp'],
    ['https://dblp.org/search?q=massive+activations', 'dblp'],
    ['https://dblp.org/search/publ?q=massive+activations', 'dblp'],
    ['https://dblp.org/db/conf/iclr/index.html', 'dblp'],
    ['https://dblp.org/rec/conf/iclr/SunCKL24.html', null],
    ['https://dblp.org/pid/000/0001.xml', null],
    ['https://dblp.org/', null],
    ['https://dblp.org.evil.test/pid/000/0001.html', null],
    ['https://huggingface.co/models', null],
    ['https://arxiv.org/pdf/2401.01234', null],
    ['https://example.org/papers/2401.01234', null],
    ['file:///home/me/huggingface.co/papers', null],
    ['not a url', null],
    ['', null],
  ];
  for (const [href, site] of cases) {
    it(`siteFor(${JSON.stringify(href)}) → ${site ?? 'null'}`, () => {
      expect(siteFor(href)?.id ?? null).toBe(site);
      if (href.startsWith('https://')) expect(siteFor(new URL(href))?.id ?? null).toBe(site);
    });
  }

  it('handles every fixture page at its URL', () => {
    for (const entry of fixtureIndex()) expect(siteFor(entry.url)?.id).toBe(entry.site);
  });

  it('claims only pages the content script is injected into', () => {
    for (const [href, site] of cases) {
      if (site) expect([href, isSupportedPage(href)]).toEqual([href, true]);
    }
  });

  // The worker's own test of a page's address (a loading tab warms the lookup; only such pages may send).
  it('tells the pages of the match patterns from any other address', () => {
    const others = [
      'https://huggingface.co/models',
      'https://arxiv.org/pdf/2401.01234',
      'https://scholar.google.com/',
      'https://scholar.google.com/intl/en/scholar/about.html',
      'https://scholar.google.com.evil.test/citations?user=3pwdvBIAAAAJ',
      'https://scholar.google.com.evil.test/scholar?q=attention',
      'https://evil.test/?https://huggingface.co/papers',
      'https://openreview.net/pdf?id=abc',
      'chrome-extension://abc/library.html',
    ];
    for (const href of others) expect([href, isSupportedPage(href)]).toEqual([href, false]);
  });

  it("asks for Scholar's country sites as for scholar.google.com: pages, host permission, panel frame", () => {
    const scholarSite = PAGE_SITES.find((s) => s.id === 'scholar')!;
    expect(scholarSite.matches).toContain('https://scholar.google.de/scholar*');
    expect(scholarSite.matches).toContain('https://scholar.google.de/citations*');
    expect(scholarSite.origins).toContain('https://scholar.google.co.uk/*');
    // Results and profiles, on every host.
    expect(scholarSite.matches).toHaveLength(scholarSite.origins.length * 2);
    // Every host the recogniser takes is one the manifest names, and no pattern is a wildcard host.
    for (const m of SUPPORTED_MATCHES) expect(new URL(m.replace(/\*$/, '')).hostname).not.toContain('*');
  });
});

describe('real captures of sites out of scope', () => {
  for (const { html, expected } of realCaptures().filter((c) => c.expected.site === null)) {
    it(`${html}: no module handles ${expected.url}`, () => checkCapture(html, expected));
  }
});
