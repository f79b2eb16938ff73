/**
 * The JSON backup: every table, validated whole on the way back in so a damaged or foreign file
 * is refused with a message that says what is wrong, before anything is written.
 */
import { z } from 'zod';
import type { NotSameRow, PaperRow, SettingRow, Sighting, SightingRow } from '../db';
import { sightingsByPaper } from '../library/history';
import { SiteIdSchema } from '../messages';
import { jsonErrorMessage } from './imported';
import { measure } from '../timing';

export const BACKUP_FORMAT = 'dejalu-backup';
export const BACKUP_VERSION = 1;

const FirstSchema = z.object({
  at: z.number(),
  site: SiteIdSchema,
  label: z.string(),
  pageUrl: z.string(),
  digestDate: z.string().optional(),
});

/**
 * Derived search keys (titleKey, candidateKeys, words) may be absent, as in a hand-made file:
 * the importer recomputes them anyway, since they depend on the dedup code of the day.
 */
export const PaperRowSchema = z.object({
  key: z.string().min(1),
  title: z.string().min(1),
  titleKey: z.string().default(''),
  candidateKeys: z.array(z.string()).default([]),
  words: z.array(z.string()).default([]),
  authors: z.array(z.string()).default([]),
  abstract: z.string().optional(),
  arxivId: z.string().optional(),
  version: z.number().int().positive().optional(),
  doi: z.string().optional(),
  year: z.number().int().optional(),
  publishedAt: z.string().optional(),
  primaryClass: z.string().optional(),
  journal: z.string().optional(),
  proceedings: z.string().optional(),
  volume: z.string().optional(),
  issue: z.string().optional(),
  pages: z.string().optional(),
  venueFixed: z.boolean().optional(),
  altTitles: z.array(z.string()).optional(),
  urls: z.array(z.string()).default([]),
  sites: z.array(SiteIdSchema).default([]),
  firstSeen: z.number().optional(),
  lastSeen: z.number().optional(),
  seenCount: z.number().int().min(0).default(0),
  first: FirstSchema.optional(),
  savedAt: z.number().optional(),
  tags: z.array(z.string()).default([]),
  note: z.string().default(''),
  updatedAt: z.number(),
});

export const SightingRowSchema = z.object({
  id: z.number().int().optional(),
  paperKey: z.string().min(1),
  at: z.number(),
  pageUrl: z.string(),
  site: SiteIdSchema,
  label: z.string(),
  digestDate: z.string().optional(),
  visitId: z.string(),
});

export const NotSameRowSchema = z.object({ pair: z.string().min(1), a: z.string().min(1), b: z.string().min(1), at: z.number() });

export const SettingRowSchema = z.object({ key: z.string().min(1), value: z.unknown() });

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  /** ISO 8601. */
  exportedAt: z.string(),
  papers: z.array(PaperRowSchema),
  sightings: z.array(SightingRowSchema),
  notSame: z.array(NotSameRowSchema).default([]),
  settings: z.array(SettingRowSchema).default([]),
});

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  papers: PaperRow[];
  sightings: SightingRow[];
  notSame: NotSameRow[];
  settings: SettingRow[];
}

// The schema and the row types must not drift apart: this fails to compile if they do.
type Parsed = z.output<typeof BackupSchema>;
const _rowsFit: (p: Parsed) => Omit<Backup, 'settings'> = (p) => p;
void _rowsFit;

export function toBackup(
  data: { papers: PaperRow[]; sightings: SightingRow[]; notSame: NotSameRow[]; settings: SettingRow[] },
  now: Date = new Date(),
): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    papers: data.papers,
    sightings: data.sightings,
    notSame: data.notSame,
    settings: data.settings,
  };
}

/** Compact JSON: a 100k-paper library would double in size with indentation. */
export function serializeBackup(backup: Backup): string {
  return JSON.stringify(backup);
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(top level)';
}

