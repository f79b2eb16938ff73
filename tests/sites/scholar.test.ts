import { describe, expect, it } from 'vitest';
import { scholar } from '../../lib/sites';
import { explainMatch } from '../../lib/dedup';
import { checkCapture, parsePage, realCaptures } from './helpers';

describe('Google Scholar: real captures (expected JSON beside each)', () => {
  for (const { html, expected } of realCaptures().filter((c) => c.expected.site === 'scholar')) {
    it(`${html}: ${expected.count} card(s)`, () => checkCapture(html, expected));
  }
});

const SEARCH = new URL('https://scholar.google.com/scholar?hl=en&q=massive+activations');

/** A result row as Scholar prints it (2026 markup, trimmed to what is read). */
function row(cid: string, title: string, byline: string, href?: string, marker = ''): string {
  const link = href === undefined ? title : `<a id="${cid}" href="${href}">${title}</a>`;
  return `<div class="gs_r gs_or gs_scl" data-cid="${cid}" data-rp="1"><div class="gs_ri">
    <h3 class="gs_rt">${marker}${link}</h3>
    <div class="gs_a">${byline}</div>
    <div class="gs_rs">… a snippet with <b>terms</b> …</div>
    <div class="gs_fl gs_flb"><a href="/scholar?cites=1">Cited by 3</a></div>
  </div></div>`;
}

function page(...rows: string[]): Document {
  return parsePage(`<div id="gs_res_ccl_mid">${rows.join('')}</div>`, SEARCH.href);
}

