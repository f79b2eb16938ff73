/** A stand-in background for library page tests: answers the protocol from an in-memory list. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { DEFAULT_SETTINGS, type ChangeEvent, type PaperView, type Replies, type Request, type RequestType, type SearchQuery } from '../../lib/messages';
import { setVenue } from '../../lib/venue';

export function paper(over: Partial<PaperView> & Pick<PaperView, 'key' | 'title'>): PaperView {
  return { authors: [], urls: [], sites: ['huggingface'], seenCount: 1, tags: [], note: '', updatedAt: 1, ...over };
}

type Handler<T extends RequestType> = (req: Extract<Request, { type: T }>) => Replies[T] | Promise<Replies[T]>;
export type Handlers = { [T in RequestType]?: Handler<T> };

export function fakeBackground(papers: PaperView[], overrides: Handlers = {}) {
  const requests: Request[] = [];
  const listeners = new Set<(m: unknown) => void>();
  let db = [...papers];
  const byKey = (k: string) => db.find((p) => p.key === k);
  const update = (k: string, f: (p: PaperView) => PaperView) => {
    db = db.map((p) => (p.key === k ? f(p) : p));
    return byKey(k)!;
  };
  const matches = (q: SearchQuery) => {
    const text = (q.text ?? '').toLowerCase();
    let hits = db.filter((p) => !text || p.title.toLowerCase().includes(text));
    if (q.status === 'saved') hits = hits.filter((p) => p.savedAt);
    if (q.tag) hits = hits.filter((p) => p.tags.includes(q.tag!));
    return hits;
  };
  const defaults: Handlers = {
    'library.search': ({ query }) => {
      const q = query as SearchQuery;
      const hits = matches(q);
      const offset = q.offset ?? 0;
      return { total: hits.length, papers: hits.slice(offset, offset + (q.limit ?? 50)) };
    },
    'library.keys': ({ query }) => {
      const hits = matches(query as SearchQuery);
      return { total: hits.length, keys: hits.map((p) => p.key) };
    },
    'library.stats': () => ({ papers: db.length, saved: db.filter((p) => p.savedAt).length, sightings: 0, tags: 0, unbackedUp: 0 }),
    'tags.list': () => ({ tags: [...new Set(db.flatMap((p) => p.tags))].map((tag) => ({ tag, count: 1 })) }),
    'paper.get': ({ key }) => ({ paper: byKey(key) ?? null, sightings: [], notSame: [] }),
    'papers.cite': ({ keys }) => ({
      bibtex: keys.map((k) => `@misc{${k.replace(/\W/g, '')},\n  title = {${byKey(k)?.title}}\n}\n`).join('\n'),
      count: keys.length,
    }),
    'paper.save': ({ target, saved }) => ({ paper: update((target as { key: string }).key, (p) => ({ ...p, savedAt: saved ? 5 : undefined })) }),
    'paper.venue': ({ type: _t, key, ...venue }) => {
      if (venue.year === 1900) throw new Error('Refused for the test.');
      const set = (p: PaperView) => {
        const next = { ...p };
        setVenue(next, venue);
        return next;
      };
      return { paper: update(key, set) };
    },
    // Held already by its exact title; by a near one when the card's title is it plus an "s".
    'paper.add': ({ card, asNew }) => {
      const same = db.find((p) => p.title === card.title);
      if (same) return { paper: same, existed: true, match: { rule: 'title', text: 'same title' } };
      const near = db.find((p) => `${p.title}s` === card.title);
      if (near && !asNew) return { paper: near, existed: true, match: { rule: 'similar-title', text: 'similar title (0.95)' } };
      const made = paper({ key: card.arxivId ? `arxiv:${card.arxivId}` : `title:${card.title}`, title: card.title, authors: card.authors ?? [], sites: ['manual'], seenCount: 0, savedAt: 7 });
      db = [made, ...db];
      return { paper: made, existed: false };
    },
    'paper.note': ({ target, note }) => ({ paper: update((target as { key: string }).key, (p) => ({ ...p, note })) }),
    'paper.tags': ({ target, add, remove }) => ({
      paper: update((target as { key: string }).key, (p) => ({
        ...p,
        tags: [...new Set([...p.tags, ...(add ?? [])])].filter((t) => !(remove ?? []).includes(t)),
      })),
    }),
    'papers.bulk': ({ keys, op }) => {
      if (op.kind === 'delete') {
        const gone = db.filter((p) => keys.includes(p.key));
        db = db.filter((p) => !keys.includes(p.key));
        return { changed: gone.length, snapshot: JSON.stringify(gone) };
      }
      for (const k of keys) {
        update(k, (p) =>
          op.kind === 'tag' ? { ...p, tags: [...p.tags, op.tag] } : op.kind === 'save' ? { ...p, savedAt: 9 } : p,
        );
      }
      return { changed: keys.length };
    },
    'papers.restore': ({ snapshot }) => {
      const back = JSON.parse(snapshot!) as PaperView[];
      db = [...db, ...back];
      return { restored: back.length };
    },
    'library.export': ({ format, keys }) => ({ filename: `dejalu.${format}`, mime: 'text/plain', text: 'exported', count: keys?.length ?? db.length, parts: 1 }),
    'library.clear': () => {
      db = [];
      return { ok: true };
    },
    'library.import': () => ({ added: 2, updated: 1, sightings: 0, format: 'bibtex' }),
    'settings.get': () => ({ settings: DEFAULT_SETTINGS }),
  };
  const handlers = { ...defaults, ...overrides } as Record<string, (r: unknown) => unknown>;
  const chromeStub = {
    runtime: {
      sendMessage: vi.fn(async (req: Request) => {
        requests.push(req);
        const h = handlers[req.type];
        if (!h) return { ok: false, error: { code: 'internal', message: `no handler for ${req.type}` } };
        try {
          return { ok: true, ...((await h(req)) as object) };
        } catch (err) {
          return { ok: false, error: { code: 'import-failed', message: (err as Error).message } };
        }
      }),
      onMessage: {
        addListener: (l: (m: unknown) => void) => listeners.add(l),
        removeListener: (l: (m: unknown) => void) => listeners.delete(l),
      },
    },
  };
  vi.stubGlobal('chrome', chromeStub);
  return {
    requests,
    of: <T extends RequestType>(type: T) => requests.filter((r): r is Extract<Request, { type: T }> => r.type === type),
    push: (e: Omit<ChangeEvent, 'type'>) => listeners.forEach((l) => l({ type: 'dejalu.changed', ...e })),
    get papers() {
      return db;
    },
  };
}

export function mount(node: preact.ComponentChild) {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
  return {
    root,
    $: <E extends Element = HTMLElement>(sel: string) => root.querySelector<E>(sel) as E | null,
    $$: <E extends Element = HTMLElement>(sel: string) => [...root.querySelectorAll<E>(sel)],
    testid: (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`),
    unmount: () => {
      act(() => render(null, root));
      root.remove();
    },
  };
}

/** Lets replies, effects and short timers run. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

export async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(el: Element | null): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
}

/** A key pressed with the focus on `target` (the page when none). */
/** Submits a form as Enter in one of its fields does. */
export async function submit(form: Element | null): Promise<void> {
  if (!form) throw new Error('no form to submit');
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

export async function press(key: string, target: Element | Document = document): Promise<void> {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export async function choose(el: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
