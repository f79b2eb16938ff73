/** Data hooks of the library page: the search list, the counts, and one paper's details. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ChangeEvent, PaperView, Replies, SearchQuery, SightingView } from '../../lib/messages';
import { send } from '../../lib/rpc';
import { onChanged } from './ext';
import { DEFAULT_FILTERS, filtersFromHash, filtersToHash, MAX_LIMIT, PAGE_SIZE, toSearchQuery, type Filters } from './query';

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * Change events come in bursts (a page records many sightings): refresh once per burst. A hidden
 * page (a tab in the background while the reader browses digests) waits until it is shown.
 */
export function useChanges(listener: (e: ChangeEvent) => void, quietMs = 250): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let keys = new Set<string>();
    let all = false;
    let settings: ChangeEvent['settings'];
    let pending = false;
    const flush = () => {
      if (!pending || document.hidden) return;
      const merged: ChangeEvent = { type: 'dejalu.changed', keys: all ? [] : [...keys] };
      if (settings) merged.settings = settings;
      keys = new Set();
      all = false;
      settings = undefined;
      pending = false;
      ref.current(merged);
    };
    const off = onChanged((e) => {
      if (e.keys.length === 0) all = true;
      for (const k of e.keys) keys.add(k);
      settings = e.settings ?? settings;
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    });
    document.addEventListener('visibilitychange', flush);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', flush);
      off();
    };
  }, [quietMs]);
}

export interface ListState {
  filters: Filters;
  setFilters(update: Partial<Filters>): void;
  resetFilters(): void;
  papers: PaperView[];
  total: number;
  loading: boolean;
  error: string | null;
  loadMore(): void;
  refresh(): void;
  /** Replaces a paper in the list after an edit, before the change event's refresh arrives. */
  patch(paper: PaperView): void;
  /** The search the list answers (its text as last sent), for asking every paper it matches. */
  query(): SearchQuery;
}

