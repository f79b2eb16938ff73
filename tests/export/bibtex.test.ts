import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as referenceParse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { parseBibAuthors, parseBibtex, toBibtex } from '../../lib/export/bibtex';
import { SAMPLE, row } from './papers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'import', name), 'utf8');

/** "First Last" from the reference parser's creator object. */
function nameOf(c: { firstName?: string; lastName?: string; prefix?: string; name?: string }): string {
  return [c.firstName, c.prefix, c.lastName, c.name].filter(Boolean).join(' ');
}

describe('toBibtex', () => {
  it('writes arXiv preprints as @misc with eprint, archivePrefix, doi and url', () => {
    const bib = toBibtex([SAMPLE[0]!]);
    expect(bib).toContain('@misc{vaswani2017attention,');
    expect(bib).toContain('  eprint = {1706.03762},');
    expect(bib).toContain('  archivePrefix = {arXiv},');
    expect(bib).toContain('  doi = {10.48550/arXiv.1706.03762},');
    expect(bib).toContain('  url = {https://arxiv.org/abs/1706.03762},');
    expect(bib).toContain('  keywords = {transformers, nlp},');
    expect(bib).toContain('  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},');
    // The reading note goes to annote (not printed by styles), with its paragraphs.
    expect(bib).toContain('  annote = {Read twice.\n\nSection 3.2 matters.}');
    expect(bib).not.toMatch(/primaryClass/);
  });

  it('writes a paper with a journal DOI as @article', () => {
    const bib = toBibtex([SAMPLE[2]!]);
    expect(bib).toMatch(/^@article\{jumper2021highly,/);
    expect(bib).toContain('doi = {10.1038/s41586-021-03819-2}');
    expect(bib).toContain('url = {https://www.nature.com/articles/s41586-021-03819-2}');
  });

  it('protects capitals with braces and escapes LaTeX specials with balanced braces', () => {
    const bib = toBibtex([SAMPLE[1]!]);
    const title = bib.match(/ {2}title = \{(.*)\},\n/)?.[1];
    expect(title).toBe(
      '{LLaMA-2} \\& {GPT-4:} 50\\% of \\$x\\_1\\$ costs \\#1 \\textasciitilde{}approx\\textasciicircum{}2 \\textbraceleft{}braces\\textbraceright{} back\\textbackslash{}slash',
    );
    expect(bib).toContain('abstract = {We show that 100\\% of \\textbraceleft{}cases\\textbraceright{} use A \\& B\\_1.}');
    expect(bib).toContain('keywords = {c++, q&a}');
    // Every value's braces balance, counting as BibTeX does (escapes included).
    let depth = 0;
    for (const c of bib) {
      if (c === '{') depth++;
      if (c === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('keeps the title’s first capital unprotected and groups runs of capitalised words', () => {
    const bib = toBibtex([row({ key: 'k', title: 'Scaling laws for Neural Language Models' })]);
    expect(bib).toContain('title = {Scaling laws for {Neural Language Models}}');
  });

  it('writes names as "Last, First", particles with the family name, organisations braced', () => {
    const bib = toBibtex([row({ key: 'k', title: 't', authors: ['Ludwig van Beethoven', 'Plato', 'Google and Friends', 'Mary-Jane O’Neil'] })]);
    expect(bib).toContain('author = {van Beethoven, Ludwig and Plato and {Google and Friends} and O’Neil, Mary-Jane}');
  });

  it('gives unique keys, the same ones whatever the input order', () => {
    const keys = (bib: string) => [...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    const forward = keys(toBibtex(SAMPLE));
    expect(new Set(forward).size).toBe(SAMPLE.length);
    expect(forward).toEqual(['vaswani2017attention', 'muller2024llama', 'jumper2021highly', 'anonuntitled', 'vaswani2017attentiona']);
    const backward = keys(toBibtex([...SAMPLE].reverse()));
    expect(backward).toEqual([...forward].reverse());
  });

  it('derives the year from the arXiv id when none is stored', () => {
    expect(toBibtex([SAMPLE[1]!])).toContain('year = {2024}');
    expect(toBibtex([row({ key: 'k', title: 'Old', arxivId: 'hep-th/9901001' })])).toContain('year = {1999}');
  });

  it('round-trips through an independent BibTeX parser', () => {
    const bib = toBibtex(SAMPLE);
    const parsed = referenceParse(bib);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(SAMPLE.length);
    expect(new Set(parsed.entries.map((e) => e.key)).size).toBe(SAMPLE.length);
    parsed.entries.forEach((e, i) => {
      const p = SAMPLE[i]!;
      expect(e.fields.title).toBe(p.title);
      expect(((e.fields.author ?? []) as { firstName?: string; lastName?: string }[]).map(nameOf)).toEqual(p.authors);
      if (p.arxivId) expect(e.fields.eprint).toBe(p.arxivId);
      // The reference parser sorts keywords.
      expect(e.fields.keywords ?? []).toEqual([...p.tags].sort());
      if (p.abstract) expect(e.fields.abstract).toBe(p.abstract);
    });
  });

  it('round-trips through our own parser', () => {
    const back = parseBibtex(toBibtex(SAMPLE));
    expect(back.map((p) => p.title)).toEqual(SAMPLE.map((p) => p.title));
    expect(back.map((p) => p.authors)).toEqual(SAMPLE.map((p) => p.authors));
    expect(back.map((p) => p.arxivId)).toEqual(SAMPLE.map((p) => p.arxivId));
    expect(back.map((p) => p.tags)).toEqual(SAMPLE.map((p) => p.tags));
    expect(back[0]?.note).toBe(SAMPLE[0]?.note);
    expect(back[2]?.doi).toBe('10.1038/s41586-021-03819-2');
  });

  it('writes a reading note that comes back as written: line breaks, indentation, runs of spaces, hyphens, tildes', () => {
    const note = 'Key points:\n  - sparse   attention -- weaker\n\t- see ~Table 2 --- or 3\n\n\n\nlast';
    const p = row({ key: 'k', title: 'Dashes -- in a Title', abstract: 'An abstract -- with --- dashes.', note });
    const bib = toBibtex([p]);
    expect(bib).toContain('  annote = {Key points:\n  - sparse   attention -{}- weaker\n');
    expect(parseBibtex(bib)[0]).toMatchObject({ title: p.title, abstract: p.abstract, note });
    // An independent reader (Better BibTeX's) reads the hyphens as hyphens too.
    const fields = referenceParse(bib).entries[0]!.fields;
    expect(fields.title).toBe(p.title);
    expect(fields.abstract).toBe(p.abstract);
    expect(fields.annote).toContain('attention -- weaker');
    expect(fields.annote).toContain('~Table 2 --- or 3');
  });

  it('writes nothing for no papers', () => {
    expect(toBibtex([])).toBe('');
  });
});

describe('parseBibtex on Zotero exports', () => {
  it('reads arXiv preprints: ids from doi, url, note and eprint; keywords as tags; notes', () => {
    const papers = parseBibtex(fixture('zotero-preprints.bib'));
    expect(papers.map((p) => p.arxivId)).toEqual(['1706.03762', '2302.13971', '2401.01234', '2203.04567', '2104.05678']);
    const [attention, llama, muller, sparse, tiny] = papers;
    expect(attention).toMatchObject({
      title: 'Attention Is All You Need',
      year: 2017,
      url: 'http://arxiv.org/abs/1706.03762',
      tags: ['computer-science---computation-and-language', 'computer-science---machine-learning'],
      // Zotero's "arXiv:… [cs]" note is an id, not a note; the annote is kept.
      note: 'Comment: 15 pages, 5 figures',
    });
    // arXiv's own DOI names the preprint, not a journal version: it gave the id, and is no DOI.
    expect(attention?.doi).toBeUndefined();
    expect(attention?.authors.slice(0, 6)).toEqual([
      'Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez',
    ]);
    expect(llama?.title).toBe('LLaMA: Open and Efficient Foundation Language Models');
    expect(llama?.authors).toContain('Timothée Lacroix');
    expect(muller).toMatchObject({
      title: 'Über die Stabilität von Diffusionsmodellen: 50% weniger Schritte & mehr',
      authors: ['Jörg Müller', 'José García-López', 'Ludwig van Beethoven', 'Ondřej Škoda', 'Google DeepMind'],
      version: 2,
      tags: ['diffusion', 'my-reading-list'],
      // The reading note as the file has it, indentation included (see the round trips below).
      note: 'Very relevant to the\n\t  second chapter.\n\n\tCheck the appendix.',
    });
    expect(sparse?.note).toBeUndefined();
    expect(tiny).toMatchObject({ arxivId: '2104.05678', version: 3, authors: ['Min-Jun Lee'] });
  });

  it('reads journal articles, @string macros, # concatenation, quotes, parentheses and biblatex fields', () => {
    const papers = parseBibtex(fixture('zotero-journal.bib'));
    expect(papers).toHaveLength(4);
    const [alphafold, gpt3, resnet, clip] = papers;
    expect(alphafold).toMatchObject({
      title: 'Highly accurate protein structure prediction with AlphaFold',
      doi: '10.1038/s41586-021-03819-2',
      year: 2021,
      tags: ['computational-biophysics', 'protein-structure-predictions', 'structural-biology'],
    });
    expect(alphafold?.arxivId).toBeUndefined();
    expect(alphafold?.authors).toContain('Augustin Žídek');
    expect(gpt3).toMatchObject({ title: 'Language Models are Few-Shot Learners', arxivId: '2005.14165', year: 2020 });
    expect(gpt3?.authors).toEqual(['Tom Brown', 'Benjamin Mann', 'Nick Ryder']);
    expect(resnet).toMatchObject({ doi: '10.1109/cvpr.2016.90', year: 2016 });
    expect(clip).toMatchObject({ arxivId: '2103.00020', year: 2021, tags: ['clip', 'vision-language'] });
    // "and others" is BibTeX for et al., not an author.
    expect(clip?.authors).toEqual(['Alec Radford', 'Jong Wook Kim']);
  });

  it('splits author lists only at top-level "and"', () => {
    expect(parseBibAuthors('{Barnes and Noble, Inc.} and Doe, J. and van der Berg, Jr, Jan')).toEqual([
      'Barnes and Noble, Inc.',
      'J. Doe',
      'Jan van der Berg Jr',
    ]);
  });

  it('skips entries without a title', () => {
    const papers = parseBibtex('@misc{a, author = {X, Y}}\n@misc{b, title = {Kept}}');
    expect(papers.map((p) => p.title)).toEqual(['Kept']);
  });
});

describe('parseBibtex on broken input', () => {
  const error = (text: string) => {
    try {
      parseBibtex(text);
    } catch (err) {
      return (err as Error).message;
    }
    return 'no error';
  };

  it('names the entry and line where braces do not balance', () => {
    const text = '@misc{good, title = {Fine}}\n\n@misc{broken,\n  title = {Unclosed {group},\n  year = {2020}\n}\n';
    // The stray brace swallows the rest of the entry, so the entry is what never closes.
    expect(error(text)).toBe('BibTeX error on line 3: unbalanced braces: entry "broken" starting on line 3 is never closed.');
    expect(error('@misc{a, title = {x}}\n@misc{b,\n  title = {never closed\n')).toBe(
      'BibTeX error on line 3: unbalanced braces: field "title" of entry "b" starting on line 2 is never closed.',
    );
  });

  it('reports a truncated file', () => {
    expect(error('@misc{cut, title = {Cut off}, author = {Doe, J')).toMatch(/unbalanced braces.*"cut"/);
    expect(error('@misc{cut, title = {Cut off},')).toMatch(/unbalanced braces: entry "cut" starting on line 1 is never closed/);
  });

  it('reports a missing "="', () => {
    expect(error('@misc{k, title {x}}')).toMatch(/expected "=" after field "title" in entry "k"/);
  });

  it('says so for empty files and files with no entries', () => {
    expect(error('')).toBe('The file is empty.');
    expect(error('just some words\nand more, mail me at a@b.org')).toMatch(/No BibTeX entries found/);
    expect(error('@misc{a, year = 2020}')).toMatch(/None of the 1 BibTeX entries has a title/);
  });
});
