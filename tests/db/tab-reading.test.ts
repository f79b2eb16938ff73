import { describe, expect, it } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { Library } from '../../lib/library';
import { tabReading } from '../../lib/tab-reading';

let n = 0;
const library = () => new Library(new DejaLuDB(`tab-reading-${++n}`));

describe('tabReading: what the popup shows of a tab with no cards', () => {
  // Without the wait's end this test never finishes (vitest's timeout fails it).
  it("reads a page that does not answer by its address alone", async () => {
    const url = 'https://dl.acm.org/doi/10.1145/3580305.3599256';
    const got = await tabReading({ library: library(), url, pageMeta: () => new Promise(() => {}), metaWaitMs: 30 });
    expect(got).toEqual({ statuses: [], reading: { format: 'page', doi: '10.1145/3580305.3599256', host: 'dl.acm.org', paper: null } });
  });

  it('reads the tags of a page that answers in time, and asks nothing of a tab it may not read', async () => {
    const url = 'https://example.org/paper';
    const asked: string[] = [];
    const pageMeta = async () => (asked.push('meta'), { url, pdf: false, tags: [['citation_title', 'A Paper']] });
    expect(await tabReading({ library: library(), url, pageMeta })).toMatchObject({ statuses: [{ status: 'new' }], reading: { format: 'page', card: { title: 'A Paper' }, paper: null } });
    expect(await tabReading({ library: library(), url: undefined, pageMeta })).toEqual({ statuses: [] });
    // An arXiv abstract page with no report: arXiv is turned off, and stays so in the popup.
    expect(await tabReading({ library: library(), url: 'https://arxiv.org/abs/2508.27978', pageMeta })).toEqual({ statuses: [] });
    expect(asked).toEqual(['meta']);
  });
});
