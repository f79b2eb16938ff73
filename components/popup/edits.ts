/**
 * Edits from the popup's rows: save, tags, note, "not the same paper". Each one is optimistic where
 * a wrong guess is harmless, and every row showing the paper follows the stored paper that comes
 * back.
 */
import type { PaperView } from '../../lib/messages';
import { call } from '../../lib/rpc';
import { targetOf, withPaper, type Row } from './model';
import type { RowActions } from './PaperRow';

type Target = NonNullable<ReturnType<typeof targetOf>>;

export interface EditDeps {
  /** The row as it is now (not as of some render). */
  findRow(id: string): Row | undefined;
  /** Apply to every list the popup holds: page rows, search results, recently saved. */
  mapRows(fn: (row: Row) => Row): void;
  /** The rows of the page's cards, as they are now. */
  pageRows(): Row[];
  fail(err: unknown): void;
}

export function createEditActions({ findRow, mapRows, pageRows, fail }: EditDeps): Omit<RowActions, 'toggleExpand' | 'wantTags' | 'copyBibtex'> {
  /** Keys learnt from replies before the re-render, so a second quick edit never creates a twin. */
  const createdKeys = new Map<string, string>();
  /** Rows whose card was sent once to teach the library (Row.learn). */
  const taught = new Set<string>();
  /** Rows whose paper is being created by an edit: later edits wait for its key. */
  const creating = new Map<string, Promise<unknown>>();

  const applyPaper = (id: string, oldKey: string | undefined, paper: PaperView) => {
    createdKeys.set(id, paper.key);
    mapRows((r) => {
      const key = r.current.paper?.key;
      return r.id === id || (key !== undefined && (key === oldKey || key === paper.key)) ? withPaper(r, paper) : r;
    });
  };

  /**
   * Send an edit for a row. The message leaves synchronously when the row's paper is known, which
   * matters for the note flushed on pagehide; a row whose paper is being created waits for its key.
   */
  const edit = (id: string, request: (target: Target) => Promise<{ paper: PaperView }>): Promise<PaperView | null> => {
    const pending = creating.get(id);
    if (pending) return pending.then(() => edit(id, request), () => edit(id, request));
    const row = findRow(id);
    if (!row) return Promise.resolve(null);
    const key = row.current.paper?.key ?? createdKeys.get(id);
    // A page's paper (its citation tags) goes as its card once, to the paper it matched too: the
    // reader's edit there teaches the library what the page says (its venue, DOI, addresses).
    const teach = row.learn && row.card && !taught.has(id) ? { card: row.card } : undefined;
    const target = teach ?? (key !== undefined ? { key } : targetOf(row));
    if (!target) return Promise.resolve(null);
    const done = request(target).then(
      ({ paper }) => {
        if (teach) taught.add(id);
        applyPaper(id, row.current.paper?.key, paper);
        return paper;
      },
      (err: unknown) => {
        fail(err);
        throw err;
      },
    );
    if ('card' in target) {
      creating.set(id, done);
      const clear = () => creating.delete(id);
      done.then(clear, clear);
    }
    return done;
  };

  /** Chips appear at once and the reply's paper replaces them; a card not stored yet waits for it. */
  const optimisticTags = (id: string, fn: (tags: string[]) => string[]) =>
    mapRows((r) =>
      r.id === id && r.current.paper ? { ...r, current: { ...r.current, paper: { ...r.current.paper, tags: fn(r.current.paper.tags) } } } : r,
    );

  return {
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
      const b = row.page ? { card: row.card, page: row.page } : { card: row.card };
      // Another card of the page shown as this very paper: the visit's sighting is its own too.
      const aOnPage = pageRows().some((r) => r.id !== id && r.current.paper?.key === a.key);
      call({ type: 'papers.notSame', a: a.key, b, aOnPage }).then(({ b: own }) => {
        createdKeys.set(id, own.key);
        mapRows((r) =>
          r.id === id ? { ...r, splitFrom: a.title, current: { status: own.savedAt !== undefined ? 'saved' : 'new', paper: own } } : r,
        );
      }, fail);
    },
  };
}
