import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, toCsv } from '../../lib/export/csv';
import { SAMPLE, row } from './papers';

/** A small RFC 4180 reader, to check what a spreadsheet would see (which drops a leading BOM). */
function readCsv(file: string): string[][] {
  const text = file.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let cell = '';
  let cells: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      rows.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });
});

describe('toCsv', () => {
  it('has a header row, CRLF rows and one row per paper that reads back', () => {
    const text = toCsv(SAMPLE);
    expect(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = readCsv(text);
    expect(rows).toHaveLength(SAMPLE.length + 1);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows[1]?.[col('title')]).toBe('Attention Is All You Need');
    expect(rows[1]?.[col('note')]).toBe('Read twice.\n\nSection 3.2 matters.');
    expect(rows[1]?.[col('tags')]).toBe('transformers; nlp');
    expect(rows[1]?.[col('saved_at')]).toBe(new Date(1_731_000_000_000).toISOString());
    // Added last, so a sheet reading the earlier columns by position still reads them.
    expect(CSV_COLUMNS.slice(-7)).toEqual(['key', 'arxiv_class', 'journal', 'proceedings', 'volume', 'issue', 'pages']);
    expect(rows[1]?.[col('arxiv_class')]).toBe('cs.CL');
    expect(rows[2]?.[col('arxiv_class')]).toBe('');
    expect(rows[1]?.[col('journal')]).toBe('');
    expect(readCsv(toCsv([{ ...SAMPLE[2]!, journal: 'Nature' }]))[1]?.[col('journal')]).toBe('Nature');
    const venue = readCsv(toCsv([{ ...SAMPLE[2]!, proceedings: 'ICML', volume: '202', issue: '3', pages: '10–20' }]))[1];
    expect((['proceedings', 'volume', 'issue', 'pages'] as const).map((c) => venue?.[col(c)])).toEqual(['ICML', '202', '3', '10–20']);
    expect(rows[2]?.[col('authors')]).toBe('Jörg Müller; Ludwig van Beethoven; José García-López; DeepMind');
  });

  it('starts with a UTF-8 byte order mark, so Excel on Windows reads "Jörg Müller", not "JÃ¶rg MÃ¼ller"', () => {
    const csv = toCsv([row({ key: 'k', title: 'Déjà vu', authors: ['Jörg Müller'] })]);
    // Without it, Excel opening the file by double-click decodes it in the ANSI code page.
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.indexOf('\uFEFF', 1)).toBe(-1);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(csv)[0]?.[0]).toBe('title');
    expect(readCsv(csv)[1]?.[1]).toBe('Jörg Müller');
    expect(toCsv([])).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes arXiv ids as arXiv cites them, so no spreadsheet reads 2410.10010 as the number 2410.1001', () => {
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const rows = readCsv(toCsv([row({ key: 'arxiv:2410.10010', title: 'T', arxivId: '2410.10010' }), row({ key: 'arxiv:hep-th/9901001', title: 'U', arxivId: 'hep-th/9901001' }), row({ key: 'doi:10.1/x', title: 'V' })]));
    expect(rows.slice(1).map((r) => r[col('arxiv_id')])).toEqual(['arXiv:2410.10010', 'arXiv:hep-th/9901001', '']);
    // What a sheet would infer: text, not a number.
    expect(rows.slice(1).every((r) => Number.isNaN(Number(r[col('arxiv_id')])) || r[col('arxiv_id')] === '')).toBe(true);
  });

  it('guards a malicious title', () => {
    const rows = readCsv(toCsv([row({ key: 'k', title: '=cmd|\' /C calc\'!A0' })]));
    expect(rows[1]?.[0]).toBe("'=cmd|' /C calc'!A0");
  });
});
