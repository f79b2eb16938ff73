import { describe, expect, it } from 'vitest';
import { linkReading, readingBadge, readingConcerned, readingOf } from '../lib/reading';

describe('readingOf: the paper a full-text tab shows', () => {
  it("reads arXiv's PDF and HTML addresses, with or without a version, a .pdf or a section; OpenReview's PDFs by their forum", () => {
    expect(readingOf('https://arxiv.org/pdf/2508.27978')).toEqual({ arxivId: '2508.27978', format: 'pdf' });
    expect(readingOf('https://openreview.net/pdf?id=hdMAtt5sXk')).toEqual({ format: 'pdf', forum: 'https://openreview.net/forum?id=hdMAtt5sXk' });
    expect(readingOf('https://arxiv.org/pdf/2508.27978v2')).toEqual({ arxivId: '2508.27978', version: 2, format: 'pdf' });
    expect(readingOf('https://arxiv.org/pdf/2401.01234v1.pdf')).toEqual({ arxivId: '2401.01234', version: 1, format: 'pdf' });
    expect(readingOf('https://arxiv.org/pdf/hep-th/9901001v3')).toEqual({ arxivId: 'hep-th/9901001', version: 3, format: 'pdf' });
    expect(readingOf('https://arxiv.org/html/2508.27978v1/#S3')).toEqual({ arxivId: '2508.27978', version: 1, format: 'html' });
    expect(readingOf('https://arxiv.org/html/2508.27978v1/x1.png')).toEqual({ arxivId: '2508.27978', version: 1, format: 'html' });
  });

  it('reads nothing else: other arXiv pages, other hosts, addresses that are not', () => {
    for (const url of [
      'https://arxiv.org/abs/2508.27978',
      'https://arxiv.org/list/cs.LG/new',
      'https://arxiv.org/pdf/',
      'https://arxiv.org/pdf/not-an-id',
      'http://arxiv.org/pdf/2508.27978',
      'https://example.org/pdf/2508.27978',
      'https://huggingface.co/papers/2508.27978',
      'https://openreview.net/forum?id=hdMAtt5sXk',
      'https://openreview.net/pdf',
      'https://openreview.net/pdf?id=a%22b',
      'https://openreview.net/attachment?id=hdMAtt5sXk&name=supplementary_material',
      'chrome://newtab/',
      'not a url',
      undefined,
    ]) {
      expect(readingOf(url), String(url)).toBeNull();
    }
  });

  it('reads a PDF saved from arXiv and opened from the disk by its file name, as arXiv names it', () => {
    expect(readingOf('file:///home/ada/Downloads/2508.27978v2.pdf')).toEqual({ format: 'pdf', arxivId: '2508.27978', version: 2 });
    expect(readingOf('file:///home/ada/Downloads/2508.27978.pdf')).toEqual({ format: 'pdf', arxivId: '2508.27978' });
    expect(readingOf('file:///C:/Users/ada/Downloads/2401.01234v1%20(1).pdf')).toEqual({ format: 'pdf', arxivId: '2401.01234', version: 1 });
    for (const url of ['file:///home/ada/paper.pdf', 'file:///home/ada/2508.27978v2-notes.pdf', 'file:///home/ada/2013.99999.pdf', 'file:///home/ada/2508.27978v2.txt']) {
      expect(readingOf(url), url).toBeNull();
    }
  });

  it("reads an arXiv paper on the sites readers read arXiv on: ar5iv's HTML, alphaXiv, arXiv's mirror", () => {
    expect(readingOf('https://ar5iv.labs.arxiv.org/html/2508.27978')).toEqual({ format: 'html', arxivId: '2508.27978', host: 'ar5iv.labs.arxiv.org' });
    expect(readingOf('https://ar5iv.org/abs/2508.27978v2')).toEqual({ format: 'html', arxivId: '2508.27978', version: 2, host: 'ar5iv.org' });
    expect(readingOf('https://www.alphaxiv.org/abs/2508.27978')).toEqual({ format: 'page', arxivId: '2508.27978', host: 'alphaxiv.org' });
    expect(readingOf('https://export.arxiv.org/pdf/2508.27978')).toEqual({ format: 'pdf', arxivId: '2508.27978', host: 'export.arxiv.org' });
    for (const url of ['https://www.alphaxiv.org/', 'https://ar5iv.labs.arxiv.org/', 'https://example.arxiv.org/abs/2508.27978']) expect(readingOf(url), url).toBeNull();
  });

  it("reads the DOI a publisher's page or PDF names in its address, and says which it is", () => {
    const cases: [string, string, 'pdf' | 'page', string][] = [
      ['https://dl.acm.org/doi/pdf/10.1145/3580305.3599256', '10.1145/3580305.3599256', 'pdf', 'dl.acm.org'],
      ['https://dl.acm.org/doi/10.1145/3580305.3599256', '10.1145/3580305.3599256', 'page', 'dl.acm.org'],
      ['https://onlinelibrary.wiley.com/doi/epdf/10.1002/anie.202301234', '10.1002/anie.202301234', 'pdf', 'onlinelibrary.wiley.com'],
      ['https://www.tandfonline.com/doi/full/10.1080/01621459.2023.2174123', '10.1080/01621459.2023.2174123', 'page', 'tandfonline.com'],
      ['https://link.springer.com/content/pdf/10.1007/s10994-023-06303-2.pdf', '10.1007/s10994-023-06303-2', 'pdf', 'link.springer.com'],
      ['https://link.springer.com/chapter/10.1007/978-3-031-19775-8_1', '10.1007/978-3-031-19775-8_1', 'page', 'link.springer.com'],
      ['https://journals.aps.org/prl/pdf/10.1103/PhysRevLett.130.123456', '10.1103/physrevlett.130.123456', 'pdf', 'journals.aps.org'],
      ['https://www.biorxiv.org/content/10.1101/2023.01.03.522633v2.full.pdf', '10.1101/2023.01.03.522633', 'pdf', 'biorxiv.org'],
      ['https://www.medrxiv.org/content/10.1101/2022.12.21.22283792v1.full', '10.1101/2022.12.21.22283792', 'page', 'medrxiv.org'],
      ['https://www.frontiersin.org/articles/10.3389/fnins.2023.1123456/full', '10.3389/fnins.2023.1123456', 'page', 'frontiersin.org'],
      ['https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0281234', '10.1371/journal.pone.0281234', 'page', 'journals.plos.org'],
      ['https://doi.org/10.1145/3580305.3599256', '10.1145/3580305.3599256', 'page', 'doi.org'],
      ['https://www.science.org/doi/10.1126/science.adg7879;jsessionid=X', '10.1126/science.adg7879', 'page', 'science.org'],
      ['https://www.nature.com/articles/s41586-023-06291-2.pdf', '10.1038/s41586-023-06291-2', 'pdf', 'nature.com'],
      ['https://pubs.acs.org/doi/10.1021%2Facs.jcim.3c00123', '10.1021/acs.jcim.3c00123', 'page', 'pubs.acs.org'],
    ];
    for (const [url, doi, format, host] of cases) expect(readingOf(url), url).toEqual({ format, doi, host });
    for (const url of [
      'https://dl.acm.org/',
      'https://www.nature.com/nature/volumes/615',
      // Its ids make DOIs for most venues, not all: a DOI made up would be a wrong link.
      'https://aclanthology.org/2023.acl-long.1.pdf',
      'https://aclanthology.org/events/acl-2023/',
      'https://example.org/files/10.12/x',
      'https://citeseerx.ist.psu.edu/document?doi=10.1.1.1.1',
      'http://dl.acm.org/doi/10.1145/3580305.3599256',
      'https://dl.acm.org/doi/%E0%A4%A',
    ]) {
      expect(readingOf(url), url).toBeNull();
    }
  });

  it('asks of any other https page by its address, without its fragment', () => {
    expect(linkReading('https://proceedings.mlr.press/v202/a23a/a23a.pdf#page=2')).toEqual({ format: 'pdf', url: 'https://proceedings.mlr.press/v202/a23a/a23a.pdf', host: 'proceedings.mlr.press' });
    expect(linkReading('https://www.example.org/paper?id=1')).toEqual({ format: 'page', url: 'https://www.example.org/paper?id=1', host: 'example.org' });
    for (const url of ['http://example.org/a.pdf', 'chrome://newtab/', 'file:///tmp/a.pdf', 'nonsense', undefined]) expect(linkReading(url), String(url)).toBeNull();
  });

  it("says on the toolbar icon whether the paper was saved, or how often it was met", () => {
    expect(readingBadge({ savedAt: 5, seenCount: 0 })).toMatchObject({ text: '★' });
    expect(readingBadge({ seenCount: 3 })).toMatchObject({ text: '3×' });
    expect(readingBadge({ seenCount: 12_345 })).toMatchObject({ text: '999×' });
    expect(readingBadge({ seenCount: 0 })).toMatchObject({ text: '' });
    expect(readingBadge(null)).toMatchObject({ text: '' });
  });

  it("refreshes a tab's icon only for a change that may concern its paper", () => {
    const key = 'arxiv:2508.27978';
    expect(readingConcerned(key, { keys: [key] })).toBe(true);
    expect(readingConcerned(key, { keys: ['arxiv:2401.00001'] })).toBe(false);
    expect(readingConcerned(key, { keys: [], all: true })).toBe(true);
    expect(readingConcerned(key, { keys: ['doi:10.1/x'], moved: { [key]: 'doi:10.1/x' } })).toBe(true);
    expect(readingConcerned(key, { keys: [], rematch: [key] })).toBe(true);
    // Not in the library: any paper stored may be it; an event naming none is not.
    expect(readingConcerned(null, { keys: ['arxiv:2401.00001'] })).toBe(true);
    expect(readingConcerned(null, { keys: [] })).toBe(false);
  });
});