describe('Google Scholar: results', () => {
  it('reads an arXiv id (and version) from a result that links to arXiv', () => {
    const doc = page(
      row('a1', 'Massive activations in large language models', 'M Sun, X Chen, JZ Kolter, Z Liu&nbsp;- arXiv preprint arXiv:2402.17762, 2024 - arxiv.org', 'https://arxiv.org/abs/2402.17762v2'),
      row('a2', 'Attention is all you need', 'A Vaswani - 2017 - arxiv.org', 'https://arxiv.org/pdf/1706.03762'),
    );
    const [a, b] = scholar.readCards(doc, SEARCH);
    expect(a?.paper).toMatchObject({ arxivId: '2402.17762', version: 2, year: 2024, authors: ['M Sun', 'X Chen', 'JZ Kolter', 'Z Liu'] });
    expect(b?.paper).toMatchObject({ arxivId: '1706.03762', year: 2017, authors: ['A Vaswani'] });
    // Results the reader asked for: never dimmed or hidden as seen.
    expect([a?.asked, b?.asked]).toEqual(['search', 'search']);
  });

  it('reads a DOI from publishers’ addresses that hold one, and none from those that do not', () => {
    const doc = page(
      row('d1', 'One', 'A B - Nature, 2021 - nature.com', 'https://doi.org/10.1038/s41586-021-03819-2'),
      row('d2', 'Two', 'A B - Machine Learning, 2020 - Springer', 'https://link.springer.com/article/10.1007/s10994-020-05889-2'),
      row('d3', 'Three', 'A B - J. Chem., 2019 - ACS Publications', 'https://pubs.acs.org/doi/full/10.1021/acs.jctc.9b00001?casa_token=x'),
      row('d4', 'Four', 'A B - Fuel, 2014 - Elsevier', 'https://www.sciencedirect.com/science/article/pii/S0016236114001045'),
      row('d5', 'Five', 'A B - Wiley, 2018 - Wiley', 'https://onlinelibrary.wiley.com/doi/abs/10.1002/%E0%A4%A'),
      row('d6', 'Six', 'A B - Wiley, 2018 - Wiley', 'https://onlinelibrary.wiley.com/doi/abs/10.1002/anie.2018%3C1%3E'),
    );
    expect(scholar.readCards(doc, SEARCH).map((c) => c.paper.doi)).toEqual([
      '10.1038/s41586-021-03819-2',
      '10.1007/s10994-020-05889-2',
      '10.1021/acs.jctc.9b00001',
      undefined,
      // A malformed escape is read as it stands, and the page is still read.
      '10.1002/%e0%a4%a',
      '10.1002/anie.2018<1>',
    ]);
  });

  it("keeps the [PDF] beside a result as the paper's full text, and the arXiv id it names", () => {
    const side = (href: string) => `<div class="gs_ggs gs_fl"><div class="gs_ggsd"><div class="gs_or_ggsm"><a href="${href}"><span class="gs_ctg2">[PDF]</span> host</a></div></div></div>`;
    const withSide = (html: string, href: string) => html.replace('<div class="gs_ri">', `${side(href)}<div class="gs_ri">`);
    const doc = page(
      withSide(row('p1', 'Scaling Laws', 'A B - IEEE TPAMI, 2024 - ieeexplore.ieee.org', 'https://ieeexplore.ieee.org/document/10000001'), 'https://arxiv.org/pdf/2401.01234v2'),
      withSide(row('p2', 'Palm Oil', 'A B - Fuel, 2017 - Elsevier', 'https://doi.org/10.1016/j.fuproc.2017.06.006'), 'https://www.academia.edu/download/1/paper.pdf'),
      withSide(row('p3', 'Same Link', 'A B - 2020 - example.org', 'https://example.org/same.pdf'), 'https://example.org/same.pdf'),
      withSide(row('p4', 'Cell Atlas', 'A B - Cell, 2024 - Elsevier', 'https://www.sciencedirect.com/science/article/pii/S0092867424000001'), 'https://www.biorxiv.org/content/10.1101/2023.01.03.522633v2.full.pdf'),
    );
    const [a, b, c, d] = scholar.readCards(doc, SEARCH);
    // A preprint server's DOI beside a journal's page is not the article's.
    expect(d?.paper.doi).toBeUndefined();
    expect(d?.paper.fullTextUrl).toBe('https://www.biorxiv.org/content/10.1101/2023.01.03.522633v2.full.pdf');
    expect(a?.paper).toMatchObject({ url: 'https://ieeexplore.ieee.org/document/10000001', fullTextUrl: 'https://arxiv.org/pdf/2401.01234v2', arxivId: '2401.01234', version: 2 });
    // The title link's DOI is the paper's; the PDF somewhere else is only its full text.
    expect(b?.paper).toMatchObject({ doi: '10.1016/j.fuproc.2017.06.006', fullTextUrl: 'https://www.academia.edu/download/1/paper.pdf' });
    expect(b?.paper.arxivId).toBeUndefined();
    expect(c?.paper.fullTextUrl).toBeUndefined();
  });

  it('reads a citation-only result, which links nowhere, without its [CITATION] marker', () => {
    const doc = page(
      row('c1', 'Deep residual learning for image recognition', 'K He, X Zhang, S Ren, J Sun - 2016', undefined, '<span class="gs_ctu"><span class="gs_ct1">[CITATION]</span><span class="gs_ct2">[C]</span></span> '),
    );
    const [card] = scholar.readCards(doc, SEARCH);
    expect(card?.paper.title).toBe('Deep residual learning for image recognition');
    expect(card?.paper.url).toBeUndefined();
    expect(card?.paper.year).toBe(2016);
  });

  it('gives no authors when the byline has no venue part or cuts the list', () => {
    const doc = page(row('n1', 'Only a title', 'Some text without separators'), row('n2', 'Cut', 'A One, B Two… - Proc, 2020 - x.org', 'https://x.org/1'));
    const cards = scholar.readCards(doc, SEARCH);
    expect(cards.map((c) => c.paper.authors)).toEqual([undefined, undefined]);
    expect(cards.map((c) => c.paper.year)).toEqual([undefined, 2020]);
  });

  it('skips rows that are not results (no data-cid, no title)', () => {
    const doc = parsePage(
      `<div id="gs_res_ccl_mid"><div class="gs_r"><h3 class="gs_rt">User profiles for x</h3></div>
       <div class="gs_r gs_or gs_scl" data-cid="e1"><div class="gs_ri"><div class="gs_a">A - 2020 - x</div></div></div>
       ${row('ok', 'A real result', 'A B - 2020 - x.org', 'https://x.org/ok')}</div>`,
      SEARCH.href,
    );
    expect(scholar.readCards(doc, SEARCH).map((c) => c.paper.title)).toEqual(['A real result']);
  });

  it('gives back the card read before while its title is unchanged, and reads a changed one afresh', () => {
    const doc = page(row('r1', 'First title', 'A B - 2020 - x.org', 'https://x.org/1'));
    const [before] = scholar.readCards(doc, SEARCH);
    expect(scholar.readCards(doc, SEARCH)[0]).toBe(before);
    doc.querySelector('h3 a')!.textContent = 'Second title';
    const [after] = scholar.readCards(doc, SEARCH);
    expect(after).not.toBe(before);
    expect(after?.paper.title).toBe('Second title');
  });

  it('matches a paper met elsewhere by title, Scholar’s abbreviated names agreeing by surname', () => {
    const [card] = scholar.readCards(
      page(row('m1', 'Hidden dynamics of massive activations in transformer training', 'J Doe, A Smith - arXiv preprint, 2025 - arxiv.org', 'https://www.semanticscholar.org/paper/x')),
      SEARCH,
    );
    const stored = { title: 'Hidden Dynamics of Massive Activations in Transformer Training', arxivId: '2508.27978', authors: ['Jane Doe', 'Alan Smith'], year: 2025 };
    expect(explainMatch(card!.paper, stored)?.rule).toBe('title');
    const other = { title: 'Hidden Dynamics of Massive Activations in Transformers Training', authors: ['Ann Other'], year: 2025 };
    expect(explainMatch(card!.paper, other)).toBeNull();
  });
});

const PROFILE = new URL('https://scholar.google.com/citations?hl=en&user=APooktAAAAAJ');

