/** CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and a guard against formula injection. */
import type { PaperRow } from '../db';
import { exportDoi, paperUrl, paperYear, type ExportPaper } from './common';

export const CSV_COLUMNS = [
  'title', 'authors', 'year', 'arxiv_id', 'version', 'doi', 'url', 'tags', 'note', 'saved_at', 'first_seen',
  'last_seen', 'seen_count', 'abstract', 'key', 'arxiv_class', 'journal', 'proceedings', 'volume', 'issue', 'pages',
] as const;

/**
 * One cell. Text starting with = + - @ (or a tab or CR, which some spreadsheets skip before
 * reading a formula) gets a leading `'`, so a crafted title cannot run as a formula
 * (OWASP "CSV injection"). Quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let v = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** U+FEFF, which UTF-8 writes as EF BB BF. */
export const BOM = '\uFEFF';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * The CSV file. It starts with a byte order mark: Excel on Windows reads a CSV opened by
 * double-click in the ANSI code page unless it finds one ("JÃ¶rg" for "Jörg"); LibreOffice,
 * Numbers, Google Sheets and Python's `utf-8-sig` read and drop it.
 */
export function toCsv(papers: readonly (PaperRow | ExportPaper)[]): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const p of papers) {
    const cells: (string | number | undefined)[] = [
      p.title,
      p.authors.join('; '),
      paperYear(p),
      // As arXiv writes ids to cite: bare, "2410.10010" is a number to Excel, Google Sheets, pandas
      // and R alike, which read it as 2410.1001.
      p.arxivId && `arXiv:${p.arxivId}`,
      p.version,
      exportDoi(p),
      paperUrl(p),
      p.tags.join('; '),
      p.note || undefined,
      iso(p.savedAt),
      iso(p.firstSeen),
      iso(p.lastSeen),
      p.seenCount,
      p.abstract,
      p.key,
      // Last, so sheets that read the columns by position before they were added read them still.
      p.primaryClass,
      p.journal,
      p.proceedings,
      p.volume,
      p.issue,
      p.pages,
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return BOM + rows.join('\r\n') + '\r\n';
}
