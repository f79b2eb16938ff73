import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { Library } from '../../lib/library';
import { createRouter, senderAllowed } from '../../lib/router';
import { INLINE_CHARS, type Reply } from '../../lib/messages';
import { memoryTabStore } from '../../lib/tabs';
import type { FileStore } from '../../lib/transfer-files';
import type { ChangeDetails } from '../../lib/notify';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const extPage = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
const hfTab = { id: EXT, url: 'https://huggingface.co/papers/date/2025-11-03', tab: { id: 7, url: 'https://huggingface.co/papers/date/2025-11-03' } };
let n = 0;

function router(tabUrl?: (id: number) => Promise<string | undefined>, pageMeta?: (id: number) => Promise<unknown>) {
  const badges: [number, number][] = [];
  const events: { keys: string[]; details?: ChangeDetails }[] = [];
  const handle = createRouter({
    library: new Library(new DejaLuDB(`router-${++n}`)),
    tabs: memoryTabStore(),
    extensionId: EXT,
    setBadge: (tab, count) => badges.push([tab, count]),
    notify: (keys, details) => void events.push({ keys, ...(details ? { details } : {}) }),
    ...(tabUrl ? { tabUrl } : {}),
    ...(pageMeta ? { pageMeta } : {}),
  });
  return { handle, badges, events };
}

