/**
 * The library's operations, as the background runs them: lookup, sightings, save, tags, notes,
 * not-the-same pairs, search, bulk edits. Every write is one Dexie transaction applying an
 * *operation* (add tag X, set note) to the row as it is inside that transaction, so concurrent
 * edits from twenty tabs never overwrite each other.
 */
import { candidateKeys, explainMatch, samePaper } from './dedup';
import type { DejaLuDB, NotSameRow, PaperRow, SightingRow } from './db';
import { normalizeDoi, paperKey, parseArxivId, titleKey } from './identity';
import type {
  CardInput,
  CardStatus,
  MatchView,
  PageInfo,
  PaperView,
  SearchResult,
  SightingView,
} from './messages';
import { fold, paperWords, queryTerms } from './words';

/** A card with its identity worked out once. */
interface Probe {
  card: CardInput;
  arxivId?: string;
  version?: number;
  doi?: string;
  titleKey: string;
}

export interface Resolved {
  row: PaperRow;
  match: MatchView;
}

export function probeOf(card: CardInput): Probe {
  let arxivId = card.arxivId ? (parseArxivId(card.arxivId)?.id ?? card.arxivId) : undefined;
  let version = card.version;
  const doi = card.doi ? (normalizeDoi(card.doi) ?? undefined) : undefined;
  if (!arxivId && card.url) {
    const parsed = parseArxivId(card.url);
    if (parsed) {
      arxivId = parsed.id;
      version ??= parsed.version;
    }
  }
  if (!arxivId && doi) arxivId = parseArxivId(doi)?.id;
  return { card, arxivId, version, doi, titleKey: titleKey(card.title) };
}