/** A work's row on an author's profile (the markup of ../fixtures/real/google-scholar-profile-row-fragment.html). */
function work(title: string, authors: string, venue: string, year: string): string {
  return `<tr class="gsc_a_tr"><td class="gsc_a_t">
    <a href="/citations?view_op=view_citation&amp;hl=en&amp;user=APooktAAAAAJ&amp;citation_for_view=APooktAAAAAJ:${title.length}" class="gsc_a_at">${title}</a>
    <div class="gs_gray">${authors}</div>
    <div class="gs_gray">${venue}<span class="gs_oph">, ${year}</span></div>
  </td><td class="gsc_a_c"><a href="https://scholar.google.com/scholar?oi=bibs&amp;hl=en&amp;cites=1" class="gsc_a_ac gs_ibl">12</a></td>
  <td class="gsc_a_y"><span class="gsc_a_h gsc_a_hc gs_ibl">${year}</span></td></tr>`;
}

function profile(...rows: string[]): Document {
  return parsePage(`<div id="gsc_prf_in">M Sun</div><table id="gsc_a_t"><tbody id="gsc_a_b">${rows.join('')}</tbody></table>`, PROFILE.href);
}

describe('Google Scholar: an author profile', () => {
  it('reads each work: title, authors, year, the arXiv id its venue gives, Scholar’s page of it', () => {
    const doc = profile(
      work('Massive activations in large language models', 'M Sun, X Chen, JZ Kolter, Z Liu', 'arXiv preprint arXiv:2402.17762', '2024'),
      work('Attention is all you need', 'A Vaswani, N Shazeer, N Parmar, J Uszkoreit, L Jones, AN Gomez, ...', 'CoRR abs/1706.03762', '2017'),
      work('A simple and effective pruning approach for large language models', 'M Sun, Z Liu, A Bair, JZ Kolter', 'The Twelfth International Conference on Learning Representations', '2024'),
    );
    const [a, b, c] = scholar.readCards(doc, PROFILE);
    expect(a?.paper).toMatchObject({ title: 'Massive activations in large language models', arxivId: '2402.17762', year: 2024, authors: ['M Sun', 'X Chen', 'JZ Kolter', 'Z Liu'] });
    expect(a?.paper.url).toMatch(/^https:\/\/scholar\.google\.com\/citations\?view_op=view_citation&hl=en&user=APooktAAAAAJ&citation_for_view=/);
    // dblp's CoRR venue names the id too; a list Scholar cut (", ...") is not the authors.
    expect(b?.paper).toMatchObject({ arxivId: '1706.03762', year: 2017 });
    expect(b?.paper.authors).toBeUndefined();
    // A conference paper: no id, matched by title.
    expect(c?.paper.arxivId).toBeUndefined();
    expect(c?.paper.year).toBe(2024);
    // The reader's choice of author, like a search: never dimmed or hidden as seen.
    expect([a, b, c].map((card) => card?.asked)).toEqual(['search', 'search', 'search']);
    // The badge goes by the title.
    expect(a?.anchors[0]?.className).toBe('gsc_a_at');
  });

  it('reads the rows "Show more" added, giving back those read before', () => {
    const doc = profile(work('First work', 'A B', 'Nature 1 (2), 3-4', '2020'));
    const [first] = scholar.readCards(doc, PROFILE);
    const more = profile(work('Second work', 'C D', 'arXiv preprint arXiv:2501.00001v3', '2025')).querySelector('tr')!;
    doc.querySelector('#gsc_a_b')!.append(doc.importNode(more, true));
    const cards = scholar.readCards(doc, PROFILE);
    expect(cards[0]).toBe(first);
    expect(cards[1]?.paper).toMatchObject({ title: 'Second work', arxivId: '2501.00001', version: 3 });
  });

  it('skips rows without a title link, and reads no results list on a profile', () => {
    const doc = profile(work('Kept', 'A B', 'Venue', '2021'), '<tr class="gsc_a_tr"><td class="gsc_a_e">There are no articles in this profile.</td></tr>');
    doc.body.insertAdjacentHTML('beforeend', row('x1', 'A result row', 'A B - 2020 - x.org', 'https://x.org/1'));
    expect(scholar.readCards(doc, PROFILE).map((c) => c.paper.title)).toEqual(['Kept']);
  });
});

describe('Google Scholar: pages', () => {
  it('handles result lists and profiles only, and labels them by what was asked', () => {
    const label = (href: string) => (scholar.handles(new URL(href)) ? scholar.pageLabel(new URL(href)) : null);
    expect(label('https://scholar.google.com/scholar?hl=en&q=massive+activations')).toBe('“massive activations”');
    expect(label('https://scholar.google.com/scholar?cites=123&hl=en')).toBe('cited by');
    expect(label('https://scholar.google.com/scholar?cluster=123&hl=en')).toBe('versions');
    expect(label('https://scholar.google.com/scholar?hl=en')).toBe('search');
    expect(label(`https://scholar.google.com/scholar?q=${'long+'.repeat(30)}end`)).toMatch(/^“(long ){11}long…”$/);
    expect(label('https://scholar.google.com/citations?user=x')).toBe('author profile');
    expect(label('https://scholar.google.com/citations?view_op=view_citation&user=x&citation_for_view=x:y')).toBeNull();
    expect(label('https://scholar.google.com/scholar_lookup?title=x')).toBeNull();
  });
});
