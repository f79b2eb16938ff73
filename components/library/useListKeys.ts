/**
 * The library list's keys, as a mail client's: `j`/`k` open the next or previous paper's details
 * (loading more at the end of the list), `x` ticks the open paper, `s` saves or unsaves it, Escape
 * closes the details. A bare key only, never while typing (the search box, a note, a tag field):
 * the same rule as the digest pages' shortcuts.
 */
import { useEffect, useRef } from 'preact/hooks';
import { isTyping } from '../../lib/page/keyboard';

export interface ListKeys {
  /** The list is the tab shown. */
  enabled: boolean;
  keys: readonly string[];
  /** More rows than shown match. */
  more: boolean;
  activeKey: string | null;
  open(key: string | null): void;
  loadMore(): void;
  tick(key: string): void;
  toggleSave(key: string): void;
}

export function useListKeys(state: ListKeys): void {
  // One listener for the page's life, reading the state of the latest render.
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!latest.current.enabled || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.composedPath()[0] ?? e.target)) return;
      const { keys, more, activeKey, open, loadMore, tick, toggleSave } = latest.current;
      const at = activeKey === null ? -1 : keys.indexOf(activeKey);
      const key = e.key;
      if (key === 'j' || key === 'k') {
        if (keys.length === 0) return;
        const next = at === -1 ? 0 : at + (key === 'j' ? 1 : -1);
        if (next >= keys.length && more) loadMore();
        const target = keys[Math.max(0, Math.min(keys.length - 1, next))]!;
        open(target);
        // The row in view, as the reader moves down a long list.
        document.querySelector(`[data-testid="paper-row"][data-key="${CSS.escape(target)}"]`)?.scrollIntoView({ block: 'nearest' });
      } else if (key === 'x' && activeKey !== null) tick(activeKey);
      else if (key === 's' && activeKey !== null) toggleSave(activeKey);
      else if (key === 'Escape' && activeKey !== null) open(null);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