describe('router', () => {
  it('answers malformed messages with an error value, never a throw', async () => {
    const { handle } = router();
    for (const bad of [null, 42, 'x', {}, { type: 'nope' }, { type: 'cards.lookup' }, { type: 'cards.lookup', cards: [{ title: '' }] }]) {
      const reply = await handle(bad, extPage);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid');
    }
  });

  it("answers a page's lookup as of before its visit when asked, and reports what its badges say", async () => {
    const { handle } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const cards = [{ title: 'Alpha Paper', arxivId: '2501.00001' }];
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards }, hfTab);
    const plain = await handle({ type: 'cards.lookup', cards, visitId: 'v1' }, hfTab);
    expect(plain).toMatchObject({ ok: true, statuses: [{ status: 'seen', paper: { seenCount: 1 } }] });
    const before = await handle({ type: 'cards.lookup', cards, visitId: 'v1', beforeVisit: 0, report: page }, hfTab);
    expect(before).toMatchObject({ ok: true, statuses: [{ status: 'new', seenBefore: 0, paper: { seenCount: 1 } }] });
    await vi.waitFor(async () => {
      const tab = await handle({ type: 'tab.get', tabId: 7 }, extPage);
      expect(tab).toMatchObject({ ok: true, state: { cards: [{ status: 'new', seen: 0 }] } });
    });
  });

  it('tells the popup of a tab showing a paper\'s PDF which paper it is, as the library has it', async () => {
    const urls = new Map<number, string>([[8, 'https://arxiv.org/pdf/2501.00001v2'], [9, 'https://arxiv.org/pdf/2501.99999'], [10, 'https://example.org/a.pdf']]);
    const { handle } = router(async (id) => urls.get(id));
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards: [{ title: 'Alpha Paper', arxivId: '2501.00001' }] }, hfTab);
    expect(await handle({ type: 'tab.get', tabId: 8 }, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle({ type: 'tab.get', tabId: 8 }, extPage)).toMatchObject({
      ok: true,
      state: null,
      reading: { arxivId: '2501.00001', version: 2, format: 'pdf', paper: { key: 'arxiv:2501.00001', title: 'Alpha Paper', seenCount: 1 } },
    });
    expect(await handle({ type: 'tab.get', tabId: 9 }, extPage)).toMatchObject({ ok: true, reading: { arxivId: '2501.99999', paper: null } });
    expect(await handle({ type: 'tab.get', tabId: 10 }, extPage)).not.toHaveProperty('reading');
    // An OpenReview PDF: the paper whose links hold its forum (exactly: not one whose forum id is longer).
    const venue = { url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference', site: 'openreview', label: 'ICLR 2026' };
    const forum = 'https://openreview.net/forum?id=bEtA123';
    await handle({ type: 'sightings.record', visitId: 'v2', page: venue, cards: [{ title: 'Gamma Paper', url: `${forum}4` }, { title: 'Beta Paper', url: forum }] }, { ...hfTab, url: venue.url, tab: { id: 7, url: venue.url } });
    urls.set(12, 'https://openreview.net/pdf?id=bEtA123').set(13, 'https://openreview.net/pdf?id=nOnE');
    expect(await handle({ type: 'tab.get', tabId: 12 }, extPage)).toMatchObject({ ok: true, reading: { format: 'pdf', forum, paper: { title: 'Beta Paper', urls: [forum] } } });
    expect(await handle({ type: 'tab.get', tabId: 13 }, extPage)).toMatchObject({ ok: true, reading: { paper: null } });
    expect(await handle({ type: 'tab.get', tabId: 11 }, extPage)).toEqual({ ok: true, state: null, statuses: [] });
  });

  it("tells the popup of a paper's page on another site which paper its meta tags describe, and saves it from them", async () => {
    const acm = 'https://dl.acm.org/doi/10.1145/3580305.3599256';
    const urls = new Map<number, string>([[20, acm], [21, 'https://dl.acm.org/doi/pdf/10.1145/3580305.3599256'], [22, 'https://blog.example.org/'], [23, 'https://example.org/x']]);
    const metas = new Map<number, unknown>([
      [20, { url: acm, pdf: false, tags: [['dc.title', 'Scaling Laws for Recommendation Models'], ['dc.creator', 'Ardalani, Newsha'], ['dc.date', '2023-08-06']] }],
      [22, { url: 'https://blog.example.org/', pdf: false, tags: [['dc.title', 'My holidays']] }],
      [23, { url: 'https://example.org/x', pdf: false, tags: [['citation_title', 'Alpha Paper'], ['citation_arxiv_id', '2501.00001']] }],
    ]);
    const asked: number[] = [];
    const { handle } = router(
      async (id) => urls.get(id),
      async (id) => {
        asked.push(id);
        if (!metas.has(id)) throw new Error('Cannot access contents of the page');
        return metas.get(id);
      },
    );
    const card = { title: 'Scaling Laws for Recommendation Models', doi: '10.1145/3580305.3599256', url: acm, authors: ['Newsha Ardalani'], year: 2023, publishedAt: '2023-08-06' };
    expect(await handle({ type: 'tab.get', tabId: 20 }, extPage)).toEqual({
      ok: true,
      state: null,
      statuses: [{ status: 'new' }],
      reading: { format: 'page', host: 'dl.acm.org', doi: '10.1145/3580305.3599256', card, paper: null },
    });
    // Its PDF, which the tab may not be asked about: by the DOI its address names.
    expect(await handle({ type: 'tab.get', tabId: 21 }, extPage)).toMatchObject({ ok: true, reading: { format: 'pdf', doi: '10.1145/3580305.3599256', paper: null } });
    // A page whose tags name no paper, and an address naming none: nothing to show.
    expect(await handle({ type: 'tab.get', tabId: 22 }, extPage)).toEqual({ ok: true, state: null, statuses: [] });

    const saved = await handle({ type: 'paper.save', target: { card }, saved: true }, extPage);
    expect(saved).toMatchObject({ ok: true, paper: { key: 'doi:10.1145/3580305.3599256', savedAt: expect.any(Number), seenCount: 0 } });
    expect(await handle({ type: 'tab.get', tabId: 20 }, extPage)).toMatchObject({ ok: true, statuses: [{ status: 'saved' }], reading: { paper: { key: 'doi:10.1145/3580305.3599256' } } });
    expect(await handle({ type: 'tab.get', tabId: 21 }, extPage)).toMatchObject({ ok: true, reading: { format: 'pdf', paper: { key: 'doi:10.1145/3580305.3599256', title: card.title } } });

    // A page of a paper met on a digest: matched by its arXiv id, as a card would be.
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards: [{ title: 'Alpha Paper', arxivId: '2501.00001' }] }, hfTab);
    expect(await handle({ type: 'tab.get', tabId: 23 }, extPage)).toMatchObject({ ok: true, statuses: [{ status: 'seen' }], reading: { format: 'page', host: 'example.org', paper: { key: 'arxiv:2501.00001', seenCount: 1 } } });
    // arXiv's own PDFs never ask the tab.
    urls.set(24, 'https://arxiv.org/pdf/2501.00001');
    await handle({ type: 'tab.get', tabId: 24 }, extPage);
    expect(asked).toEqual([20, 21, 22, 20, 21, 23]);

    // A PDF a Google Scholar result linked to, with no tags and no DOI in its address: by that link.
    const pdf = 'https://proceedings.mlr.press/v202/kirchenbauer23a/kirchenbauer23a.pdf';
    const scholar = { url: 'https://scholar.google.com/scholar?q=watermark', site: 'scholar', label: '“watermark”' };
    const html = 'https://proceedings.mlr.press/v202/kirchenbauer23a.html';
    await handle({ type: 'sightings.record', visitId: 'v3', page: scholar, cards: [{ title: 'A Watermark for Large Language Models', url: html, fullTextUrl: pdf }] }, { ...hfTab, url: scholar.url, tab: { id: 7, url: scholar.url } });
    urls.set(25, `${pdf}#page=3`).set(26, 'https://proceedings.mlr.press/v202/other23a/other23a.pdf');
    expect(await handle({ type: 'tab.get', tabId: 25 }, extPage)).toMatchObject({
      ok: true,
      statuses: [],
      reading: { format: 'pdf', url: pdf, host: 'proceedings.mlr.press', paper: { title: 'A Watermark for Large Language Models', seenCount: 1, urls: [html, pdf] } },
    });
    // Saved from a proceedings' page, a paper keeps the PDF its tags name: the PDF's tab then knows it.
    const cvf = 'https://openaccess.thecvf.com/content/CVPR2023/html/Huang_Super_Token_CVPR_2023_paper.html';
    const cvfPdf = 'https://openaccess.thecvf.com/content/CVPR2023/papers/Huang_Super_Token_CVPR_2023_paper.pdf';
    urls.set(29, cvf).set(30, cvfPdf);
    metas.set(29, { url: cvf, pdf: false, tags: [['citation_title', 'Super Token Sampling'], ['citation_pdf_url', cvfPdf]] });
    const fromPage = (await handle({ type: 'tab.get', tabId: 29 }, extPage)) as Reply<'tab.get'>;
    expect(fromPage).toMatchObject({ ok: true, reading: { card: { title: 'Super Token Sampling', url: cvf, fullTextUrl: cvfPdf }, paper: null } });
    if (!fromPage.ok || !fromPage.reading?.card) throw new Error('no card');
    await handle({ type: 'paper.save', target: { card: fromPage.reading.card }, saved: true }, extPage);
    expect(await handle({ type: 'tab.get', tabId: 30 }, extPage)).toMatchObject({ ok: true, reading: { format: 'pdf', url: cvfPdf, paper: { title: 'Super Token Sampling', urls: [cvf, cvfPdf] } } });
    urls.set(28, html);
    expect(await handle({ type: 'tab.get', tabId: 28 }, extPage)).toMatchObject({ ok: true, reading: { format: 'page', url: html, paper: { urls: [html, pdf] } } });
    expect(await handle({ type: 'tab.get', tabId: 26 }, extPage)).toEqual({ ok: true, state: null, statuses: [] });
    // An address that names a DOI no paper has, but which a paper links to.
    const biorxiv = 'https://www.biorxiv.org/content/10.1101/2023.01.03.522633v2.full.pdf';
    await handle({ type: 'sightings.record', visitId: 'v4', page: scholar, cards: [{ title: 'Single-cell Atlas', url: biorxiv }] }, { ...hfTab, url: scholar.url, tab: { id: 7, url: scholar.url } });
    urls.set(27, biorxiv);
    expect(await handle({ type: 'tab.get', tabId: 27 }, extPage)).toMatchObject({
      ok: true,
      reading: { format: 'pdf', url: biorxiv, doi: '10.1101/2023.01.03.522633', paper: { title: 'Single-cell Atlas' } },
    });
  });

  it('forgets what a tab reported once it shows another page, even one of a site whose address Chrome does not tell', async () => {
    const urls = new Map<number, string>([[7, 'https://huggingface.co/papers/date/2025-11-03']]);
    const { handle } = router(async (id) => urls.get(id));
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    await handle({ type: 'tab.report', page, cards: [{ card: { title: 'Alpha Paper', arxivId: '2501.00001' }, status: 'new' }] }, hfTab);
    expect(await handle({ type: 'tab.get', tabId: 7 }, extPage)).toMatchObject({ ok: true, state: { page } });
    urls.delete(7);
    expect(await handle({ type: 'tab.get', tabId: 7 }, extPage)).toEqual({ ok: true, state: null, statuses: [] });
    urls.set(7, 'https://huggingface.co/papers/date/2025-11-10');
    expect(await handle({ type: 'tab.get', tabId: 7 }, extPage)).toEqual({ ok: true, state: null, statuses: [] });
  });

  it('adds a paper by hand for an extension page only, and has open pages look their cards up again', async () => {
    const { handle, events } = router();
    const add = { type: 'paper.add', card: { title: 'Alpha Paper', arxivId: '2501.00001' } };
    expect(await handle(add, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle({ type: 'paper.add', card: { title: '' } }, extPage)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await handle(add, extPage)).toMatchObject({ ok: true, existed: false, paper: { key: 'arxiv:2501.00001', sites: ['manual'] } });
    expect(events.at(-1)).toEqual({ keys: ['arxiv:2501.00001'], details: { all: true } });
    const count = events.length;
    expect(await handle(add, extPage)).toMatchObject({ ok: true, existed: true });
    expect(events).toHaveLength(count);
  });

  it("tells pages when a visit's sightings move a paper to its arXiv key", async () => {
    const { handle, events } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const title = 'Scaling Laws for Neural Language Models';
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards: [{ title }] }, hfTab);
    const moves = () => events.filter((e) => !e.details?.sightings);
    expect(moves()).toEqual([]);
    const lookup = await handle({ type: 'cards.lookup', cards: [{ title, arxivId: '2001.08361' }] }, hfTab);
    const oldKey = lookup.ok && 'statuses' in lookup ? lookup.statuses[0]?.paper?.key : undefined;
    expect(oldKey).toMatch(/^title:/);
    await handle({ type: 'sightings.record', visitId: 'v2', page, cards: [{ title, arxivId: '2001.08361' }] }, hfTab);
    expect(moves()).toEqual([{ keys: ['arxiv:2001.08361'], details: { moved: { [oldKey!]: 'arxiv:2001.08361' } } }]);
  });

  it("tells the extension pages of a visit's sightings once they are stored, and nothing for a batch already counted", async () => {
    const { handle, events } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const cards = [{ title: 'Alpha Paper', arxivId: '2501.00001' }, { title: 'Beta Paper', arxivId: '2501.00002' }];
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards }, hfTab);
    expect(events).toEqual([{ keys: ['arxiv:2501.00001', 'arxiv:2501.00002'], details: { sightings: true } }]);
    // What a page hears first is already stored: the library page's refresh finds the papers.
    const stats = await handle({ type: 'library.stats' }, extPage);
    expect(stats).toMatchObject({ ok: true, papers: 2, sightings: 2 });
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards }, hfTab);
    expect(events).toHaveLength(1);
    // The same page again the same day is no new sighting either; another page is.
    await handle({ type: 'sightings.record', visitId: 'v2', page, cards: cards.slice(1) }, hfTab);
    expect(events).toHaveLength(1);
    const nov4 = { ...page, url: 'https://huggingface.co/papers/date/2025-11-04', label: 'Nov 4' };
    await handle({ type: 'sightings.record', visitId: 'v3', page: nov4, cards: cards.slice(1) }, hfTab);
    expect(events.at(-1)).toEqual({ keys: ['arxiv:2501.00002'], details: { sightings: true } });
  });

  it('merges two papers for an extension page, telling pages where the merged one went; never for a page', async () => {
    const { handle, events } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const cards = [{ title: 'Alpha Paper', arxivId: '2501.00001' }, { title: 'Alpha Paper, Published', doi: '10.1000/a' }];
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards }, hfTab);
    const keys = ['doi:10.1000/a', 'arxiv:2501.00001'];
    expect(await handle({ type: 'papers.merge', keys }, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle({ type: 'papers.merge', keys: [keys[0]] }, extPage)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const reply = await handle({ type: 'papers.merge', keys }, extPage);
    expect(reply).toMatchObject({ ok: true, merged: 'doi:10.1000/a', paper: { key: 'arxiv:2501.00001', doi: '10.1000/a', seenCount: 2 } });
    expect(events.at(-1)).toEqual({ keys: ['arxiv:2501.00001'], details: { moved: { 'doi:10.1000/a': 'arxiv:2501.00001' } } });
    // Undone: two papers again, and pages look every card up again.
    const snapshot = reply.ok ? (reply as { snapshot: string }).snapshot : '';
    expect(await handle({ type: 'papers.unmerge', snapshot }, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle({ type: 'papers.unmerge', snapshot }, extPage)).toMatchObject({ ok: true, restored: 2 });
    expect(events.at(-1)).toEqual({ keys: [], details: { all: true } });
    expect(await handle({ type: 'library.stats' }, extPage)).toMatchObject({ papers: 2 });

    // Merged again, its other title may become its title, from an extension page only.
    await handle({ type: 'papers.merge', keys }, extPage);
    const retitle = { type: 'paper.title', key: 'arxiv:2501.00001', title: 'Alpha Paper, Published' };
    expect(await handle(retitle, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle(retitle, extPage)).toMatchObject({ ok: true, paper: { title: 'Alpha Paper, Published', altTitles: ['Alpha Paper'] } });
    expect(events.at(-1)).toEqual({ keys: ['arxiv:2501.00001'] });

    // Where it was published, likewise; a year or a number out of bounds is refused as a value.
    const venue = { type: 'paper.venue', key: 'arxiv:2501.00001', kind: 'proceedings', name: 'ICML 2025', pages: '1 - 9', year: 2025 };
    expect(await handle(venue, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const bad of [{ year: 99_999 }, { year: 2025.5 }, { pages: '1'.repeat(41) }, { kind: 'book' }, { name: undefined }]) {
      expect(await handle({ ...venue, ...bad }, extPage)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    expect(await handle(venue, extPage)).toMatchObject({ ok: true, paper: { proceedings: 'ICML 2025', pages: '1–9', year: 2025, venueFixed: true } });
    expect(events.at(-1)).toEqual({ keys: ['arxiv:2501.00001'] });
  });

  it('lists every paper a search matches for an extension page (select all that match); never for a page', async () => {
    const { handle } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const cards = Array.from({ length: 60 }, (_, i) => ({ title: `Sparse Paper ${i}`, arxivId: `2501.${String(i).padStart(5, '0')}` }));
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards: [...cards, { title: 'Dense Other', arxivId: '2502.00001' }] }, hfTab);
    const query = { text: 'sparse', sort: 'title', limit: 10 };
    expect(await handle({ type: 'library.keys', query }, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const reply = await handle({ type: 'library.keys', query }, extPage);
    expect(reply).toMatchObject({ ok: true, total: 60 });
    const keys = reply.ok ? (reply as { keys: string[] }).keys : [];
    // All of them, whatever the page size, in the list's order.
    expect(keys).toHaveLength(60);
    expect(new Set(keys)).toEqual(new Set(cards.map((c) => `arxiv:${c.arxivId}`)));
    expect(keys.slice(0, 3)).toEqual(['arxiv:2501.00000', 'arxiv:2501.00001', 'arxiv:2501.00010']);
  });

  it("gives a paper's BibTeX to cite, by its key or one it had, to an extension page and to a page's `c` key", async () => {
    const { handle } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const title = 'Scaling Laws for Neural Language Models';
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards: [{ title, authors: ['Jared Kaplan'] }] }, hfTab);
    const oldKey = (await handle({ type: 'library.keys', query: {} }, extPage)) as Reply<'library.keys'>;
    const titleKey = oldKey.ok ? oldKey.keys[0]! : '';
    await handle({ type: 'paper.note', target: { key: titleKey }, note: 'private thoughts' }, extPage);
    await handle({ type: 'sightings.record', visitId: 'v2', page, cards: [{ title, arxivId: '2001.08361', authors: ['Jared Kaplan'] }] }, hfTab);
    // A page cites one paper at a time (`paper.cite`); a selection is the library page's.
    expect(await handle({ type: 'papers.cite', keys: ['arxiv:2001.08361'] }, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle({ type: 'paper.cite', target: { key: 'arxiv:2001.08361' } }, hfTab)).toMatchObject({ ok: true, count: 1 });
    const cited = (await handle({ type: 'papers.cite', keys: [titleKey] }, extPage)) as Reply<'papers.cite'>;
    expect(cited).toMatchObject({ ok: true, bibtex: expect.stringMatching(/^@misc\{kaplan2020scaling,\n  title = \{Scaling \{Laws\} for/) });
    expect(cited.ok && cited.bibtex).not.toContain('private thoughts');
    expect(await handle({ type: 'papers.cite', keys: ['arxiv:0000.00000'] }, extPage)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // Several, in the order asked, each once (an old key and the new one are one paper); none is refused.
    await handle({ type: 'sightings.record', visitId: 'v3', page, cards: [{ title: 'Another Paper', arxivId: '2101.00001', authors: ['Ada Lovelace'] }] }, hfTab);
    const both = (await handle({ type: 'papers.cite', keys: ['arxiv:2101.00001', titleKey, 'arxiv:2001.08361', 'arxiv:0000.00000'] }, extPage)) as Reply<'papers.cite'>;
    expect(both).toMatchObject({ ok: true, count: 2 });
    expect(both.ok && [...both.bibtex.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1])).toEqual(['lovelace2021another', 'kaplan2020scaling']);
    expect(await handle({ type: 'papers.cite', keys: [] }, extPage)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it("cites a page's card: as stored when the library has it, else from the card, storing nothing", async () => {
    const { handle } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    // Stored by a sighting with its authors; the card on the page shows only title and id.
    const title = 'Scaling Laws for Neural Language Models';
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards: [{ title, arxivId: '2001.08361', authors: ['Jared Kaplan'] }] }, hfTab);
    const known = (await handle({ type: 'paper.cite', target: { card: { title, arxivId: '2001.08361v2' }, page } }, hfTab)) as Reply<'paper.cite'>;
    expect(known).toMatchObject({ ok: true, count: 1, bibtex: expect.stringMatching(/^@misc\{kaplan2020scaling,/) });
    // Not in the library (the reader records only what they mark, or it has just come on screen).
    const card = { title: 'Attention Is All You Need', arxivId: '1706.03762', authors: ['Ashish Vaswani', 'Noam Shazeer'] };
    const fresh = (await handle({ type: 'paper.cite', target: { card, page } }, hfTab)) as Reply<'paper.cite'>;
    expect(fresh).toMatchObject({ ok: true, count: 1 });
    expect(fresh.ok && fresh.bibtex).toMatch(/^@misc\{vaswani2017attention,\n  title = \{Attention /);
    expect(fresh.ok && fresh.bibtex).toContain('author = {Vaswani, Ashish and Shazeer, Noam}');
    expect(fresh.ok && fresh.bibtex).toContain('eprint = {1706.03762}');
    expect(await handle({ type: 'library.stats' }, extPage)).toMatchObject({ ok: true, papers: 1, sightings: 1 });
    // A key the library does not have is still refused.
    expect(await handle({ type: 'paper.cite', target: { key: 'arxiv:0000.00000' } }, hfTab)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('remembers the last backup of the whole library, and counts the work changed since', async () => {
    const { handle } = router();
    const stats = async () => (await handle({ type: 'library.stats' }, extPage)) as Reply<'library.stats'>;
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const cards = [1, 2, 3].map((i) => ({ title: `Paper Number ${i}`, arxivId: `2501.0000${i}` }));
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards }, hfTab);
    // Seen is not the reader's work; saved, tagged or noted is.
    expect(await stats()).toMatchObject({ ok: true, papers: 3, unbackedUp: 0 });
    expect(await stats()).not.toHaveProperty('backup');
    await handle({ type: 'paper.save', target: { key: 'arxiv:2501.00001' }, saved: true }, extPage);
    await handle({ type: 'paper.tags', target: { key: 'arxiv:2501.00002' }, add: ['moe'] }, extPage);
    expect(await stats()).toMatchObject({ unbackedUp: 2 });

    // Other formats and a selection's backup are not a backup of the library.
    await handle({ type: 'library.export', format: 'bibtex' }, extPage);
    await handle({ type: 'library.export', format: 'backup', keys: ['arxiv:2501.00001'] }, extPage);
    expect(await stats()).toMatchObject({ unbackedUp: 2 });
    const before = Date.now();
    expect(await handle({ type: 'library.export', format: 'backup' }, extPage)).toMatchObject({ ok: true, count: 3 });
    const after = await stats();
    expect(after).toMatchObject({ unbackedUp: 0, backup: { papers: 3 } });
    expect(after.ok && after.backup!.at).toBeGreaterThanOrEqual(before);

    await new Promise((r) => setTimeout(r, 5));
    await handle({ type: 'paper.note', target: { key: 'arxiv:2501.00003' }, note: 'Compare with the dense baseline.' }, extPage);
    // A sighting of a paper with no work of the reader's changes nothing worth a backup.
    await handle({ type: 'sightings.record', visitId: 'v2', page: { ...page, url: 'https://huggingface.co/papers/date/2025-11-04' }, cards: [{ title: 'Paper Four', arxivId: '2501.00004' }] }, hfTab);
    expect(await stats()).toMatchObject({ unbackedUp: 1, backup: { papers: 3 } });

    // Restored into a new profile (a digest seen there already, nothing of the reader's), the
    // library holds what that backup held: no reminder for it.
    const file = (await handle({ type: 'library.export', format: 'backup' }, extPage)) as Reply<'library.export'>;
    if (!file.ok) throw new Error(file.error.message);
    const madeAt = Date.parse((JSON.parse(file.text!) as { exportedAt: string }).exportedAt);
    const fresh = router();
    await fresh.handle({ type: 'sightings.record', visitId: 'w1', page, cards: [{ title: 'Paper Five', arxivId: '2501.00005' }] }, hfTab);
    expect(await fresh.handle({ type: 'library.import', text: file.text }, extPage)).toMatchObject({ ok: true, format: 'backup', added: 4 });
    expect(await fresh.handle({ type: 'library.stats' }, extPage)).toMatchObject({ papers: 5, unbackedUp: 0, backup: { at: madeAt, papers: 4 } });
    // Into a library with work of its own, which that file does not hold: no backup is assumed.
    const other = router();
    await other.handle({ type: 'sightings.record', visitId: 'x1', page, cards: [{ title: 'Paper Six', arxivId: '2501.00006' }] }, hfTab);
    await other.handle({ type: 'paper.save', target: { key: 'arxiv:2501.00006' }, saved: true }, extPage);
    await other.handle({ type: 'library.import', text: file.text }, extPage);
    const otherStats = await other.handle({ type: 'library.stats' }, extPage);
    expect(otherStats).toMatchObject({ papers: 5, unbackedUp: 4 });
    expect(otherStats).not.toHaveProperty('backup');
  });

  it('renames a tag on every paper, merges it into a tag in use, and tells the pages; never from a page', async () => {
    const { handle, events } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    const cards = [1, 2, 3].map((i) => ({ title: `Paper Number ${i}`, arxivId: `2501.0000${i}` }));
    await handle({ type: 'sightings.record', visitId: 'v1', page, cards }, hfTab);
    const tag = (n: number, add: string[]) => handle({ type: 'paper.tags', target: { key: `arxiv:2501.0000${n}` }, add }, extPage);
    await tag(1, ['llm', 'moe']);
    await tag(2, ['llm']);
    await tag(3, ['language-models']);
    const tags = async () => {
      const r = (await handle({ type: 'tags.list' }, extPage)) as Reply<'tags.list'>;
      return r.ok ? r.tags : null;
    };

    expect(await handle({ type: 'tags.rename', from: 'llm', to: 'x' }, hfTab)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    events.length = 0;
    // Typed as a reader types it: the one tag rule makes "#Large Language Models" large-language-models.
    expect(await handle({ type: 'tags.rename', from: 'llm', to: '#Large Language Models' }, extPage)).toMatchObject({ ok: true, changed: 2 });
    expect(events).toEqual([{ keys: ['arxiv:2501.00001', 'arxiv:2501.00002'] }]);
    expect(await tags()).toEqual([
      { tag: 'large-language-models', count: 2 },
      { tag: 'language-models', count: 1 },
      { tag: 'moe', count: 1 },
    ]);
    // Into a tag in use: one tag, never twice on a paper.
    await tag(3, ['large-language-models']);
    expect(await handle({ type: 'tags.rename', from: 'language-models', to: 'large-language-models' }, extPage)).toMatchObject({ ok: true, changed: 1 });
    expect(await tags()).toEqual([
      { tag: 'large-language-models', count: 3 },
      { tag: 'moe', count: 1 },
    ]);
    const got = (await handle({ type: 'papers.get', keys: ['arxiv:2501.00003'] }, extPage)) as Reply<'papers.get'>;
    expect(got.ok && got.papers[0]?.tags).toEqual(['large-language-models']);
    // A tag no paper has changes nothing.
    events.length = 0;
    expect(await handle({ type: 'tags.rename', from: 'nothing', to: 'else' }, extPage)).toMatchObject({ ok: true, changed: 0 });
    expect(events).toEqual([]);
  });

  it('reports a missing paper as not-found', async () => {
    const { handle } = router();
    const reply = await handle({ type: 'paper.save', target: { key: 'arxiv:0000.00000' }, saved: true }, extPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('stores tags by the one tag rule the inputs use (lib/tags.ts); an empty or too long tag is refused', async () => {
    const { handle } = router();
    const card = { title: 'Tagged Okapi Paper', arxivId: '2501.00042' };
    const reply = await handle({ type: 'paper.tags', target: { card }, add: ['  #Deep  Learning ', 'a,b', 'x\u0001y\u007f'], remove: [] }, extPage);
    expect(reply).toMatchObject({ ok: true, paper: { tags: ['deep-learning', 'ab', 'xy'] } });
    for (const bad of ['  # ', 'x'.repeat(65)]) {
      const refused = await handle({ type: 'paper.tags', target: { card }, add: [bad], remove: [] }, extPage);
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
  });

  it("allows every request the content script's code sends (a refused one fails silently there)", () => {
    // The content script's code: the page controller and the UI it injects.
    const roots = ['lib/page', 'components/badge', 'components/summary', 'components/page-ui.tsx'];
    const files = (path: string): string[] =>
      statSync(path).isDirectory() ? readdirSync(path).flatMap((f) => files(join(path, f))) : /\.tsx?$/.test(path) ? [path] : [];
    const sent = new Set<string>();
    for (const file of roots.flatMap((r) => files(join(__dirname, '../..', r)))) {
      // Every request type is dotted ('cards.lookup'); a message may be built before it is sent.
      for (const m of readFileSync(file, 'utf8').matchAll(/\btype:\s*'([a-z]+\.[a-zA-Z]+)'/g)) sent.add(m[1]!);
    }
    expect(sent.size).toBeGreaterThanOrEqual(10);
    for (const type of sent) expect([type, senderAllowed(hfTab, EXT, type as never)]).toEqual([type, null]);
  });

  it('checks senders: other extensions, unsupported pages, and page-forbidden requests are refused', async () => {
    expect(senderAllowed({ id: 'other' }, EXT, 'tags.list')).toMatch(/other extensions/);
    expect(senderAllowed({ id: EXT, url: 'https://evil.example/', tab: { id: 1 } }, EXT, 'tags.list')).toMatch(/not a supported/);
    expect(senderAllowed(hfTab, EXT, 'library.export')).toMatch(/may not send/);
    expect(senderAllowed(hfTab, EXT, 'cards.lookup')).toBeNull();
    // A page re-reads the papers it shows when they change elsewhere (PageController.onChange).
    expect(senderAllowed(hfTab, EXT, 'papers.get')).toBeNull();
    expect(senderAllowed(hfTab, EXT, 'papers.bulk')).toMatch(/may not send/);
    expect(senderAllowed(extPage, EXT, 'library.clear')).toBeNull();
    const { handle } = router();
    const reply = await handle({ type: 'library.clear', confirm: 'delete everything' }, hfTab);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps tab reports for the popup and sets the toolbar count of new papers', async () => {
    const { handle, badges } = router();
    const page = { url: hfTab.url, site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };
    const cards = [
      { card: { title: 'A', arxivId: '2501.00001' }, status: 'new' },
      { card: { title: 'B', arxivId: '2501.00002' }, status: 'seen' },
    ];
    expect((await handle({ type: 'tab.report', page, cards }, hfTab)).ok).toBe(true);
    expect(badges).toEqual([[7, 1]]);
    const got = await handle({ type: 'tab.get', tabId: 7 }, extPage);
    expect(got.ok && 'state' in got && got.state?.cards.length).toBe(2);
  });

  it("drops a report that arrives once the tab has left the page that sent it", async () => {
    let now: string | undefined = `${hfTab.url}#item3`;
    const { handle, badges } = router(async () => now);
    const page = { url: hfTab.url, site: 'huggingface', label: 'Nov 3' };
    const cards = [{ card: { title: 'A', arxivId: '2501.00001' }, status: 'new' }];
    // Still on it (a jump link changed only the fragment): kept.
    await handle({ type: 'tab.report', page, cards }, hfTab);
    const kept = await handle({ type: 'tab.get', tabId: 7 }, extPage);
    expect(kept.ok && 'state' in kept && kept.state?.cards.length).toBe(1);
    expect(badges).toEqual([[7, 1]]);
    // The site navigated client-side: the sender keeps its first address, the page and tab moved on.
    now = 'https://huggingface.co/papers/date/2025-11-04';
    await handle({ type: 'tab.report', page: { ...page, url: now }, cards }, hfTab);
    const moved = await handle({ type: 'tab.get', tabId: 7 }, extPage);
    expect(moved.ok && 'state' in moved && moved.state?.page.url).toBe(now);
    // The tab went on to another digest page, or to a site whose address we may not read (the
    // new page forgot the tab's report); the old page's flush comes late and is dropped.
    for (const next of ['https://huggingface.co/papers/date/2025-11-04', undefined]) {
      now = next;
      const r = router(async () => now);
      await r.handle({ type: 'tab.report', page, cards }, hfTab);
      const got = await r.handle({ type: 'tab.get', tabId: 7 }, extPage);
      expect(got.ok && 'state' in got ? got.state : 'error').toBeNull();
      expect(r.badges).toEqual([]);
    }
  });

  it('runs a save → lookup round trip through messages', async () => {
    const { handle } = router();
    const card = { title: 'Tiny Paper', arxivId: '2501.00009' };
    await handle({ type: 'paper.save', target: { card }, saved: true }, hfTab);
    const reply = await handle({ type: 'cards.lookup', cards: [card] }, hfTab);
    expect(reply.ok && 'statuses' in reply && reply.statuses[0]?.status).toBe('saved');
  });

  it("answers a page's first lookup with the settings too, when asked", async () => {
    const { handle } = router();
    const card = { title: 'Tiny Paper', arxivId: '2501.00009' };
    await handle({ type: 'settings.set', settings: { fadeSeen: true } }, extPage);
    const plain = await handle({ type: 'cards.lookup', cards: [card] }, hfTab);
    expect(plain.ok && 'settings' in plain).toBe(false);
    const first = await handle({ type: 'cards.lookup', cards: [card], settings: true }, hfTab);
    expect(first).toMatchObject({ ok: true, statuses: [{ status: 'new' }], settings: { fadeSeen: true } });
  });

  it("a page's one lookup can stand for its tab report, unless the reader turned the site off", async () => {
    const { handle, badges } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3' };
    const cards = [{ title: 'A', arxivId: '2501.00001' }, { title: 'B', arxivId: '2501.00002' }];
    await handle({ type: 'paper.save', target: { card: cards[1]! }, saved: true }, hfTab);
    const reply = await handle({ type: 'cards.lookup', cards, settings: true, report: page, visitId: 'v-1' }, hfTab);
    expect(reply).toMatchObject({ ok: true, statuses: [{ status: 'new' }, { status: 'saved' }], settings: { sites: { huggingface: true } } });
    await vi.waitFor(async () => {
      const got = await handle({ type: 'tab.get', tabId: 7 }, extPage);
      // With the visit and each stored paper's count as the page was told it (the popup counts the same).
      expect(got.ok && 'state' in got && got.state).toMatchObject({
        page,
        visitId: 'v-1',
        cards: [{ card: cards[0], status: 'new' }, { card: cards[1], status: 'saved', key: 'arxiv:2501.00002', seen: 0 }],
      });
    });
    expect(badges).toEqual([[7, 1]]);

    const off = router();
    await off.handle({ type: 'settings.set', settings: { sites: { huggingface: false, arxiv: true } } }, extPage);
    const plain = await off.handle({ type: 'cards.lookup', cards, report: page }, hfTab);
    expect(plain.ok && 'settings' in plain).toBe(false);
    // A lookup reports in a task after its reply: let the tasks queued by then run first.
    for (let i = 0; i < 3; i++) await new Promise((done) => setTimeout(done, 0));
    const none = await off.handle({ type: 'tab.get', tabId: 7 }, extPage);
    expect(none.ok && 'state' in none && none.state).toBe(null);
    expect(off.badges).toEqual([]);
  });

  it('leaves stored abstracts out of lookup replies (pages never show them)', async () => {
    const { handle } = router();
    const card = { title: 'Tiny Paper', arxivId: '2501.00009', abstract: 'A long abstract.' };
    const saved = await handle({ type: 'paper.save', target: { card }, saved: true }, hfTab);
    expect(saved.ok && 'paper' in saved && saved.paper?.abstract).toBe('A long abstract.');
    const reply = await handle({ type: 'cards.lookup', cards: [{ title: card.title, arxivId: card.arxivId }] }, hfTab);
    const paper = reply.ok && 'statuses' in reply ? reply.statuses[0]?.paper : undefined;
    expect(paper).toMatchObject({ key: 'arxiv:2501.00009', title: 'Tiny Paper' });
    expect(paper && 'abstract' in paper).toBe(false);
  });
});

/** Cache Storage as the background uses it, for Node (the e2e tests use the real one). */
function memoryFiles(): FileStore & { ids(): string[] } {
  const kept = new Map<string, Response>();
  return {
    async put(id, body, mime) {
      kept.set(id, new Response(body, { headers: { 'content-type': mime } }));
    },
    async take(id, read) {
      const res = kept.get(id);
      if (!res) return null;
      try {
        return await read(res);
      } finally {
        kept.delete(id);
      }
    },
    async drop(id) {
      kept.delete(id);
    },
    ids: () => [...kept.keys()],
  };
}

describe('files larger than a message', () => {
  it('are imported from the file store and taken out of it; exports larger than a message are put there', async () => {
    const files = memoryFiles();
    const library = new Library(new DejaLuDB(`router-${++n}`));
    const handle = createRouter({ library, tabs: memoryTabStore(), extensionId: EXT, files });
    // A CSL-JSON file padded past the inline limit with a long abstract.
    const items = [{ id: 'a', type: 'article', title: 'Large Paper', abstract: 'x'.repeat(INLINE_CHARS + 10), URL: 'https://arxiv.org/abs/2501.00077' }];
    const text = JSON.stringify(items);
    expect(await handle({ type: 'library.import', text }, extPage)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await files.put('f1', text, 'application/json');
    const imported = await handle({ type: 'library.import', fileId: 'f1', filename: 'big.json' }, extPage);
    expect(imported).toMatchObject({ ok: true, added: 1, format: 'csl-json' });
    expect(files.ids()).toEqual([]);
    expect(await handle({ type: 'library.import', fileId: 'f1' }, extPage)).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const big = (await handle({ type: 'library.export', format: 'csv' }, extPage)) as Reply<'library.export'>;
    if (!big.ok) throw new Error(big.error.message);
    expect(big.text).toBeUndefined();
    expect(files.ids()).toEqual([big.fileId]);
    const csv = await files.take(big.fileId!, (res) => res.text());
    expect(csv!.length).toBeGreaterThan(INLINE_CHARS);
    expect(csv).toContain('Large Paper');

    // A delete's undo larger than a message goes there too, and comes back from there once.
    const deleted = (await handle({ type: 'papers.bulk', keys: ['arxiv:2501.00077'], op: { kind: 'delete' } }, extPage)) as Reply<'papers.bulk'>;
    expect(deleted).toMatchObject({ ok: true, changed: 1 });
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect(deleted.snapshot).toBeUndefined();
    expect(files.ids()).toEqual([deleted.snapshotFile]);
    const restore = { type: 'papers.restore', snapshotFile: deleted.snapshotFile };
    expect(await handle(restore, extPage)).toMatchObject({ ok: true, restored: 1 });
    expect(files.ids()).toEqual([]);
    expect(await handle(restore, extPage)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await handle({ type: 'papers.restore' }, extPage)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await handle({ type: 'paper.get', key: 'arxiv:2501.00077' }, extPage)) as Reply<'paper.get'>).toMatchObject({ ok: true, paper: { title: 'Large Paper' } });

    // Small files stay inside the message, and small undos: deleted without its long abstract.
    await library.db.papers.update('arxiv:2501.00077', { abstract: undefined });
    const smallDelete = (await handle({ type: 'papers.bulk', keys: ['arxiv:2501.00077'], op: { kind: 'delete' } }, extPage)) as Reply<'papers.bulk'>;
    expect(smallDelete.ok && typeof smallDelete.snapshot).toBe('string');
    const small = (await handle({ type: 'library.export', format: 'csv' }, extPage)) as Reply<'library.export'>;
    expect(small).toMatchObject({ ok: true, count: 0 });
    if (small.ok) expect(small.fileId).toBeUndefined();
    expect(files.ids()).toEqual([]);
  }, 60_000);
});

describe('exporting a selection', () => {
  it('cites by the keys the whole library gives, though the first namesake is not selected', async () => {
    const { handle } = router();
    // Two papers by Zhang, 2024, both "Scaling …": the one saved first keeps the plain key.
    const bib = (id: string, title: string) => `@misc{x, title = {${title}}, author = {Zhang, Wei}, year = {2024}, eprint = {${id}}, archivePrefix = {arXiv}}`;
    await handle({ type: 'library.import', text: bib('2402.00001', 'Scaling laws') }, extPage);
    await new Promise((r) => setTimeout(r, 5));
    await handle({ type: 'library.import', text: bib('2402.00002', 'Scaling vision') }, extPage);
    const keysIn = async (keys?: string[]) => {
      const reply = (await handle({ type: 'library.export', format: 'bibtex', ...(keys ? { keys } : {}) }, extPage)) as Reply<'library.export'>;
      if (!reply.ok) throw new Error(reply.error.message);
      return [...reply.text!.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    };
    expect(await keysIn()).toEqual(['zhang2024scaling', 'zhang2024scaling-2402.00002']);
    expect(await keysIn(['arxiv:2402.00002'])).toEqual(['zhang2024scaling-2402.00002']);
    const csl = (await handle({ type: 'library.export', format: 'csl-json', keys: ['arxiv:2402.00002'] }, extPage)) as Reply<'library.export'>;
    expect(csl.ok && JSON.parse(csl.text!)[0]['citation-key']).toBe('zhang2024scaling-2402.00002');
  });
});

describe('settings', () => {
  it('changing one setting keeps the others', async () => {
    const { handle } = router();
    await handle({ type: 'settings.set', settings: { fadeSeen: true, seenMode: 'load' } }, extPage);
    const reply = await handle({ type: 'settings.set', settings: { seenStyle: 'hide' } }, extPage);
    expect(reply).toMatchObject({ ok: true, settings: { fadeSeen: true, seenMode: 'load', seenStyle: 'hide', showSummary: true } });
  });
});
