import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as referenceParse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import type { PaperRow } from '../../lib/db';
import { citationBibtex, parseBibAuthors, parseBibtex, toBibtex } from '../../lib/export/bibtex';
import { toCslItems } from '../../lib/export/csl-json';
import { decodeLatex } from '../../lib/export/latex';
import { mulberry32 } from '../seeded';
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
    expect(bib).toContain('  primaryClass = {cs.CL},');
    // Only where the class is known: the other arXiv paper has none.
    expect(toBibtex([SAMPLE[1]!])).not.toMatch(/primaryClass/);
  });

  it('writes a journal article as @article with its journal; the name alone makes one', () => {
    const bib = toBibtex([{ ...SAMPLE[2]!, journal: 'Nature & Co' }]);
    expect(bib).toMatch(/^@article\{jumper2021highly,/);
    expect(bib).toContain('  journal = {Nature \\& Co},');
    const noDoi = toBibtex([{ ...SAMPLE[1]!, doi: undefined, journal: 'Journal of Widgets' }]);
    expect(noDoi).toMatch(/^@article\{/);
    expect(noDoi).toContain('  journal = {Journal of Widgets},');
    expect(toBibtex([SAMPLE[1]!])).not.toMatch(/journal/);
  });

  it("writes a conference paper as @inproceedings with its booktitle, and a venue's volume, issue and pages", () => {
    const conf = toBibtex([{ ...SAMPLE[1]!, proceedings: 'Advances in Neural Information Processing Systems 33', pages: '1877–1901' }]);
    expect(conf).toMatch(/^@inproceedings\{/);
    expect(conf).toContain('  booktitle = {Advances in Neural Information Processing Systems 33},');
    expect(conf).toContain('  pages = {1877--1901},');
    // A conference paper is cited by its proceedings, not as an arXiv preprint: the eprint stays.
    expect(conf).toContain('  eprint = {');
    const article = toBibtex([{ ...SAMPLE[2]!, journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' }]);
    expect(article).toMatch(/^@article\{/);
    expect(article).toContain('  journal = {Nature},\n  volume = {596},\n  number = {7873},\n  pages = {583--589},');
    expect(toBibtex([{ ...SAMPLE[2]!, journal: 'J', volume: '1_2' }])).toContain('  volume = {1\\_2},');
  });

  it("reads a venue's numbers only with its name, an issue only for a journal, a booktitle only for a conference paper", () => {
    const [dblp, conf, chapter, article] = parseBibtex(`
      @article{dblp, title = {T1}, journal = {CoRR}, volume = {abs/2401.01234}, year = {2024}}
      @inproceedings{c, title = {T2}, booktitle = {Proceedings of ICML}, volume = {202}, number = {3}, series = {PMLR}, pages = {10--20}}
      @incollection{ch, title = {T3}, booktitle = {A Book of Chapters}, pages = {1--9}}
      @article{a, title = {T4}, journal = {Neural Computation}, volume = {9}, number = {8}, pages = {1735 -- 1780}}
    `);
    expect(dblp).not.toHaveProperty('volume');
    expect(conf).toMatchObject({ proceedings: 'Proceedings of ICML', volume: '202', pages: '10–20' });
    expect(conf).not.toHaveProperty('issue');
    expect(chapter).not.toHaveProperty('proceedings');
    expect(chapter).not.toHaveProperty('pages');
    expect(article).toMatchObject({ journal: 'Neural Computation', volume: '9', issue: '8', pages: '1735–1780' });
    // A biblatex issue field.
    expect(parseBibtex('@article{b, title = {T}, journaltitle = {J}, issue = {4}}')[0]).toMatchObject({ journal: 'J', issue: '4' });
  });

  it('a venue goes out and comes back the same', () => {
    const venues = [
      { journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' },
      { proceedings: 'Findings of the Association for Computational Linguistics: EMNLP 2023', volume: '1', pages: 'S1–S10' },
    ];
    for (const v of venues) {
      const back = parseBibtex(toBibtex([{ ...SAMPLE[2]!, doi: undefined, ...v }]))[0];
      expect(back).toMatchObject(v);
    }
  });

  it("cites one paper for a manuscript: the library's key for it, none of the reader's own notes or tags, no abstract", () => {
    const p = { ...SAMPLE[0]!, journal: 'Neural Computation', volume: '9', pages: '1735–1780' };
    const bib = citationBibtex([p]);
    expect(bib).toMatch(/^@article\{vaswani2017attention,/);
    expect(bib).toContain('  journal = {Neural Computation},');
    expect(bib).toContain('  pages = {1735--1780},');
    expect(bib).not.toMatch(/annote|keywords|abstract/);
    // A namesake the library cites first keeps the plain key; this one's is the library's own.
    const namesake = { key: 'arxiv:1706.00001', title: 'Attention everywhere', authors: ['Ashish Vaswani'], arxivId: '1706.00001', year: 2017, savedAt: 1 };
    expect(citationBibtex([{ ...p, savedAt: 2 }], [namesake, { ...p, savedAt: 2 }])).toMatch(/^@article\{vaswani2017attention-1706\.03762,/);
  });

  it('reads no journal from a preprint server: arXiv, CoRR', () => {
    const read = (journal: string) => parseBibtex(`@article{x, title = {T}, journal = {${journal}}}`)[0]?.journal;
    expect(read('arXiv preprint arXiv:2005.14165')).toBeUndefined();
    expect(read('CoRR')).toBeUndefined();
    expect(read('ArXiv')).toBeUndefined();
    expect(read('{IEEE} Transactions on   Pattern Analysis')).toBe('IEEE Transactions on Pattern Analysis');
    expect(parseBibtex('@article{x, title = {T}, journaltitle = {Nature}}')[0]?.journal).toBe('Nature');
  });

  it('writes a paper with a journal DOI as @article', () => {
    const bib = toBibtex([SAMPLE[2]!]);
    expect(bib).toMatch(/^@article\{jumper2021highly,/);
    expect(bib).toContain('doi = {10.1038/s41586-021-03819-2}');
    expect(bib).toContain('url = {https://www.nature.com/articles/s41586-021-03819-2}');
  });

  it("links a paper's own page before Scholar's page of it, and a DOI before Scholar's page", () => {
    const scholar = 'https://scholar.google.com/citations?view_op=view_citation&hl=en&user=u&citation_for_view=u:w';
    const forum = 'https://openreview.net/forum?id=hdMAtt5sXk';
    const url = (over: Partial<PaperRow>) => /url = \{([^}]*)\}/.exec(toBibtex([row({ key: 't:x', title: 'T', ...over })]))?.[1];
    expect(url({ urls: [scholar, forum] })).toBe(forum);
    expect(url({ urls: [scholar], doi: '10.1038/s41586-021-03819-2' })).toBe('https://doi.org/10.1038/s41586-021-03819-2');
    // Scholar's page is still better than no link at all.
    expect(url({ urls: [scholar] })).toBe(scholar);
    expect(url({ urls: ['https://scholar.google.de/citations?view_op=view_citation&user=u', 'https://example.org/paper'] })).toBe('https://example.org/paper');
  });

  it('protects capitals with braces and escapes LaTeX specials with balanced braces', () => {
    const bib = toBibtex([SAMPLE[1]!]);
    const title = bib.match(/ {2}title = \{(.*)\},\n/)?.[1];
    expect(title).toBe(
      // `$x_1$` is TeX math, kept as math (braced, so no style lowers it): LaTeX prints x₁.
      '{LLaMA-2} \\& {GPT-4:} 50\\% of {$x_1$} costs \\#1 \\textasciitilde{}approx\\textasciicircum{}2 \\textbraceleft{}braces\\textbraceright{} back\\textbackslash{}slash',
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

  it('braces organisations named by their last word (Qwen Team, Meta AI), not people called Ai', () => {
    const bib = toBibtex([row({ key: 'k', title: 'Qwen3 Technical Report', year: 2025, authors: ['Qwen Team', 'Meta AI', 'Google Research', 'Qing Ai', 'Kimi  Team'] })]);
    expect(bib).toContain('author = {{Qwen Team} and {Meta AI} and {Google Research} and Ai, Qing and {Kimi Team}}');
    // Citation keys are as they were (\cite commands written before keep working).
    expect(bib).toMatch(/^@misc\{team2025qwen3,/m);
  });

  it('gives unique keys, the same ones whatever the input order', () => {
    const keys = (bib: string) => [...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]);
    const forward = keys(toBibtex(SAMPLE));
    expect(new Set(forward).size).toBe(SAMPLE.length);
    expect(forward).toEqual(['vaswani2017attention', 'muller2024llama', 'jumper2021highly', 'anonuntitled', 'vaswani2017attention-1706.09999']);
    const backward = keys(toBibtex([...SAMPLE].reverse()));
    expect(backward).toEqual([...forward].reverse());
  });

  it('keeps the reference parser reading protected titles back as written, and their math as math', () => {
    // (Not a title protected whole: that parser sentence-cases a value wrapped in one group.)
    const titles = ['3D Gaussian Splatting for Real-Time Radiance Field Rendering', 'The complexity of #CSP with few variables', '"Quoted" start'];
    const math = ['Attention in $O(N)$ Time', '$O(N)$ attention', '$\\alpha$-Divergence for Sorting'];
    const parsed = referenceParse(toBibtex([...titles, ...math].map((title, i) => row({ key: `k${i}`, title, authors: ['A B'] }))));
    expect(parsed.errors).toEqual([]);
    // Better BibTeX's parser renders TeX math, as it does in arXiv's own BibTeX.
    expect(parsed.entries.map((e) => e.fields.title)).toEqual([...titles, 'Attention in O(N) Time', 'O(N) attention', 'α-Divergence for Sorting']);
  });

  it('writes TeX math in titles and abstracts as math, and reads it back as written', () => {
    const title = '$\\alpha$-Divergence for $O(n \\log n)$ Sorting: from $5 to $10';
    const abstract = 'We bound $\\{x_i\\}$ by $$\\sum_i a--b$$ at 100% cost $3.';
    const bib = toBibtex([row({ key: 'k', title, abstract, authors: ['A B'] })]);
    expect(bib).toContain('title = {{$\\alpha$-Divergence} for {$O(n \\log n)$ Sorting:} from \\$5 to \\$10}');
    expect(bib).toContain('abstract = {We bound $\\{x_i\\}$ by $$\\sum_i a--b$$ at 100\\% cost \\$3.}');
    expect(parseBibtex(bib)[0]).toMatchObject({ title, abstract });
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
      // That parser renders TeX math (`$x_1$` → x₁) in a no-case span.
      expect(e.fields.title).toBe(p.title.replace('$x_1$', '<span class="nocase">x₁</span>'));
      expect(((e.fields.author ?? []) as { firstName?: string; lastName?: string }[]).map(nameOf)).toEqual(p.authors);
      if (p.arxivId) expect(e.fields.eprint).toBe(p.arxivId);
      // The reference parser sorts keywords.
      expect(e.fields.keywords ?? []).toEqual([...p.tags].sort());
      if (p.abstract) expect(e.fields.abstract).toBe(p.abstract);
    });
  });

  it('reads arXiv’s primary class back (primaryClass, or biblatex’s eprintclass), only beside an arXiv id', () => {
    expect(parseBibtex(toBibtex([SAMPLE[0]!]))[0]?.primaryClass).toBe('cs.CL');
    const [biblatex, bad, noId] = parseBibtex(`
@online{a, title = {A}, eprint = {2401.01234}, eprinttype = {arxiv}, eprintclass = {hep-th}}
@misc{b, title = {B}, eprint = {2401.01235}, archivePrefix = {arXiv}, primaryClass = {not a class}}
@article{c, title = {C}, doi = {10.1/x}, primaryClass = {cs.LG}}
`);
    expect(biblatex).toMatchObject({ arxivId: '2401.01234', primaryClass: 'hep-th' });
    expect(bad?.arxivId).toBe('2401.01235');
    expect(bad?.primaryClass).toBeUndefined();
    expect(noId?.primaryClass).toBeUndefined();
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

/**
 * BibTeX styles sentence-case titles with change.case$ "t" (plain, abbrv, IEEEtran, ACL, …). That
 * keeps only the string's first character, characters right after ": ", and text in braces, except
 * a "special character": a group at brace depth 1 that starts with a backslash, whose letters are
 * converted (bibtex.web, change.case$). This emulates change.case$ "t" (enough of it for titles).
 */
function changeCaseT(s: string): string {
  let out = '';
  let depth = 0;
  let prevColon = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '{') {
      depth++;
      if (depth === 1 && s[i + 1] === '\\') {
        const keep = i === 0 || (prevColon && /\s/.test(s[i - 1] ?? ''));
        // A special character: control-sequence names copied, the rest converted, to its closing brace.
        let j = i + 1;
        let d = 1;
        let body = '';
        while (j < s.length && d > 0) {
          if (s[j] === '\\' && /[A-Za-z]/.test(s[j + 1] ?? '')) {
            let k = j + 1;
            while (k < s.length && /[A-Za-z]/.test(s[k]!)) k++;
            body += s.slice(j, k);
            j = k;
            continue;
          }
          if (s[j] === '\\') {
            body += s.slice(j, j + 2);
            j += 2;
            continue;
          }
          if (s[j] === '{') d++;
          else if (s[j] === '}') d--;
          body += keep ? s[j] : s[j]!.toLowerCase();
          j++;
        }
        out += '{' + body;
        depth = 0;
        i = j - 1;
        prevColon = false;
        continue;
      }
      out += c;
      continue;
    }
    if (c === '}') {
      depth--;
      out += c;
      continue;
    }
    if (depth > 0) {
      out += c;
      continue;
    }
    if (c === ':') {
      prevColon = true;
      out += c;
      continue;
    }
    const keep = i === 0 || (prevColon && /\s/.test(s[i - 1] ?? ''));
    out += keep ? c : c.toLowerCase();
    if (!/\s/.test(c)) prevColon = false;
  }
  return out;
}

describe('titles under a sentence-case BibTeX style (change.case$ "t")', () => {
  const titleOf = (bib: string) => bib.match(/ {2}title = \{(.*)\},\n/)![1]!;
  const typeset = (title: string) => decodeLatex(changeCaseT(titleOf(toBibtex([row({ key: 'k', title, authors: ['A B'] })]))));

  it('emulator sanity: plain words are lowered, protected ones kept, a special character converted', () => {
    expect(changeCaseT('Attention Is {All} You Need')).toBe('Attention is {All} you need');
    expect(changeCaseT('A {\\#CSP} B')).toBe('A {\\#csp} b');
  });

  it.each([
    ['3D Gaussian Splatting for Real-Time Radiance Field Rendering'],
    ['4D Gaussians at Scale'],
    ['2D-to-3D Lifting'],
    ['"Quoted" Start of a Title'],
    ['(Almost) Everything You Need'],
  ])('keeps the capitals of the first word after its first character: %s', (title) => {
    expect(typeset(title)).toBe(title);
  });

  it('keeps "3D-aware" as written', () => {
    expect(typeset('3D-aware Image Generation')).toContain('3D-aware');
  });

  it.each([
    ['The complexity of #CSP with few variables', '#CSP'],
    ['Attention in $O(N)$ Time', '$O(N)$'],
    ['$O(N)$ Attention', '$O(N)$'],
    ['Parsing {JSON} Fast', '{JSON}'],
    ['The _Private Field', '_Private'],
  ])('keeps capitals in a protected run that starts with an escaped character: %s', (title, kept) => {
    expect(typeset(title)).toContain(kept);
  });

  it('leaves the title’s first capital and lower-case words unprotected, for the style to case', () => {
    expect(titleOf(toBibtex([row({ key: 'k', title: 'Scaling laws for transformers', authors: ['A B'] })]))).toBe('Scaling laws for transformers');
    expect(typeset('Scaling laws for BERT')).toBe('Scaling laws for BERT');
  });
});

describe('citation keys', () => {
  const keysOf = (bib: string) => [...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!);
  const DAY = 86_400_000;
  /** Namesakes: first author Zhang, 2024, first title word "scaling"; seen on days 1, 2, …. */
  const zhang = (n: number, over: Partial<Parameters<typeof row>[0]> = {}) =>
    row({
      key: `arxiv:2402.${String(90_000 - n).padStart(5, '0')}`,
      arxivId: `2402.${String(90_000 - n).padStart(5, '0')}`,
      title: `Scaling study number ${n}`,
      authors: [`Wei${n} Zhang`],
      year: 2024,
      firstSeen: 1_730_000_000_000 + n * DAY,
      ...over,
    });

  const doiOnly = ({ arxivId: _a, ...rest }: PaperRow): PaperRow => rest;

  it('a paper keeps its key when a namesake is saved later, whatever their stored keys (\\cite keeps working)', () => {
    const mine = row({ key: 'arxiv:2402.00002', arxivId: '2402.00002', title: 'Scaling laws revisited', authors: ['Wei Zhang'], firstSeen: 1_730_000_000_000, savedAt: 1_731_000_000_000 });
    expect(keysOf(toBibtex([mine]))).toEqual(['zhang2024scaling']);
    // Another Zhang, same year, same first word, whose stored key sorts first, saved later.
    const other = row({ key: 'arxiv:2401.00001', arxivId: '2401.00001', title: 'Scaling vision models', authors: ['Lei Zhang'], savedAt: 1_732_000_000_000 });
    expect(keysOf(toBibtex([mine, other]))).toEqual(['zhang2024scaling', 'zhang2024scaling-2401.00001']);
    expect(keysOf(toBibtex([other, mine]))).toEqual(['zhang2024scaling-2401.00001', 'zhang2024scaling']);
    // CSL-JSON cites by the same keys.
    expect(toCslItems([mine, other]).map((it) => it['citation-key'])).toEqual(['zhang2024scaling', 'zhang2024scaling-2401.00001']);
  });

  it('the earliest of firstSeen and savedAt decides, then the stored key', () => {
    const a = zhang(5, { key: 'title:b', firstSeen: 500, savedAt: 100 });
    const b = zhang(1, { key: 'title:a', firstSeen: 200 });
    expect(keysOf(toBibtex([b, a]))[1]).toBe('zhang2024scaling');
    const { firstSeen: _f1, ...c } = zhang(1, { key: 'title:c' });
    const { firstSeen: _f2, ...d } = zhang(2, { key: 'title:d' });
    expect(keysOf(toBibtex([d, c]))[1]).toBe('zhang2024scaling');
  });

  it('adding later papers never changes an earlier paper’s key', () => {
    // Every third one known by its DOI only (a hashed suffix), the rest by arXiv id.
    const papers = Array.from({ length: 30 }, (_, n) => (n % 3 === 0 ? doiOnly(zhang(n, { key: `doi:10.1000/z.${n}` })) : zhang(n)));
    const all = keysOf(toBibtex(papers));
    expect(new Set(all).size).toBe(papers.length);
    for (let n = 1; n <= papers.length; n++) expect(keysOf(toBibtex(papers.slice(0, n)))).toEqual(all.slice(0, n));
  });

  it('a selection holding the first namesake gives each paper its whole-library key', () => {
    const papers = Array.from({ length: 12 }, (_, n) => zhang(n));
    const all = keysOf(toBibtex(papers));
    const rnd = mulberry32(7);
    for (let t = 0; t < 20; t++) {
      const chosen = [0, ...papers.map((_, i) => i).filter((i) => i > 0 && rnd() < 0.4)];
      const shuffled = [...chosen].sort(() => rnd() - 0.5);
      expect(keysOf(toBibtex(shuffled.map((i) => papers[i]!)))).toEqual(shuffled.map((i) => all[i]));
    }
  });

  it('any selection, told of the library, gives each paper its whole-library key, in BibTeX and CSL-JSON', () => {
    // Namesakes known by arXiv id or DOI alone, and papers with other bases around them.
    const papers = [
      ...Array.from({ length: 12 }, (_, n) => (n % 4 === 0 ? doiOnly(zhang(n, { key: `doi:10.1000/z.${n}` })) : zhang(n))),
      row({ key: 'arxiv:2402.11111', arxivId: '2402.11111', title: 'Scaling again', authors: ['Wei Zhang'], year: 2023 }),
      row({ key: 'arxiv:2402.22222', arxivId: '2402.22222', title: 'Other things', authors: ['Wei Zhang'], year: 2024 }),
    ];
    const all = keysOf(toBibtex(papers));
    const rnd = mulberry32(11);
    for (let t = 0; t < 30; t++) {
      // Never the first namesake (index 0) in half the trials: it is the case a selection alone gets wrong.
      const chosen = papers.map((_, i) => i).filter((i) => (t % 2 === 0 ? i > 0 : true) && rnd() < 0.35);
      const shuffled = [...chosen].sort(() => rnd() - 0.5);
      const selection = shuffled.map((i) => papers[i]!);
      expect(keysOf(toBibtex(selection, papers))).toEqual(shuffled.map((i) => all[i]));
      expect(toCslItems(selection, papers).map((it) => it['citation-key'])).toEqual(shuffled.map((i) => all[i]));
    }
    // Alone, a later namesake takes the base, which names another paper in the library's file.
    expect(keysOf(toBibtex([papers[1]!]))).toEqual(['zhang2024scaling']);
    expect(keysOf(toBibtex([papers[1]!], papers))).toEqual([all[1]]);
    expect(all[1]).not.toBe('zhang2024scaling');
  });

  it('suffixes come from the paper: its arXiv id, else a hash of its stored key; keys stay unique and BibTeX-safe', () => {
    const old = zhang(2, { key: 'arxiv:math/0601001', arxivId: 'math.AG/0601001' });
    const byDoi = doiOnly(zhang(3, { key: 'doi:10.1000/xyz' }));
    // A stored duplicate (same arXiv id) still gets a key of its own.
    const twin = zhang(4, { key: 'arxiv:dup', arxivId: old.arxivId });
    const keys = keysOf(toBibtex([zhang(1), old, byDoi, twin]));
    expect(keys[0]).toBe('zhang2024scaling');
    expect(keys[1]).toBe('zhang2024scaling-math.ag-0601001');
    expect(keys[2]).toMatch(/^zhang2024scaling-[a-z0-9]{1,7}$/);
    expect(keysOf(toBibtex([byDoi]))[0]).toBe('zhang2024scaling');
    expect(keysOf(toBibtex([zhang(0), byDoi]))[1]).toBe(keys[2]);
    expect(keys[3]).toBe('zhang2024scaling-math.ag-0601001a');
    expect(new Set(keys).size).toBe(4);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    const parsed = referenceParse(toBibtex([zhang(1), old, byDoi, twin]));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.key)).toEqual(keys);
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
    expect(alphafold?.journal).toBe('Nature');
    expect(alphafold?.authors).toContain('Augustin Žídek');
    expect(gpt3).toMatchObject({ title: 'Language Models are Few-Shot Learners', arxivId: '2005.14165', year: 2020 });
    expect(gpt3?.authors).toEqual(['Tom Brown', 'Benjamin Mann', 'Nick Ryder']);
    // Google Scholar's "arXiv preprint arXiv:…" names the preprint, not a journal.
    expect(gpt3?.journal).toBeUndefined();
    // Its booktitle (an @string and a # concatenation) is the conference it appeared at.
    expect(gpt3).toMatchObject({ proceedings: 'Advances in Neural Information Processing Systems 33', pages: '1877–1901' });
    expect(alphafold).toMatchObject({ volume: '596', issue: '7873', pages: '583–589' });
    expect(resnet).toMatchObject({ doi: '10.1109/cvpr.2016.90', year: 2016, journal: 'Proceedings of CVPR' });
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
