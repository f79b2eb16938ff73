/**
 * The popup's state and its conversation with the background: the first screen comes from one
 * `tab.get`; tags and histories are fetched when first needed; change events refresh only the rows
 * they name.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChangeEvent, PageInfo, Reply, SightingView, TabReading } from '../../lib/messages';
import { cardId } from '../../lib/page/card-input';
import { send } from '../../lib/rpc';
import { copyOneBibtex } from '../shared/cite';
import { createEditActions } from './edits';
import { resolveTabId } from './ext';
import { keysOf, readingRows, rowFromPaper, rowsFromTab, targetOf, withPaper, type Row } from './model';
import type { RowActions } from './PaperRow';
import { startPopup, type PopupStart } from './start';
import type { TagCount } from '../shared/tags';
import { errorMessage } from '../../lib/errors';

export type PageLoad =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; page: PageInfo | null; rows: Row[]; reading?: TabReading };

export interface SearchState {
  query: string;
  rows: Row[];
  total: number;
}

const RECENT = 10;
const SEARCH_LIMIT = 50;
const SEARCH_DELAY = 150;

export function usePopup(getTabId: () => Promise<number | null> = resolveTabId, start?: PopupStart) {
  const [load, setLoad] = useState<PageLoad>({ kind: 'loading' });
  const [recent, setRecent] = useState<Row[] | null>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [histories, setHistories] = useState<ReadonlyMap<string, SightingView[]>>(new Map());
  const [tags, setTags] = useState<TagCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Handlers run outside renders (replies, change events, pagehide), so they read the latest state here.
  const latest = useRef({ load, recent, search, expanded, histories, tags });
  latest.current = { load, recent, search, expanded, histories, tags };
  const tabId = useRef<number | null>(null);
  const tagsLoading = useRef(false);

  const allRows = (): Row[] => {
    const { load, recent, search } = latest.current;
    return [...(load.kind === 'ready' ? load.rows : []), ...(recent ?? []), ...(search?.rows ?? [])];
  };
  const findRow = (id: string) => allRows().find((r) => r.id === id);

  const mapRows = useCallback((fn: (r: Row) => Row) => {
    setLoad((l) => (l.kind === 'ready' ? { ...l, rows: l.rows.map(fn) } : l));
    setRecent((r) => r && r.map(fn));
    setSearch((s) => s && { ...s, rows: s.rows.map(fn) });
  }, []);

  const fail = useCallback((err: unknown) => {
    setError(errorMessage(err));
  }, []);

  // ---- loading -----------------------------------------------------------------------------------

  const loadRecent = useCallback(async () => {
    const reply = await send({ type: 'library.recent', limit: RECENT });
    if (reply.ok) setRecent(reply.papers.map((p) => rowFromPaper(p, 'recent')));
  }, []);

  const showTab = useCallback(
    (reply: Reply<'tab.get'> | null, refresh: boolean) => {
      if (reply === null) {
        setLoad({ kind: 'ready', page: null, rows: [] });
        return;
      }
      if (!reply.ok) {
        if (!refresh) setLoad({ kind: 'error', message: reply.error.message });
        return;
      }
      // A paper's full text (a PDF) or its page elsewhere: one row, the card its tags make or the paper.
      const reading = reply.reading;
      const fresh = reply.state ? rowsFromTab(reply.state, reply.statuses) : reading ? readingRows(reading, reply.statuses) : [];
      // By the card, not its row's position: the page may have added or dropped cards above it.
      const cardOf = (r: Row) => (r.card ? cardId(r.card) : r.id);
      const old = new Map((latest.current.load.kind === 'ready' ? latest.current.load.rows : []).map((r) => [cardOf(r), r]));
      // A split made in this popup stays visible even if the reply was computed before it landed.
      const rows = fresh.map((r) => {
        const before = old.get(cardOf(r));
        return before?.splitFrom !== undefined ? { ...r, splitFrom: before.splitFrom, current: r.current.match?.rule === 'similar-title' ? before.current : r.current } : r;
      });
      setLoad({ kind: 'ready', page: reply.state?.page ?? null, rows, ...(reading ? { reading } : {}) });
      if (rows.length === 0 && latest.current.recent === null) void loadRecent();
    },
    [loadRecent],
  );

  const loadTab = useCallback(
    async (refresh: boolean) => {
      const id = tabId.current;
      showTab(id === null ? null : await send({ type: 'tab.get', tabId: id }), refresh);
    },
    [showTab],
  );

  // Set once `loadHistory` is defined, below.
  const expandOnOpen = useRef<(id: string, key: string) => void>(() => {});
  // Change events go through a ref: the listener is set up once, below, and `onChanged` is defined later.
  const changed = useRef<(event: ChangeEvent) => void>(() => {});
  // A layout effect runs as soon as the popup is mounted, not after the first paint as an effect
  // would: an answer that arrives before that paint is shown at once.
  useLayoutEffect(() => {
    let live = true;
    const s = start ?? startPopup(getTabId);
    void (async () => {
      tabId.current = await s.tabId;
      const reply = await s.tab;
      if (!live) return;
      showTab(reply, false);
      // A PDF's paper opens expanded: its tags and note are what the reader opened the popup for.
      const [reading] = reply?.ok && reply.reading ? readingRows(reply.reading, reply.statuses) : [];
      const key = reading?.current.paper?.key;
      if (reading && key !== undefined) expandOnOpen.current(reading.id, key);
      const missed = s.listen((event) => changed.current(event));
      // Something changed while the first answer was on its way: it may be stale, so read again
      // as after any wholesale change (settings alone change nothing shown).
      if (missed.some((e) => !settingsOnly(e))) changed.current({ type: 'dejalu.changed', keys: [] });
    })();
    return () => {
      live = false;
      s.close();
    };
  }, [start, getTabId, showTab]);

  const loadTags = useCallback(async () => {
    if (tagsLoading.current) return;
    tagsLoading.current = true;
    try {
      const reply = await send({ type: 'tags.list' });
      if (reply.ok) setTags(reply.tags);
    } finally {
      tagsLoading.current = false;
    }
  }, []);

  const loadHistory = useCallback(async (key: string) => {
    const reply = await send({ type: 'paper.get', key });
    if (reply.ok) setHistories((h) => new Map(h).set(key, reply.sightings));
  }, []);

  expandOnOpen.current = (id, key) => {
    setExpanded(new Set([id]));
    void loadHistory(key);
  };

  // ---- search ------------------------------------------------------------------------------------

  const searchSeq = useRef(0);
  /** Bumped to run the same query again when the library changed wholesale. */
  const [searchRound, setSearchRound] = useState(0);
  useEffect(() => {
    const text = query.trim();
    const seq = ++searchSeq.current;
    if (!text) {
      setSearch(null);
      return;
    }
    const timer = setTimeout(async () => {
      const reply = await send({
        type: 'library.search',
        query: { text, sort: 'relevance', limit: SEARCH_LIMIT },
      });
      if (seq !== searchSeq.current) return;
      if (!reply.ok) return fail(new Error(reply.error.message));
      setSearch({ query: text, total: reply.total, rows: reply.papers.map((p) => rowFromPaper(p, 'search')) });
    }, SEARCH_DELAY);
    return () => clearTimeout(timer);
  }, [query, searchRound, fail]);

  // ---- live updates ------------------------------------------------------------------------------

  const onChanged = useCallback(
    async (event: ChangeEvent) => {
      const { keys } = event;
      // Settings alone do not change what the popup shows.
      if (settingsOnly(event)) return;
      if (keys.length === 0 || event.all) {
        void loadTab(true);
        if (latest.current.recent !== null) void loadRecent();
        if (latest.current.tags !== null) void loadTags();
        setSearchRound((n) => n + 1);
        return;
      }
      if (latest.current.tags !== null) void loadTags();
      // Papers moved to their arXiv key (a visit showed a title-only paper's id): rows still hold
      // the key each had, and take the paper under its new one.
      const moved = event.moved ?? {};
      const now = (key: string) => moved[key] ?? key;
      const rows = allRows();
      const known = new Set([...keysOf(rows)].map(now));
      const hit = keys.filter((k) => known.has(k));
      const unknown = hit.length < keys.length;
      const { load, expanded, histories } = latest.current;
      const pageRows = load.kind === 'ready' ? load.rows : [];

      // A key we do not show may be a card of this page that has just been stored (a badge saved it),
      // or the paper whose PDF this is, saved from its abstract page.
      if (unknown && (pageRows.some((r) => !r.current.paper) || (load.kind === 'ready' && load.reading?.paper === null))) void loadTab(true);
      if (unknown && latest.current.recent !== null) void loadRecent();

      if (hit.length > 0) {
        const reply = await send({ type: 'papers.get', keys: hit });
        if (reply.ok) {
          const byKey = new Map(hit.map((k, i) => [k, reply.papers[i] ?? null]));
          mapRows((r) => {
            const key = r.current.paper && now(r.current.paper.key);
            if (key === undefined || !byKey.has(key)) return r;
            return withPaper(r, byKey.get(key) ?? null);
          });
          // The PDF's paper deleted: the popup says it is not in the library, with the way to save it.
          if (load.kind === 'ready' && load.reading && [...byKey.values()].includes(null)) void loadTab(true);
        }
        const open = new Set(rows.filter((r) => expanded.has(r.id)).map((r) => r.current.paper && now(r.current.paper.key)));
        for (const key of hit) {
          if (!histories.has(key)) continue;
          if (open.has(key)) void loadHistory(key);
          else setHistories((h) => {
            const next = new Map(h);
            next.delete(key);
            return next;
          });
        }
      }
    },
    [loadTab, loadRecent, loadTags, loadHistory, mapRows],
  );

  changed.current = (event) => void onChanged(event);

  // ---- edits ------------------------------------------------------------------------------------

  const actions: RowActions = useMemo(
    () => ({
      ...createEditActions({ findRow, mapRows, pageRows: () => (latest.current.load.kind === 'ready' ? latest.current.load.rows : []), fail }),
      toggleExpand(id) {
        const opening = !latest.current.expanded.has(id);
        setExpanded((s) => {
          const next = new Set(s);
          if (opening) next.add(id);
          else next.delete(id);
          return next;
        });
        const key = findRow(id)?.current.paper?.key;
        if (opening && key !== undefined && !latest.current.histories.has(key)) void loadHistory(key);
      },
      wantTags() {
        if (latest.current.tags === null) void loadTags();
      },
      async copyBibtex(id) {
        const row = findRow(id);
        const target = row && targetOf(row);
        if (!target) return false;
        try {
          await copyOneBibtex(target);
          return true;
        } catch (err) {
          fail(err);
          return false;
        }
      },
    }),
    // Everything is read through refs, so one set of actions serves the popup's whole life.
    [],
  );

  return {
    load,
    recent,
    query,
    setQuery,
    search,
    searching: query.trim() !== '' && search?.query !== query.trim(),
    expanded,
    histories,
    tags,
    error,
    clearError: () => setError(null),
    actions,
  };
}

/** An event that only says the settings changed (not the papers): nothing the popup shows. */
function settingsOnly(e: ChangeEvent): boolean {
  return e.settings !== undefined && e.keys.length === 0 && !e.all && !e.rematch && !e.moved;
}