function issueText(issue: z.core.$ZodIssue, root: unknown): string {
  const where = pathText(issue.path);
  // Name the paper too: "papers[812]" alone is hard to find in a big file.
  const [table, index] = issue.path;
  let which = '';
  if (table === 'papers' && typeof index === 'number' && typeof root === 'object' && root !== null) {
    const row = (root as { papers?: unknown[] }).papers?.[index] as { key?: unknown } | undefined;
    if (typeof row?.key === 'string') which = ` (paper ${row.key})`;
  }
  if (issue.code === 'invalid_type') {
    const got = valueAt(root, issue.path);
    return got === undefined
      ? `${where}${which} is missing`
      : `${where}${which} should be ${article(issue.expected)} but is ${describe(got)}`;
  }
  return `${where}${which}: ${issue.message}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  return article(typeof v);
}

/** A backup's JSON, with what makes it a Déjà Lu backup of a version this code reads checked. */
function backupJson(text: string): Record<string, unknown> {
  const t = text.replace(/^\uFEFF/, '');
  if (t.trim() === '') throw new Error('The backup file is empty.');
  let data: unknown;
  const t0 = performance.now();
  try {
    data = JSON.parse(t);
    measure('import.jsonParse', t0);
  } catch (err) {
    throw new Error(jsonErrorMessage(t, err, 'backup'));
  }
  if (Array.isArray(data)) {
    throw new Error('This file is not a Déjà Lu backup: it is a JSON list (CSL-JSON? import it as CSL-JSON instead).');
  }
  if (typeof data !== 'object' || data === null) throw new Error('This file is not a Déjà Lu backup: it holds no JSON object.');
  const head = data as { format?: unknown; version?: unknown };
  if (head.format !== BACKUP_FORMAT) {
    throw new Error('This JSON file is not a Déjà Lu backup (it lacks "format": "dejalu-backup").');
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    throw new Error(
      `This backup was made by a newer Déjà Lu (backup version ${head.version}); update the extension to restore it.`,
    );
  }
  return data as Record<string, unknown>;
}

/** `data` validated against BackupSchema, or an Error whose message names what is wrong. */
function validated(data: unknown): Backup {
  const t0 = performance.now();
  const r = BackupSchema.safeParse(data);
  measure('import.validate', t0);
  if (!r.success) {
    const issues = r.error.issues;
    const shown = issues.slice(0, 3).map((i) => issueText(i, data));
    const more = issues.length > 3 ? `, and ${issues.length - 3} more problem${issues.length - 3 === 1 ? '' : 's'}` : '';
    throw new Error(`The backup is damaged: ${shown.join('; ')}${more}.`);
  }
  const b = r.data;
  return { ...b, settings: b.settings.map((s) => ({ key: s.key, value: s.value })) };
}

/**
 * A backup file's text → a validated `Backup`. Throws an Error whose message tells a person what is
 * wrong: empty, cut off, not JSON, not a Déjà Lu backup, from a newer version, or which fields of
 * which rows are damaged.
 */
export function parseBackup(text: string): Backup {
  return validated(backupJson(text));
}

/** A backup as an import takes it: each paper's sightings together, in the file's order. */
export interface GroupedBackup extends Omit<Backup, 'sightings'> {
  histories: Map<string, Sighting[]>;
}

/**
 * `parseBackup`, with the sightings grouped by paper. The same file is accepted or refused with the
 * same message. The sightings (~10 a paper: 1M in a 100k-paper backup) are checked and grouped in
 * one pass (`checkedSightingsByPaper`) rather than by the schema: in the service worker zod cannot
 * compile its checks (the extension's CSP forbids `new Function`), and interpreting them over 1M
 * objects took ~1.4 s, then a second pass copied its output into groups.
 */
export function parseBackupGrouped(text: string): GroupedBackup {
  const data = backupJson(text);
  const t0 = performance.now();
  const histories = Array.isArray(data.sightings) ? checkedSightingsByPaper(data.sightings) : null;
  measure('import.groupSightings', t0);
  if (!histories) {
    // Something in them is not as the schema wants it, or not surely: the schema decides, and says what.
    const { sightings, ...rest } = validated(data);
    return { ...rest, histories: sightingsByPaper(sightings) };
  }
  const { sightings: _, ...rest } = validated({ ...data, sightings: [] });
  return { ...rest, histories };
}

const SITES: ReadonlySet<unknown> = new Set(SiteIdSchema.options);

/**
 * `sightingsByPaper` (lib/library/history.ts) of rows not yet checked: null unless every row is
 * surely one SightingRowSchema accepts (stricter is allowed: the schema then decides). Its output is
 * the schema's, grouped: unknown fields dropped, `id` and `paperKey` left out of each sighting.
 */
export function checkedSightingsByPaper(rows: unknown[]): Map<string, Sighting[]> | null {
  const out = new Map<string, Sighting[]>();
  for (const x of rows) {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return null;
    const { id, paperKey, at, pageUrl, site, label, digestDate, visitId } = x as Record<string, unknown>;
    if (
      (id !== undefined && !Number.isSafeInteger(id)) ||
      typeof paperKey !== 'string' || paperKey === '' ||
      typeof at !== 'number' || !Number.isFinite(at) ||
      typeof pageUrl !== 'string' || !SITES.has(site) || typeof label !== 'string' ||
      (digestDate !== undefined && typeof digestDate !== 'string') ||
      typeof visitId !== 'string'
    ) {
      return null;
    }
    const s: Sighting = { at, pageUrl, site: site as Sighting['site'], label, visitId };
    if (digestDate !== undefined) s.digestDate = digestDate;
    let list = out.get(paperKey);
    if (!list) out.set(paperKey, (list = []));
    list.push(s);
  }
  return out;
}
