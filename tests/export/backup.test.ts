import { beforeEach, describe, expect, it } from 'vitest';
import { BackupSchema, checkedSightingsByPaper, parseBackup, parseBackupGrouped, serializeBackup, SightingRowSchema, toBackup, type Backup } from '../../lib/export/backup';
import { toSighting } from '../../lib/db';
import { SAMPLE } from './papers';

const sightings = [
  { id: 1, paperKey: 'arxiv:1706.03762', at: 1_730_000_000_000, pageUrl: 'https://huggingface.co/papers', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03', visitId: 'v1' },
  { id: 2, paperKey: 'arxiv:2401.01234', at: 1_730_000_100_000, pageUrl: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv' as const, label: 'cs.LG new', visitId: 'v2' },
];
const notSame = [{ pair: 'arxiv:1706.03762|arxiv:1706.09999', a: 'arxiv:1706.03762', b: 'arxiv:1706.09999', at: 1 }];
const settings = [{ key: 'settings', value: { seenMode: 'visible', seenStyle: 'hide' } }];
const full = () => toBackup({ papers: SAMPLE, sightings, notSame, settings }, new Date('2025-11-20T10:00:00Z'));

/** What the import does with a file: parseBackupGrouped's sightings as the flat list parseBackup gives. */
function grouped(text: string): Backup {
  const { histories, ...rest } = parseBackupGrouped(text);
  return { ...rest, sightings: [...histories].flatMap(([paperKey, list]) => list.map((s) => ({ paperKey, ...s }))) };
}

/** parseBackup's sightings as the import holds them, grouped by paper in file order. */
function byPaper(b: Backup): Backup {
  const keys = [...new Set(b.sightings.map((s) => s.paperKey))];
  return { ...b, sightings: keys.flatMap((paperKey) => b.sightings.filter((s) => s.paperKey === paperKey).map((s) => ({ paperKey, ...toSighting(s) }))) };
}

const PARSERS = { parseBackup, parseBackupGrouped: grouped };
let parse: (text: string) => unknown = parseBackup;

function error(text: string): string {
  try {
    parse(text);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('backup', () => {
  it('holds every table and restores exactly', () => {
    const b = full();
    expect(b).toMatchObject({ format: 'dejalu-backup', version: 1, exportedAt: '2025-11-20T10:00:00.000Z' });
    const back = parseBackup(serializeBackup(b));
    expect(back).toEqual(b);
  });

  it('fills derived search keys a hand-made file leaves out', () => {
    const text = JSON.stringify({
      format: 'dejalu-backup',
      version: 1,
      exportedAt: 'x',
      papers: [{ key: 'arxiv:2401.00001', title: 'Minimal', updatedAt: 5 }],
      sightings: [],
    });
    expect(parseBackup(text).papers[0]).toEqual({
      key: 'arxiv:2401.00001', title: 'Minimal', updatedAt: 5, titleKey: '', candidateKeys: [], words: [], authors: [],
      urls: [], sites: [], seenCount: 0, tags: [], note: '',
    });
    expect(parseBackup(text).notSame).toEqual([]);
  });

  it('validates with the exported schema', () => {
    expect(BackupSchema.safeParse(full()).success).toBe(true);
    expect(BackupSchema.safeParse({ ...full(), papers: 'no' }).success).toBe(false);
  });
});

describe.each(Object.entries(PARSERS))('%s refuses bad files with a clear message', (_, parser) => {
  beforeEach(() => {
    parse = parser;
  });

  it('empty', () => {
    expect(error('')).toBe('The backup file is empty.');
    expect(error('  \n')).toBe('The backup file is empty.');
  });

  it('truncated', () => {
    const text = serializeBackup(full());
    for (const cut of [text.length - 1, Math.floor(text.length / 2), 30]) {
      expect(error(text.slice(0, cut))).toMatch(/The backup file is incomplete: its JSON stops in the middle \(was the file cut off\?\)/);
    }
  });

  it('garbage', () => {
    expect(error('this is not json')).toMatch(/^The backup file is not valid JSON \(/);
    expect(error('\u0000\u0001binary')).toMatch(/not valid JSON/);
  });

  it('foreign JSON', () => {
    expect(error('{"name": "my-app", "version": "1.0.0"}')).toBe(
      'This JSON file is not a Déjà Lu backup (it lacks "format": "dejalu-backup").',
    );
    expect(error('[{"type": "article", "title": "x"}]')).toMatch(/JSON list \(CSL-JSON\?/);
    expect(error('42')).toMatch(/holds no JSON object/);
  });

  it('from a newer version', () => {
    expect(error(JSON.stringify({ ...full(), version: 2 }))).toMatch(/newer Déjà Lu \(backup version 2\); update the extension/);
  });

  it('damaged rows, naming the field and the paper', () => {
    const b = JSON.parse(serializeBackup(full()));
    b.papers[1].title = 42;
    delete b.papers[2].updatedAt;
    b.sightings[0].site = 'myspace';
    expect(error(JSON.stringify(b))).toBe(
      'The backup is damaged: papers[1].title (paper arxiv:2401.01234) should be a string but is a number; ' +
        'papers[2].updatedAt (paper doi:10.1038/s41586-021-03819-2) is missing; ' +
        'sightings[0].site: Invalid option: expected one of "huggingface"|"arxiv"|"scholar"|"openreview"|"dblp"|"import"|"manual".',
    );
  });

  it('missing tables', () => {
    expect(error('{"format": "dejalu-backup", "version": 1, "exportedAt": "x", "papers": []}')).toBe(
      'The backup is damaged: sightings is missing.',
    );
  });

  it('counts the problems it does not list', () => {
    const b = JSON.parse(serializeBackup(full()));
    for (const p of b.papers) p.title = null;
    expect(error(JSON.stringify(b))).toMatch(/, and 2 more problems\.$/);
  });
});

describe('parseBackupGrouped: the sightings checked and grouped in one pass', () => {
  const file = (rows: unknown[]) => JSON.stringify({ ...JSON.parse(serializeBackup(full())), sightings: rows });
  const good = { paperKey: 'arxiv:1706.03762', at: 5, pageUrl: 'u', site: 'arxiv', label: 'l', visitId: 'v' };
  /** Rows the schema takes or refuses, at and around each field's edges. */
  const ROWS: unknown[] = [
    good,
    { ...good, id: 7 },
    { ...good, digestDate: '2025-11-03' },
    { ...good, extra: 'dropped', id: 0 },
    { ...good, id: 1.5 },
    { ...good, id: '7' },
    { ...good, id: null },
    { ...good, id: 2 ** 60 },
    { ...good, paperKey: '' },
    { ...good, paperKey: undefined },
    { ...good, at: '5' },
    { ...good, at: 1e999 },
    { ...good, pageUrl: 3 },
    { ...good, site: 'myspace' },
    { ...good, site: 'toString' },
    { ...good, label: null },
    { ...good, digestDate: null },
    { ...good, digestDate: 20251103 },
    { ...good, visitId: undefined },
    [good],
    null,
    'row',
  ];

  it('gives what parseBackup gives, grouped by paper, for a whole backup', () => {
    const text = serializeBackup(full());
    expect(grouped(text)).toEqual(byPaper(parseBackup(text)));
    // The one-pass check took these rows: the schema did not have to.
    expect(checkedSightingsByPaper(JSON.parse(text).sightings)).not.toBeNull();
  });

  it.each(ROWS.map((r) => [JSON.stringify(r) ?? String(r), r]))('accepts or refuses %s as the schema does, with its message', (_, row) => {
    const text = file([good, row]);
    let expected: Backup | string;
    try {
      expected = byPaper(parseBackup(text));
    } catch (err) {
      expected = (err as Error).message;
    }
    let got: Backup | string;
    try {
      got = grouped(text);
    } catch (err) {
      got = (err as Error).message;
    }
    expect(got).toEqual(expected);
    // Never looser than the schema: a row it takes is one the schema takes, and comes out the same.
    const fast = checkedSightingsByPaper([row]);
    if (fast) {
      const parsed = SightingRowSchema.parse(row);
      expect([...fast]).toStrictEqual([[parsed.paperKey, [toSighting(parsed)]]]);
    }
  });

  it('keeps each paper\'s sightings in the order of the file', () => {
    const rows = [3, 1, 2].map((at, i) => ({ ...good, at, paperKey: i === 1 ? 'arxiv:2401.01234' : good.paperKey }));
    const h = parseBackupGrouped(file(rows)).histories;
    expect(h.get(good.paperKey)!.map((s) => s.at)).toEqual([3, 2]);
    expect(h.get('arxiv:2401.01234')!.map((s) => s.at)).toEqual([1]);
  });
});
