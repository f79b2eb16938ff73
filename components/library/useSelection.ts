/**
 * The library page's bulk selection: the rows ticked, or every paper the search matches ("select
 * all that match", as a mail client offers once a whole page is ticked).
 *
 * Bulk actions (delete above all) reach only papers the reader chose: ticked rows, which leave the
 * selection when they leave the list (deleted, no longer matching after an edit), or the search's
 * matches, which are asked again whenever the list changes, so the selection stays what it says.
 * A new search, filter or sort starts a new selection: keeping ticks across it would depend on
 * which replies arrived while the filters changed.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchQuery } from '../../lib/messages';
import { send } from '../../lib/rpc';
import { keepListed, pageSelection, range, setMany, toggle, type PageSelection } from './selection';

export interface Selection {
  selected: ReadonlySet<string>;
  /** The selection is every paper the search matches, not only rows shown. */
  matching: boolean;
  page: PageSelection;
  /** A row's checkbox; with shift, the rows from the last one clicked. */
  select(key: string, on: boolean, shift: boolean): void;
  /** The list's own checkbox: every row shown. */
  selectPage(on: boolean): void;
  selectMatching(): Promise<void>;
  clear(): void;
}

/**
 * `keys`: the rows shown, in order; `queryKey` names the search they answer; `query()` is that
 * search as the list last asked it.
 */
export function useSelection(keys: readonly string[], queryKey: string, query: () => SearchQuery, onError: (message: string) => void): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [matching, setMatching] = useState(false);
  const anchor = useRef<string | null>(null);
  // Replies to "every match" asked before the latest question, or before the search changed, are dropped.
  const asked = useRef(0);

  const askMatching = async () => {
    const mine = ++asked.current;
    const r = await send({ type: 'library.keys', query: query() });
    if (mine !== asked.current) return;
    if (!r.ok) {
      onError(r.error.message);
      return;
    }
    setSelected(new Set(r.keys));
    setMatching(true);
  };

  const clear = () => {
    asked.current++;
    setMatching(false);
    setSelected((s) => (s.size === 0 ? s : new Set()));
    anchor.current = null;
  };

  useEffect(clear, [queryKey]);
  useEffect(() => {
    if (matching) void askMatching();
    else setSelected((s) => keepListed(s, keys));
  }, [keys]);

  /** Back to ticked rows: the matches the list shows stay ticked, the others are let go. */
  const leaveMatching = (): ((s: ReadonlySet<string>) => ReadonlySet<string>) => {
    if (!matching) return (s) => s;
    asked.current++;
    setMatching(false);
    return (s) => keepListed(s, keys);
  };

  return {
    selected,
    matching,
    page: pageSelection(selected, keys),
    select(key, on, shift) {
      const span = shift && anchor.current ? range(keys, anchor.current, key) : null;
      const base = leaveMatching();
      setSelected((s) => (span ? setMany(base(s), span, on) : toggle(base(s), key, on)));
      anchor.current = key;
    },
    selectPage(on) {
      if (!on && matching) return clear();
      const base = leaveMatching();
      setSelected((s) => setMany(base(s), keys, on));
    },
    selectMatching: askMatching,
    clear,
  };
}