export function useSearchList(): ListState {
  const [filters, setAll] = useState<Filters>(() => filtersFromHash(globalThis.location?.hash ?? ''));
  // The text box updates at once; the query waits for typing to pause. 80 ms, not the usual 150:
  // a search of 100k papers answers in ~15 ms (p95), so the wait was most of what the reader felt,
  // and a reply overtaken by newer typing is dropped (`generation`).
  const text = useDebounced(filters.text, 80);
  const [papers, setPapers] = useState<PaperView[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Appends and refreshes are computed from the list as it is now, not as of some render.
  const listRef = useRef<PaperView[]>([]);
  const put = (next: PaperView[]) => {
    listRef.current = next;
    setPapers(next);
  };
  const generation = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const queued = useRef(0);
  const refreshQueued = useRef(false);
  const query = { ...filters, text };
  const queryRef = useRef(query);
  queryRef.current = query;

  /**
   * Runs list work for the current query one piece at a time. A refresh and a "Load more" each
   * build on what the other loaded, so neither drops the other's rows; a new query starts afresh.
   */
  const schedule = useCallback((work: (live: () => boolean) => Promise<void>, newQuery = false) => {
    if (newQuery) {
      generation.current++;
      queue.current = Promise.resolve();
      queued.current = 0;
      refreshQueued.current = false;
    }
    const mine = generation.current;
    const live = () => mine === generation.current;
    queued.current++;
    setLoading(true);
    const done = () => {
      if (live() && --queued.current === 0) setLoading(false);
    };
    queue.current = queue.current.then(() => (live() ? work(live) : undefined)).then(done, done);
  }, []);

  const search = (offset: number, limit: number) => send({ type: 'library.search', query: toSearchQuery(queryRef.current, offset, limit) });

  /** Loads the first `want` rows, in pages the protocol allows, and shows them at once. */
  const reload = useCallback(async (want: number, live: () => boolean) => {
    const rows: PaperView[] = [];
    const keys = new Set<string>();
    let count = 0;
    for (let offset = 0; offset < want; offset += MAX_LIMIT) {
      const limit = Math.min(MAX_LIMIT, want - offset);
      const r = await search(offset, limit);
      if (!live()) return;
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      count = r.total;
      // The library may change between pages: a row moved across their border shows once.
      for (const p of r.papers) {
        if (keys.has(p.key)) continue;
        keys.add(p.key);
        rows.push(p);
      }
      if (r.papers.length < limit) break;
    }
    setError(null);
    setTotal(count);
    put(rows);
  }, []);

  // A hash changed without a reload (edited in the address bar, a linked view pasted into this tab,
  // back/forward between hashes) is applied, unless it is the view already shown.
  useEffect(() => {
    const onHash = () => {
      const next = filtersFromHash(location.hash);
      setAll((f) => (filtersToHash(f) === filtersToHash(next) ? f : next));
    };
    if (typeof window === 'undefined') return;
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const key = JSON.stringify(query);
  useEffect(() => {
    schedule((live) => reload(PAGE_SIZE, live), true);
    const hash = filtersToHash(query);
    if (globalThis.history && hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  }, [key, schedule, reload]);

  const refresh = useCallback(() => {
    // One waiting refresh is enough: it reads the list when it starts.
    if (refreshQueued.current) return;
    refreshQueued.current = true;
    schedule((live) => {
      refreshQueued.current = false;
      return reload(Math.max(PAGE_SIZE, listRef.current.length), live);
    });
  }, [schedule, reload]);

  const loadMore = useCallback(() => {
    schedule(async (live) => {
      const r = await search(listRef.current.length, PAGE_SIZE);
      if (!live()) return;
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setError(null);
      setTotal(r.total);
      const have = new Set(listRef.current.map((p) => p.key));
      put([...listRef.current, ...r.papers.filter((p) => !have.has(p.key))]);
    });
  }, [schedule]);

  return {
    filters,
    setFilters: (update) => setAll((f) => ({ ...f, ...update })),
    resetFilters: () => setAll(DEFAULT_FILTERS),
    papers,
    total,
    loading,
    error,
    loadMore,
    refresh,
    patch: (paper) => put(listRef.current.map((p) => (p.key === paper.key ? paper : p))),
    query: () => toSearchQuery(queryRef.current, 0),
  };
}

export type Stats = Omit<Replies['library.stats'], never>;
export type TagCount = Replies['tags.list']['tags'][number];

/** The header counts and the tag list (filters, suggestions). */
export function useOverview(): { stats: Stats | null; tags: TagCount[]; reload(): void } {
  const [stats, setStats] = useState<Stats | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const reload = useCallback(() => {
    void send({ type: 'library.stats' }).then((r) => {
      if (r.ok) {
        const { ok: _, ...stats } = r;
        setStats(stats);
      }
    });
    void send({ type: 'tags.list' }).then((r) => {
      if (r.ok) setTags(r.tags);
    });
  }, []);
  useEffect(reload, [reload]);
  return { stats, tags, reload };
}

export interface PaperDetail {
  paper: PaperView | null;
  sightings: SightingView[];
  notSame: PaperView[];
  loading: boolean;
  error: string | null;
}

export function usePaper(key: string | null): PaperDetail & { reload(): void; set(paper: PaperView): void } {
  const [state, setState] = useState<PaperDetail>({ paper: null, sightings: [], notSame: [], loading: false, error: null });
  const seq = useRef(0);
  const reload = useCallback(() => {
    if (key === null) {
      setState({ paper: null, sightings: [], notSame: [], loading: false, error: null });
      return;
    }
    const mine = ++seq.current;
    // Another paper's details must not linger while this one loads.
    setState((s) => (s.paper?.key === key ? { ...s, loading: true } : { paper: null, sightings: [], notSame: [], loading: true, error: null }));
    void send({ type: 'paper.get', key }).then((r) => {
      if (mine !== seq.current) return;
      if (!r.ok) setState((s) => ({ ...s, loading: false, error: r.error.message }));
      else setState({ paper: r.paper, sightings: r.sightings, notSame: r.notSame, loading: false, error: null });
    });
  }, [key]);
  useEffect(reload, [reload]);
  return { ...state, reload, set: (paper) => setState((s) => ({ ...s, paper })) };
}
