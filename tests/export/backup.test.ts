import { describe, expect, it } from 'vitest';
import { BackupSchema, parseBackup, serializeBackup, toBackup } from '../../lib/export/backup';
import { SAMPLE } from './papers';

const sightings = [
  { id: 1, paperKey: 'arxiv:1706.03762', at: 1_730_000_000_000, pageUrl: 'https://huggingface.co/papers', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03', visitId: 'v1' },
  { id: 2, paperKey: 'arxiv:2401.01234', at: 1_730_000_100_000, pageUrl: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv' as const, label: 'cs.LG new', visitId: 'v2' },
];
const notSame = [{ pair: 'arxiv:1706.03762|arxiv:1706.09999', a: 'arxiv:1706.03762', b: 'arxiv:1706.09999', at: 1 }];
const settings = [{ key: 'settings', value: { seenMode: 'visible', seenStyle: 'hide' } }];
const full = () => toBackup({ papers: SAMPLE, sightings, notSame, settings }, new Date('2025-11-20T10:00:00Z'));

function error(text: string): string {
  try {
    parseBackup(text);
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

describe('parseBackup refuses bad files with a clear message', () => {
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
        'sightings[0].site: Invalid option: expected one of "huggingface"|"arxiv"|"import"|"manual".',
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