export function keyOf(p: Probe): string {
  return paperKey({ arxivId: p.arxivId, doi: p.doi, title: p.card.title });
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function refOf(row: PaperRow) {
  return { title: row.title, arxivId: row.arxivId, doi: row.doi, authors: row.authors, year: row.year, version: row.version };
}
function refOfProbe(p: Probe) {
  return {
    title: p.card.title,
    arxivId: p.arxivId,
    doi: p.doi,
    authors: p.card.authors,
    year: p.card.year ?? yearOf(p.card.publishedAt),
    version: p.version,
  };
}

function yearOf(date: string | undefined): number | undefined {
  const y = date ? Number(date.slice(0, 4)) : NaN;
  return Number.isFinite(y) && y > 1000 ? y : undefined;
}

export function toView(row: PaperRow): PaperView {
  const { titleKey: _t, candidateKeys: _c, words: _w, ...view } = row;
  return view;
}

export function statusOf(row: PaperRow | undefined): CardStatus['status'] {
  if (!row) return 'new';
  if (row.savedAt) return 'saved';
  return row.seenCount > 0 ? 'seen' : 'new';
}

/** A fresh row for a card the library has never met. */
export function newRow(p: Probe, now: number): PaperRow {
  const c = p.card;
  const row: PaperRow = {
    key: keyOf(p),
    title: c.title,
    titleKey: p.titleKey,
    candidateKeys: candidateKeys(c.title),
    words: [],
    authors: c.authors ?? [],
    abstract: c.abstract,
    arxivId: p.arxivId,
    version: p.version,
    doi: p.doi,
    year: c.year ?? yearOf(c.publishedAt),
    publishedAt: c.publishedAt,
    urls: c.url ? [c.url] : [],
    sites: [],
    seenCount: 0,
    tags: [],
    note: '',
    updatedAt: now,
  };
  return withWords(dropUndefined(row));
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function withWords(row: PaperRow): PaperRow {
  row.words = paperWords(row);
  return row;
}

/** What a card teaches about a stored paper: fill gaps, never erase what the user or a page gave. */
function learn(row: PaperRow, p: Probe): void {
  const c = p.card;
  if (!row.authors.length && c.authors?.length) row.authors = c.authors;
  if (!row.abstract && c.abstract) row.abstract = c.abstract;
  if (!row.arxivId && p.arxivId) row.arxivId = p.arxivId;
  if (p.version && (!row.version || p.version > row.version)) row.version = p.version;
  if (!row.doi && p.doi) row.doi = p.doi;
  if (!row.publishedAt && c.publishedAt) row.publishedAt = c.publishedAt;
  row.year ??= c.year ?? yearOf(c.publishedAt);
  if (c.url && !row.urls.includes(c.url)) row.urls = [...row.urls, c.url].slice(-20);
  dropUndefined(row);
}

export class Library {
  constructor(
    readonly db: DejaLuDB,
    private readonly now: () => number = () => Date.now(),
  ) {}

  // ---- matching ---------------------------------------------------------------------------------

  /**
   * The stored paper for each card, in one pass of batched index queries (never per card, never a
   * scan): arXiv ids by primary key, DOIs and exact title keys by index, near titles through the
   * persisted candidate-key index and the dedup rules.
   */
  async resolve(probes: Probe[]): Promise<(Resolved | null)[]> {
    const db = this.db;
    const out: (Resolved | null)[] = probes.map(() => null);
    const idKeys = probes.map((p) => (p.arxivId ? `arxiv:${p.arxivId}` : null));
    const byId = await db.papers.bulkGet(idKeys.filter((k): k is string => k !== null));
    const idRows = new Map<string, PaperRow>();
    for (const r of byId) if (r) idRows.set(r.key, r);

    const dois = [...new Set(probes.flatMap((p) => (p.doi ? [p.doi] : [])))];
    const doiRows = dois.length ? await db.papers.where('doi').anyOf(dois).toArray() : [];

    const tks = [...new Set(probes.map((p) => p.titleKey).filter(Boolean))];
    const titleRows = tks.length ? await db.papers.where('titleKey').anyOf(tks).toArray() : [];
    const byTitle = new Map<string, PaperRow[]>();
    for (const r of titleRows) byTitle.set(r.titleKey, [...(byTitle.get(r.titleKey) ?? []), r]);

    const pending: number[] = [];
    probes.forEach((p, i) => {
      const idKey = idKeys[i];
      const row = idKey ? idRows.get(idKey) : undefined;
      if (row) {
        out[i] = { row, match: this.explain(p, row) };
        return;
      }
      const doiRow = p.doi ? doiRows.find((r) => r.doi === p.doi) : undefined;
      if (doiRow) {
        out[i] = { row: doiRow, match: this.explain(p, doiRow) };
        return;
      }
      // Prefer a stored paper whose key is this card's own key: after a "not the same" split the
      // card's own paper must win over the paper it was split from.
      const own = keyOf(p);
      const sameTitle = (byTitle.get(p.titleKey) ?? []).filter((r) => samePaper(refOfProbe(p), refOf(r)));
      const t = sameTitle.find((r) => r.key === own) ?? sameTitle[0];
      if (t) {
        out[i] = { row: t, match: this.explain(p, t) };
        return;
      }
      pending.push(i);
    });
    if (!pending.length) return out;

    const keysOf = new Map<number, string[]>();
    for (const i of pending) keysOf.set(i, candidateKeys(probes[i]!.card.title));
    const allKeys = [...new Set([...keysOf.values()].flat())];
    if (!allKeys.length) return out;
    const candidates = await db.papers.where('candidateKeys').anyOf(allKeys).distinct().toArray();
    const byCand = new Map<string, PaperRow[]>();
    for (const r of candidates)
      for (const k of r.candidateKeys) if (allKeys.includes(k)) byCand.set(k, [...(byCand.get(k) ?? []), r]);

    const splitPairs = await this.notSamePairs(candidates.map((r) => r.key));
    for (const i of pending) {
      const p = probes[i]!;
      const own = keyOf(p);
      const seen = new Set<string>();
      let best: Resolved | null = null;
      for (const k of keysOf.get(i) ?? []) {
        for (const r of byCand.get(k) ?? []) {
          if (seen.has(r.key)) continue;
          seen.add(r.key);
          if (splitPairs.has(pairKey(own, r.key))) continue;
          if (!samePaper(refOfProbe(p), refOf(r))) continue;
          const match = this.explain(p, r);
          if (!best || (match.score ?? 0) > (best.match.score ?? 0)) best = { row: r, match };
        }
      }
      out[i] = best;
    }
    return out;
  }

  private explain(p: Probe, row: PaperRow): MatchView {
    const m = explainMatch(refOfProbe(p), refOf(row));
    return m ?? { rule: 'title', text: 'same title' };
  }

  private async notSamePairs(keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const [as, bs] = await Promise.all([
      this.db.notSame.where('a').anyOf(keys).toArray(),
      this.db.notSame.where('b').anyOf(keys).toArray(),
    ]);
    return new Set([...as, ...bs].map((r) => r.pair));
  }

  // ---- page lookups and sightings ---------------------------------------------------------------

  /** Each card's status before this visit: one read transaction for the whole batch. */
  async lookup(cards: CardInput[]): Promise<CardStatus[]> {
    const probes = cards.map(probeOf);
    const resolved = await this.db.transaction('r', this.db.papers, this.db.notSame, () => this.resolve(probes));
    return resolved.map((r) => (r ? { status: statusOf(r.row), paper: toView(r.row), match: r.match } : { status: 'new' }));
  }

  /**
   * Record that these cards were seen during one visit. A paper gets at most one sighting per visit,
   * however many batches or duplicate cards report it.
   */
  async recordSightings(visitId: string, page: PageInfo, cards: CardInput[]): Promise<number> {
    const db = this.db;
    return db.transaction('rw', db.papers, db.sightings, db.notSame, async () => {
      const now = this.now();
      const rows = await this.upsert(cards.map(probeOf), now);
      const keys = [...new Set(rows.map((r) => r.key))];
      const already = await db.sightings
        .where('[visitId+paperKey]')
        .anyOf(keys.map((k) => [visitId, k]))
        .primaryKeys();
      const done = new Set<string>();
      if (already.length) {
        const existing = await db.sightings.bulkGet(already as number[]);
        for (const s of existing) if (s) done.add(s.paperKey);
      }
      const sightings: SightingRow[] = [];
      const changed = new Map<string, PaperRow>();
      for (const row of rows) {
        if (done.has(row.key)) continue;
        done.add(row.key);
        const s: SightingRow = dropUndefined({
          paperKey: row.key,
          at: now,
          pageUrl: page.url,
          site: page.site,
          label: page.label,
          digestDate: page.digestDate,
          visitId,
        });
        sightings.push(s);
        row.seenCount += 1;
        row.firstSeen ??= now;
        row.lastSeen = now;
        row.first ??= dropUndefined({ at: now, site: s.site, label: s.label, pageUrl: s.pageUrl, digestDate: s.digestDate });
        if (!row.sites.includes(page.site)) row.sites = [...row.sites, page.site];
        row.updatedAt = now;
        changed.set(row.key, row);
      }
      await db.papers.bulkPut([...changed.values()]);
      await db.sightings.bulkAdd(sightings);
      return sightings.length;
    });
  }

  /**
   * The stored row for each probe, created or enriched (and re-keyed when a paper first known by
   * title or DOI shows its arXiv id). Must run inside a rw transaction on papers, sightings, notSame.
   */
  private async upsert(probes: Probe[], now: number): Promise<PaperRow[]> {
    const resolved = await this.resolve(probes);
    const byKey = new Map<string, PaperRow>();
    const out: PaperRow[] = [];
    for (let i = 0; i < probes.length; i++) {
      const p = probes[i]!;
      const found = resolved[i];
      let row = found ? (byKey.get(found.row.key) ?? found.row) : undefined;
      // A near-title match is a judgement the user may overrule ("not the same paper"): it never
      // hands the stored paper this card's ids, so the match stays visible and splittable.
      const fuzzy = found?.match.rule === 'similar-title';
      if (!row) {
        // Two new cards in one batch may be the same paper (a page listing it twice).
        row = byKey.get(keyOf(p)) ?? newRow(p, now);
      } else {
        learn(row, fuzzy ? { ...p, arxivId: undefined, doi: undefined, version: undefined } : p);
      }
      if (!fuzzy && p.arxivId && row.key !== `arxiv:${p.arxivId}` && !row.key.startsWith('arxiv:')) {
        const oldKey = row.key;
        row = await this.rekey(row, `arxiv:${p.arxivId}`);
        byKey.delete(oldKey);
      }
      // The card shows both ids: a twin stored under its DOI alone is the same paper.
      if (!fuzzy && p.doi && row.key.startsWith('arxiv:')) {
        const twin = await this.db.papers.get(`doi:${p.doi}`);
        if (twin) {
          row = await this.rekey(twin, row.key);
          learn(row, p);
          byKey.delete(twin.key);
        }
      }
      byKey.set(row.key, row);
      out.push(row);
    }
    await this.db.papers.bulkPut([...byKey.values()].map(withWords));
    return out.map((r) => byKey.get(r.key) ?? r);
  }

  /**
   * Move a paper to a new key without losing anything: sightings and not-same pairs follow it, and
   * if a paper already has that key the two are merged (counts added, tags and notes united).
   */
  async rekey(row: PaperRow, newKey: string): Promise<PaperRow> {
    const db = this.db;
    const oldKey = row.key;
    const existing = await db.papers.get(newKey);
    const merged = existing ? mergeRows(existing, row) : { ...row, key: newKey };
    merged.key = newKey;
    await db.papers.delete(oldKey);
    await db.papers.put(withWords(merged));
    await db.sightings.where('paperKey').equals(oldKey).modify({ paperKey: newKey });
    const pairs = await db.notSame.where('a').equals(oldKey).or('b').equals(oldKey).toArray();
    if (pairs.length) {
      await db.notSame.bulkDelete(pairs.map((p) => p.pair));
      await db.notSame.bulkPut(
        pairs
          .map((p) => (p.a === oldKey ? [newKey, p.b] : [p.a, newKey]) as [string, string])
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => notSameRow(a, b, this.now())),
      );
    }
    return merged;
  }

  // ---- edits ------------------------------------------------------------------------------------

  /** The row a target names, created from its card when the library does not have it yet. */
  private async target(target: { key: string } | { card: CardInput; page?: PageInfo }, now: number): Promise<PaperRow> {
    if ('key' in target) {
      const row = await this.db.papers.get(target.key);
      if (!row) throw new NotFound(`No paper with key ${target.key}.`);
      return row;
    }
    const [row] = await this.upsert([probeOf(target.card)], now);
    return row!;
  }

  private edit(
    target: { key: string } | { card: CardInput; page?: PageInfo },
    apply: (row: PaperRow, now: number) => void,
  ): Promise<PaperView> {
    const db = this.db;
    return db.transaction('rw', db.papers, db.sightings, db.notSame, async () => {
      const now = this.now();
      const row = await this.target(target, now);
      apply(row, now);
      row.updatedAt = now;
      await db.papers.put(withWords(row));
      return toView(row);
    });
  }

  save(target: { key: string } | { card: CardInput; page?: PageInfo }, saved: boolean): Promise<PaperView> {
    return this.edit(target, (row, now) => {
      if (saved) row.savedAt ??= now;
      else delete row.savedAt;
    });
  }

  editTags(
    target: { key: string } | { card: CardInput; page?: PageInfo },
    add: string[],
    remove: string[],
  ): Promise<PaperView> {
    return this.edit(target, (row) => {
      const tags = new Set(row.tags);
      for (const t of remove) tags.delete(t);
      for (const t of add) tags.add(t);
      row.tags = [...tags];
    });
  }

  setNote(target: { key: string } | { card: CardInput; page?: PageInfo }, note: string): Promise<PaperView> {
    return this.edit(target, (row) => {
      row.note = note;
    });
  }

  // ---- reads ------------------------------------------------------------------------------------

  async getPaper(key: string): Promise<{ paper: PaperView | null; sightings: SightingView[]; notSame: PaperView[] }> {
    const db = this.db;
    return db.transaction('r', db.papers, db.sightings, db.notSame, async () => {
      const row = await db.papers.get(key);
      if (!row) return { paper: null, sightings: [], notSame: [] };
      const sightings = (await db.sightings.where('paperKey').equals(key).sortBy('at')).map(
        ({ at, site, label, pageUrl, digestDate }) => dropUndefined({ at, site, label, pageUrl, digestDate }),
      );
      const pairs = await db.notSame.where('a').equals(key).or('b').equals(key).toArray();
      const others = await db.papers.bulkGet(pairs.map((p) => (p.a === key ? p.b : p.a)));
      return {
        paper: toView(row),
        sightings,
        notSame: others.filter((r): r is PaperRow => !!r).map(toView),
      };
    });
  }

  async getPapers(keys: string[]): Promise<(PaperView | null)[]> {
    const rows = await this.db.papers.bulkGet(keys);
    return rows.map((r) => (r ? toView(r) : null));
  }

  /**
   * The user says paper `a` and the card/paper `b` are different papers. `b` becomes (or stays) its
   * own paper under a key of its own, and the pair is recorded so dedup never joins them again.
   */
  async markNotSame(
    aKey: string,
    b: { key: string } | { card: CardInput; page?: PageInfo },
  ): Promise<{ a: PaperView | null; b: PaperView }> {
    const db = this.db;
    return db.transaction('rw', db.papers, db.sightings, db.notSame, async () => {
      const now = this.now();
      const a = await db.papers.get(aKey);
      let bRow: PaperRow;
      if ('key' in b) {
        const found = await db.papers.get(b.key);
        if (!found) throw new NotFound(`No paper with key ${b.key}.`);
        bRow = found;
      } else {
        const p = probeOf(b.card);
        let key = keyOf(p);
        // Same title key as the paper it is split from (only ids could tell them apart): a suffix
        // keeps the two rows apart.
        for (let n = 2; key === aKey || (await isOtherPaper(db, key, p)); n++) key = `${keyOf(p)}#${n}`;
        bRow = (await db.papers.get(key)) ?? { ...newRow(p, now), key };
        learn(bRow, p);
        await db.papers.put(withWords(bRow));
      }
      if (bRow.key === aKey) throw new Invalid('A paper cannot be split from itself.');
      await db.notSame.put(notSameRow(aKey, bRow.key, now));
      return { a: a ? toView(a) : null, b: toView(bRow) };
    });
  }

  async listTags(): Promise<{ tag: string; count: number }[]> {
    const tags: { tag: string; count: number }[] = [];
    // uniqueKeys walks the index only; counts are per tag, cheap since tags are few.
    const keys = (await this.db.papers.orderBy('tags').uniqueKeys()) as string[];
    for (const tag of keys) tags.push({ tag, count: await this.db.papers.where('tags').equals(tag).count() });
    return tags.sort((x, y) => y.count - x.count || x.tag.localeCompare(y.tag));
  }

  async recent(limit: number): Promise<PaperView[]> {
    const rows = await this.db.papers.orderBy('savedAt').reverse().limit(limit).toArray();
    return rows.map(toView);
  }

  async stats(): Promise<{ papers: number; saved: number; sightings: number; tags: number }> {
    const db = this.db;
    const [papers, saved, sightings, tags] = await Promise.all([
      db.papers.count(),
      db.papers.where('savedAt').above(0).count(),
      db.sightings.count(),
      db.papers.orderBy('tags').uniqueKeys().then((k) => k.length),
    ]);
    return { papers, saved, sightings, tags };
  }

  /**
   * Search and filter the library without reading rows it will not show. Every criterion (text
   * terms through the `*words` index, status, tag, site, first-seen range) becomes a set of keys
   * read from its index (keys only), the sets are intersected, and the page is cut from the sort
   * index in order, so only the ~50 rows shown are read, whatever the library's size.
   */
  async search(q: {
    text: string;
    status: 'all' | 'saved' | 'seen';
    tag?: string;
    site?: string;
    from?: string;
    to?: string;
    sort: 'lastSeen' | 'firstSeen' | 'savedAt' | 'title' | 'relevance';
    offset: number;
    limit: number;
  }): Promise<SearchResult> {
    const db = this.db;
    const fromMs = q.from ? Date.parse(`${q.from}T00:00:00`) : undefined;
    const toMs = q.to ? Date.parse(`${q.to}T23:59:59.999`) : undefined;
    return db.transaction('r', db.papers, async () => {
      const keySets: Promise<string[]>[] = [];
      const id = parseArxivId(q.text.trim());
      const terms = id ? [] : queryTerms(q.text);
      if (id) keySets.push(Promise.resolve([`arxiv:${id.id}`]));
      for (const t of terms) keySets.push(db.papers.where('words').startsWith(t).primaryKeys() as Promise<string[]>);
      if (q.status === 'saved') keySets.push(db.papers.where('savedAt').above(0).primaryKeys() as Promise<string[]>);
      if (q.status === 'seen') keySets.push(db.papers.where('lastSeen').above(0).primaryKeys() as Promise<string[]>);
      if (q.tag) keySets.push(db.papers.where('tags').equals(q.tag).primaryKeys() as Promise<string[]>);
      if (q.site) keySets.push(db.papers.where('sites').equals(q.site).primaryKeys() as Promise<string[]>);
      if (fromMs !== undefined || toMs !== undefined)
        keySets.push(
          db.papers.where('firstSeen').between(fromMs ?? -Infinity, toMs ?? Infinity, true, true).primaryKeys() as Promise<string[]>,
        );
      const matched = intersect(await Promise.all(keySets));
      const total = matched ? matched.size : await db.papers.count();
      const need = q.offset + q.limit;

      // Few matches: read them all and order exactly (relevance needs the titles).
      if (matched && matched.size <= 2_000) {
        const rows = (await db.papers.bulkGet([...matched])).filter((r): r is PaperRow => !!r);
        sortRows(rows, q.sort === 'relevance' && !terms.length ? 'lastSeen' : q.sort, terms);
        return { total, papers: rows.slice(q.offset, need).map(toView) };
      }
      // Many matches: walk the sort index in order, keys only, until the page is full.
      const sort = q.sort === 'relevance' ? 'lastSeen' : q.sort;
      const ordered = () => (sort === 'title' ? db.papers.orderBy('title') : db.papers.orderBy(sort).reverse());
      const keys: string[] = [];
      const chunk = Math.max(500, need * 4);
      let walked = 0;
      const inIndex = new Set<string>();
      for (;;) {
        const got = (await ordered().offset(walked).limit(chunk).primaryKeys()) as string[];
        walked += got.length;
        for (const k of got) {
          inIndex.add(k);
          if (!matched || matched.has(k)) keys.push(k);
        }
        if (keys.length >= need || got.length < chunk) break;
      }
      if (keys.length < need) {
        // Papers without the sort field (never seen, or not saved) come last.
        const rest = matched ? [...matched] : ((await db.papers.toCollection().primaryKeys()) as string[]);
        for (const k of rest) if (!inIndex.has(k)) keys.push(k);
      }
      const rows = await db.papers.bulkGet(keys.slice(q.offset, need));
      return { total, papers: rows.filter((r): r is PaperRow => !!r).map(toView) };
    });
  }

  // ---- bulk -------------------------------------------------------------------------------------

  async bulk(
    keys: string[],
    op: { kind: 'tag' | 'untag'; tag: string } | { kind: 'save' | 'unsave' | 'delete' },
  ): Promise<{ changed: number; snapshot?: string }> {
    const db = this.db;
    return db.transaction('rw', db.papers, db.sightings, db.notSame, async () => {
      const now = this.now();
      const rows = (await db.papers.bulkGet(keys)).filter((r): r is PaperRow => !!r);
      if (op.kind === 'delete') {
        const sightings = await db.sightings.where('paperKey').anyOf(keys).toArray();
        const pairs = await db.notSame.where('a').anyOf(keys).or('b').anyOf(keys).toArray();
        const snapshot = JSON.stringify({ papers: rows, sightings, notSame: pairs });
        await db.sightings.bulkDelete(sightings.map((s) => s.id!));
        await db.notSame.bulkDelete(pairs.map((p) => p.pair));
        await db.papers.bulkDelete(rows.map((r) => r.key));
        return { changed: rows.length, snapshot };
      }
      for (const row of rows) {
        if (op.kind === 'tag' && !row.tags.includes(op.tag)) row.tags = [...row.tags, op.tag];
        if (op.kind === 'untag') row.tags = row.tags.filter((t) => t !== op.tag);
        if (op.kind === 'save') row.savedAt ??= now;
        if (op.kind === 'unsave') delete row.savedAt;
        row.updatedAt = now;
        withWords(row);
      }
      await db.papers.bulkPut(rows);
      return { changed: rows.length };
    });
  }

  /** Undo of a bulk delete: put back exactly what the snapshot holds. */
  async restore(snapshot: string): Promise<number> {
    const db = this.db;
    const data = JSON.parse(snapshot) as { papers: PaperRow[]; sightings: SightingRow[]; notSame: NotSameRow[] };
    return db.transaction('rw', db.papers, db.sightings, db.notSame, async () => {
      await db.papers.bulkPut(data.papers);
      await db.sightings.bulkPut(data.sightings);
      await db.notSame.bulkPut(data.notSame);
      return data.papers.length;
    });
  }

  async clear(): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.papers, db.sightings, db.notSame, async () => {
      await Promise.all([db.papers.clear(), db.sightings.clear(), db.notSame.clear()]);
    });
  }
}

