/** Data hooks of the library page: the search list, the counts, and one paper's details. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ChangeEvent, PaperView, Replies, SightingView } from '../../lib/messages';
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

/** Change events come in bursts (a page records many sightings): refresh once per burst. */
export function useChanges(listener: (e: ChangeEvent) => void, quietMs = 250): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let keys = new Set<string>();
    let all = false;
    let settings: ChangeEvent['settings'];
    const off = onChanged((e) => {
      if (e.keys.length === 0) all = true;
      for (const k of e.keys) keys.add(k);
      settings = e.settings ?? settings;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const merged: ChangeEvent = { type: 'dejalu.changed', keys: all ? [] : [...keys] };
        if (settings) merged.settings = settings;
        keys = new Set();
        all = false;
        settings = undefined;
        ref.current(merged);
      }, quietMs);
    });
    return () => {
      clearTimeout(timer);
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
}

export function useSearchList(): ListState {
  const [filters, setAll] = useState<Filters>(() => filtersFromHash(globalThis.location?.hash ?? ''));
  // The text box updates at once; the query waits for typing to pause. 80 ms, not the usual 150:
  // a search of 100k papers answers in ~15 ms (p95), so the wait was most of what the reader felt,
  // and a reply overtaken by newer typing is dropped (`seq`).
  const text = useDebounced(filters.text, 80);
  const [papers, setPapers] = useState<PaperView[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const loaded = useRef(0);
  const query = { ...filters, text };
  const queryRef = useRef(query);
  queryRef.current = query;

  const run = useCallback(async (offset: number, limit: number, append: boolean) => {
    const mine = ++seq.current;
    setLoading(true);
    const r = await send({ type: 'library.search', query: toSearchQuery(queryRef.current, offset, limit) });
    // A newer query (more typing, another filter) wins over an older slow reply.
    if (mine !== seq.current) return;
    setLoading(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    setTotal(r.total);
    setPapers((prev) => {
      const next = append ? [...prev, ...r.papers.filter((p) => !prev.some((q) => q.key === p.key))] : r.papers;
      loaded.current = next.length;
      return next;
    });
  }, []);

  const key = JSON.stringify(query);
  useEffect(() => {
    void run(0, PAGE_SIZE, false);
    const hash = filtersToHash(query);
    if (globalThis.history && hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(null, '', hash || location.pathname + location.search);
    }
  }, [key, run]);

  const refresh = useCallback(() => {
    void run(0, Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, loaded.current)), false);
  }, [run]);

  return {
    filters,
    setFilters: (update) => setAll((f) => ({ ...f, ...update })),
    resetFilters: () => setAll(DEFAULT_FILTERS),
    papers,
    total,
    loading,
    error,
    loadMore: () => void run(loaded.current, PAGE_SIZE, true),
    refresh,
    patch: (paper) => setPapers((prev) => prev.map((p) => (p.key === paper.key ? paper : p))),
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
      if (r.ok) setStats({ papers: r.papers, saved: r.saved, sightings: r.sightings, tags: r.tags });
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
