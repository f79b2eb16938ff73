/** Stored rows for export tests: the awkward cases real libraries hold. */
import type { PaperRow } from '../../lib/db';

export function row(over: Partial<PaperRow> & Pick<PaperRow, 'key' | 'title'>): PaperRow {
  return {
    titleKey: '',
    candidateKeys: [],
    words: [],
    authors: [],
    urls: [],
    sites: ['huggingface'],
    seenCount: 1,
    tags: [],
    note: '',
    updatedAt: 1_730_000_000_000,
    ...over,
  };
}

export const SAMPLE: PaperRow[] = [
  row({
    key: 'arxiv:1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
    arxivId: '1706.03762',
    version: 7,
    primaryClass: 'cs.CL',
    year: 2017,
    tags: ['transformers', 'nlp'],
    note: 'Read twice.\n\nSection 3.2 matters.',
    savedAt: 1_731_000_000_000,
    firstSeen: 1_730_000_000_000,
    lastSeen: 1_730_500_000_000,
  }),
  row({
    key: 'arxiv:2401.01234',
    title: 'LLaMA-2 & GPT-4: 50% of $x_1$ costs #1 ~approx^2 {braces} back\\slash',
    authors: ['Jörg Müller', 'Ludwig van Beethoven', 'José García-López', 'DeepMind'],
    arxivId: '2401.01234',
    abstract: 'We show that 100% of {cases} use A & B_1.',
    tags: ['c++', 'q&a'],
  }),
  row({
    key: 'doi:10.1038/s41586-021-03819-2',
    title: 'Highly accurate protein structure prediction with AlphaFold',
    authors: ['John Jumper', 'Augustin Žídek'],
    doi: '10.1038/s41586-021-03819-2',
    year: 2021,
    urls: ['https://www.nature.com/articles/s41586-021-03819-2'],
  }),
  row({ key: 'title:untitled-work', title: 'an untitled work without ids', authors: [] }),
  // Same first author, year and first title word as the first paper: keys must still differ.
  row({
    key: 'arxiv:1706.09999',
    title: 'Attention and more',
    authors: ['Ashish Vaswani'],
    arxivId: '1706.09999',
  }),
];