async function isOtherPaper(db: DejaLuDB, key: string, p: Probe): Promise<boolean> {
  const row = await db.papers.get(key);
  return !!row && row.titleKey === p.titleKey && row.arxivId !== p.arxivId;
}

function notSameRow(a: string, b: string, at: number): NotSameRow {
  const [x, y] = a < b ? [a, b] : [b, a];
  return { pair: `${x}|${y}`, a: x, b: y, at };
}

/** Two rows of one paper become one; nothing the user wrote is dropped. */
export function mergeRows(keep: PaperRow, other: PaperRow): PaperRow {
  const m: PaperRow = { ...keep };
  m.seenCount = keep.seenCount + other.seenCount;
  m.firstSeen = minDefined(keep.firstSeen, other.firstSeen);
  m.lastSeen = maxDefined(keep.lastSeen, other.lastSeen);
  m.first = !keep.first ? other.first : !other.first ? keep.first : keep.first.at <= other.first.at ? keep.first : other.first;
  m.savedAt = minDefined(keep.savedAt, other.savedAt);
  m.tags = [...new Set([...keep.tags, ...other.tags])];
  m.note = mergeNotes(keep.note, other.note);
  m.urls = [...new Set([...keep.urls, ...other.urls])];
  m.sites = [...new Set([...keep.sites, ...other.sites])];
  m.authors = keep.authors.length ? keep.authors : other.authors;
  m.abstract ??= other.abstract;
  m.doi ??= other.doi;
  m.arxivId ??= other.arxivId;
  m.version = maxDefined(keep.version, other.version);
  m.year ??= other.year;
  m.publishedAt ??= other.publishedAt;
  m.updatedAt = Math.max(keep.updatedAt, other.updatedAt);
  return dropUndefined(m);
}

