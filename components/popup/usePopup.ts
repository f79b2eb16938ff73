/**
 * The popup's state and its conversation with the background: the first screen comes from one
 * `tab.get`; tags and histories are fetched when first needed; change events refresh only the rows
 * they name.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChangeEvent, PageInfo, PaperView, SightingView } from '../../lib/messages';
import { call, send } from '../../lib/rpc';
import { onPapersChanged, resolveTabId } from './ext';
import { keysOf, rowFromPaper, rowsFromTab, targetOf, withPaper, type Row } from './model';
import type { RowActions } from './PaperRow';
import type { TagCount } from './tags';

export type PageLoad =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; page: PageInfo | null; rows: Row[] };

export interface SearchState {
  query: string;
  rows: Row[];
  total: number;
}

const RECENT = 10;
const SEARCH_LIMIT = 50;
const SEARCH_DELAY = 150;

type Target = NonNullable<ReturnType<typeof targetOf>>;

export function usePopup(getTabId: () => Promise<number | null> = resolveTabId) {
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
  /** Keys learnt from replies before the re-render, so a second quick edit never creates a twin. */
  const createdKeys = useRef(new Map<string, string>());
  const creating = useRef(new Map<string, Promise<unknown>>());
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
    setError(err instanceof Error ? err.message : String(err));
  }, []);

  /** The edited paper back from the background: every row showing it (page, search, recent) follows. */
  const applyPaper = (id: string, oldKey: string | undefined, paper: PaperView) => {
    createdKeys.current.set(id, paper.key);
    mapRows((r) => {
      const key = r.current.paper?.key;
      return r.id === id || (key !== undefined && (key === oldKey || key === paper.key)) ? withPaper(r, paper) : r;
    });
  };

  // ---- loading -----------------------------------------------------------------------------------

  const loadRecent = useCallback(async () => {
    const reply = await send({ type: 'library.recent', limit: RECENT });
    if (reply.ok) setRecent(reply.papers.map((p) => rowFromPaper(p, 'recent')));
  }, []);

  const loadTab = useCallback(async (refresh: boolean) => {
    const id = tabId.current;
    if (id === null) {
      setLoad({ kind: 'ready', page: null, rows: [] });
      return;
    }
    const reply = await send({ type: 'tab.get', tabId: id });
    if (!reply.ok) {
      if (!refresh) setLoad({ kind: 'error', message: reply.error.message });
      return;
    }
    const fresh = reply.state ? rowsFromTab(reply.state, reply.statuses) : [];
    const old = new Map((latest.current.load.kind === 'ready' ? latest.current.load.rows : []).map((r) => [r.id, r]));
    // A split made in this popup stays visible even if the reply was computed before it landed.
    const rows = fresh.map((r) => {
      const before = old.get(r.id);
      return before?.splitFrom !== undefined ? { ...r, splitFrom: before.splitFrom, current: r.current.match?.rule === 'similar-title' ? before.current : r.current } : r;
    });
    setLoad({ kind: 'ready', page: reply.state?.page ?? null, rows });
    if (rows.length === 0 && latest.current.recent === null) void loadRecent();
  }, [loadRecent]);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        tabId.current = await getTabId();
      } catch {
        tabId.current = null;
      }
      if (live) await loadTab(false);
    })();
    return () => {
      live = false;
    };
  }, [getTabId, loadTab]);

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
    async ({ keys, settings }: ChangeEvent) => {
      if (keys.length === 0) {
        // Settings alone do not change what the popup shows.
        if (settings) return;
        void loadTab(true);
        if (latest.current.recent !== null) void loadRecent();
        if (latest.current.tags !== null) void loadTags();
        setSearchRound((n) => n + 1);
        return;
      }
      if (latest.current.tags !== null) void loadTags();
      const rows = allRows();
      const known = keysOf(rows);
      const hit = keys.filter((k) => known.has(k));
      const unknown = hit.length < keys.length;
      const { load, expanded, histories } = latest.current;
      const pageRows = load.kind === 'ready' ? load.rows : [];

      // A key we do not show may be a card of this page that has just been stored (a badge saved it).
      if (unknown && pageRows.some((r) => !r.current.paper)) void loadTab(true);
      if (unknown && latest.current.recent !== null) void loadRecent();

      if (hit.length > 0) {
        const reply = await send({ type: 'papers.get', keys: hit });
        if (reply.ok) {
          const byKey = new Map(hit.map((k, i) => [k, reply.papers[i] ?? null]));
          mapRows((r) => {
            const key = r.current.paper?.key;
            if (key === undefined || !byKey.has(key)) return r;
            return withPaper(r, byKey.get(key) ?? null);
          });
        }
        const open = new Set(rows.filter((r) => expanded.has(r.id)).map((r) => r.current.paper?.key));
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

  useEffect(() => onPapersChanged((event) => void onChanged(event)), [onChanged]);

  // ---- edits -------------------------------------------------------------------------------------

  /**
   * Send an edit for a row. The message leaves synchronously when the row's paper is known, which
   * matters for the note flushed on pagehide; a row whose paper is being created waits for its key.
   */
  const edit = (id: string, request: (target: Target) => Promise<{ paper: PaperView }>): Promise<PaperView | null> => {
    const pending = creating.current.get(id);
    if (pending) return pending.then(() => edit(id, request), () => edit(id, request));
    const row = findRow(id);
    if (!row) return Promise.resolve(null);
    const key = row.current.paper?.key ?? createdKeys.current.get(id);
    const target = key !== undefined ? { key } : targetOf(row);
    if (!target) return Promise.resolve(null);
    const done = request(target).then(
      ({ paper }) => {
        applyPaper(id, row.current.paper?.key, paper);
        return paper;
      },
      (err: unknown) => {
        fail(err);
        throw err;
      },
    );
    if ('card' in target) {
      creating.current.set(id, done);
      const clear = () => creating.current.delete(id);
      done.then(clear, clear);
    }
    return done;
  };

  const actions: RowActions = useMemo(
    () => ({
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
      toggleSave(id) {
        const row = findRow(id);
        if (!row) return;
        const saved = row.current.status !== 'saved';
        const undo = row.current;
        mapRows((r) =>
          r.id === id
            ? { ...r, current: { ...r.current, status: saved ? 'saved' : r.current.status === 'saved' ? 'seen' : r.current.status } }
            : r,
        );
        edit(id, (target) => call({ type: 'paper.save', target, saved })).catch(() =>
          mapRows((r) => (r.id === id ? { ...r, current: undo } : r)),
        );
      },
      addTag(id, tag) {
        optimisticTags(id, (tags) => (tags.includes(tag) ? tags : [...tags, tag]));
        edit(id, (target) => call({ type: 'paper.tags', target, add: [tag] })).catch(() => undefined);
      },
      removeTag(id, tag) {
        optimisticTags(id, (tags) => tags.filter((t) => t !== tag));
        edit(id, (target) => call({ type: 'paper.tags', target, remove: [tag] })).catch(() => undefined);
      },
      saveNote(id, text) {
        return edit(id, (target) => call({ type: 'paper.note', target, note: text }));
      },
      notSame(id) {
        const row = findRow(id);
        const a = row?.current.paper;
        if (!row?.card || !a) return;
        call({ type: 'papers.notSame', a: a.key, b: row.page ? { card: row.card, page: row.page } : { card: row.card } }).then(
          ({ b }) => {
            createdKeys.current.set(id, b.key);
            mapRows((r) =>
              r.id === id
                ? { ...r, splitFrom: a.title, current: { status: b.savedAt !== undefined ? 'saved' : 'new', paper: b } }
                : r,
            );
          },
          fail,
        );
      },
      wantTags() {
        if (latest.current.tags === null) void loadTags();
      },
    }),
    // The actions read everything through refs, so one set serves the popup's whole life.
    [],
  );

  /** Chips appear at once and the reply's paper replaces them; a card not stored yet waits for it. */
  function optimisticTags(id: string, fn: (tags: string[]) => string[]) {
    mapRows((r) => (r.id === id && r.current.paper ? { ...r, current: { ...r.current, paper: { ...r.current.paper, tags: fn(r.current.paper.tags) } } } : r));
  }

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
