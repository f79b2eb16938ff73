/** A readable Markdown list of papers, for notes apps and pasting into a message. */
import type { PaperRow } from '../db';
import { exportDoi, isArxivDoi, paperUrl, paperYear, type ExportPaper } from './common';
import { localDay } from '../dates';
import { outsideMath } from '../tex-math';
import { venueCitation } from '../venue';

/** Backslash-escapes what Markdown would read as markup, so page text stays text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&');
}

const MARKUP_IN_MATH = /[<>`]|\]\(/;

/** A URL fit for `[text](url)`: spaces and parentheses would end it early. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

/** The reader's day, as the badge and the library show it (not UTC's). */
function dateOf(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : localDay(ms);
}

export function toMarkdown(papers: readonly (PaperRow | ExportPaper)[], title = 'Déjà Lu — papers'): string {
  const out = [`# ${escapeMarkdown(title)}`, '', `${papers.length} paper${papers.length === 1 ? '' : 's'}.`, ''];
  for (const p of papers) {
    // A title's TeX math stays math for the editors that render it (GitHub, Obsidian, Jupyter),
    // unless it holds what would make a link, HTML or code where math is not rendered.
    const name = outsideMath(p.title.replace(/\s+/g, ' ').trim(), escapeMarkdown, (m) => !MARKUP_IN_MATH.test(m));
    const url = paperUrl(p);
    out.push(`- **${url ? `[${name}](${linkTarget(url)})` : name}**`);
    // Details as sub-items: they render as separate lines everywhere, unlike soft line breaks.
    const facts: string[] = [];
    if (p.authors.length > 0) {
      const shown = p.authors.slice(0, 8).map(escapeMarkdown).join(', ');
      facts.push(p.authors.length > 8 ? `${shown}, … (${p.authors.length} authors)` : shown);
    }
    const year = paperYear(p);
    if (year !== undefined) facts.push(String(year));
    const venue = venueCitation(p, (name) => `*${escapeMarkdown(name)}*`, escapeMarkdown);
    if (venue) facts.push(venue);
    // arXiv's own citation form: `arXiv:2401.01234 [cs.CL]`.
    if (p.arxivId) facts.push(p.primaryClass ? `arXiv:${p.arxivId} [${p.primaryClass}]` : `arXiv:${p.arxivId}`);
    const doi = exportDoi(p);
    if (doi && !isArxivDoi(doi)) facts.push(`doi:${escapeMarkdown(doi)}`);
    const saved = dateOf(p.savedAt);
    if (saved) facts.push(`saved ${saved}`);
    if (facts.length > 0) out.push(`  - ${facts.join(' · ')}`);
    if (p.tags.length > 0) out.push(`  - Tags: ${p.tags.map((t) => `\`${t.replace(/`/g, "'")}\``).join(', ')}`);
    const note = p.note.trim();
    if (note) {
      out.push('  - Note:');
      // The note is the reader's own writing, often Markdown already: quoted as written.
      for (const line of note.split(/\r?\n/)) out.push(`    > ${line}`.trimEnd());
    }
    out.push('');
  }
  return out.join('\n');
}