/** Notes are never dropped: different notes are kept one after the other. */
export function mergeNotes(a: string, b: string): string {
  const x = a.trim();
  const y = b.trim();
  if (!x) return b;
  if (!y || x === y || x.includes(y)) return a;
  if (y.includes(x)) return b;
  return `${a}\n\n---\n\n${b}`;
}

function minDefined(a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
function maxDefined(a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** The keys in every set (smallest first, so the work is small); null when there is no set. */
function intersect(sets: string[][]): Set<string> | null {
  if (!sets.length) return null;
  const sorted = [...sets].sort((x, y) => x.length - y.length);
  let acc = new Set(sorted[0]);
  for (const s of sorted.slice(1)) {
    if (!acc.size) break;
    const next = new Set(s);
    acc = new Set([...acc].filter((k) => next.has(k)));
  }
  return acc;
}

function sortRows(rows: PaperRow[], sort: string, terms: string[]): void {
  const desc = (f: (r: PaperRow) => number | undefined) => (x: PaperRow, y: PaperRow) => (f(y) ?? 0) - (f(x) ?? 0);
  if (sort === 'title') rows.sort((x, y) => x.title.localeCompare(y.title));
  else if (sort === 'firstSeen') rows.sort(desc((r) => r.firstSeen));
  else if (sort === 'savedAt') rows.sort(desc((r) => r.savedAt));
  else if (sort === 'relevance' && terms.length) {
    const score = (r: PaperRow) => {
      const t = fold(r.title);
      return terms.reduce((s, term) => s + (t.includes(term) ? 2 : 0), 0) + (r.savedAt ? 1 : 0);
    };
    rows.sort((x, y) => score(y) - score(x) || (y.lastSeen ?? 0) - (x.lastSeen ?? 0));
  } else rows.sort(desc((r) => r.lastSeen ?? r.savedAt ?? r.updatedAt));
}

export class NotFound extends Error {
  readonly code = 'not-found' as const;
}
export class Invalid extends Error {
  readonly code = 'invalid' as const;
}
