// @vitest-environment happy-dom
/**
 * The badge panel as the page of its own it is (entrypoints/panel): what it shows, the edits it
 * sends, what it tells the badge that holds it, and following changes made elsewhere.
 */
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, key, seenOct29, settle, type } from './ui';
import type { ChangeEvent, PanelAppPost, PanelField, PanelParams, PaperView } from '../../lib/messages';

vi.mock('../../lib/rpc', () => import('./rpc-mock').then((m) => m.rpcMock()));
import { send } from '../../lib/rpc';
import { PanelApp } from '../../components/panel/PanelApp';

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03' };
const CARD = { title: 'Scaling Laws for Tiny Models', arxivId: '2511.00001' };

function paper(over: Partial<PaperView> = {}): PaperView {
  return { key: 'arxiv:2511.00001', title: CARD.title, authors: [], arxivId: '2511.00001', urls: [], sites: ['huggingface'], seenCount: 0, tags: [], note: '', updatedAt: 1, ...over };
}
function params(over: Partial<PanelParams> = {}): PanelParams {
  return { card: CARD, page: PAGE, status: 'new', before: 'new', ...over };
}

const sendMock = vi.mocked(send);
type Msg = { type: string; [k: string]: unknown };
let replies: Record<string, (m: Msg) => unknown>;
let stored: PaperView | null;
/** What a `cards.lookup` of the card finds: nothing, unless a test stores the card meanwhile. */
let found: PaperView | null;
let root: HTMLElement;
let posts: PanelAppPost[];
let changed: ((ev: ChangeEvent) => void) | undefined;
let command: ((c: { field?: PanelField }) => void) | undefined;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  posts = [];
  stored = paper();
  found = null;
  replies = {
    'cards.lookup': () => ({ ok: true, statuses: [found ? { status: 'seen', paper: found } : { status: 'new' }] }),
    'tags.list': () => ({ ok: true, tags: [{ tag: 'llm-eval', count: 3 }, { tag: 'rl', count: 1 }, { tag: 'small-llm', count: 7 }] }),
    'paper.save': (m) => ({ ok: true, paper: (stored = paper({ ...stored, savedAt: m['saved'] ? 5 : undefined, updatedAt: 2 })) }),
    'paper.tags': (m) => {
      const tags = [...(stored?.tags ?? []).filter((t) => !(m['remove'] as string[]).includes(t)), ...(m['add'] as string[])];
      return { ok: true, paper: (stored = paper({ ...stored, tags, updatedAt: 3 })) };
    },
    'paper.note': (m) => ({ ok: true, paper: (stored = paper({ ...stored, note: m['note'] as string, updatedAt: 4 })) }),
    'paper.get': () => ({
      ok: true,
      paper: stored,
      notSame: [],
      sightings: [seenOct29()],
    }),
  };
  sendMock.mockReset();
  sendMock.mockImplementation((async (m: Msg) => replies[m.type]!(m)) as never);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

async function open(p: PanelParams, focus?: PanelField | 'panel', takeTyped?: () => string) {
  await act(() =>
    render(
      <PanelApp
        params={p}
        focus={focus}
        post={(m) => posts.push(m)}
        onChanged={(fn) => ((changed = fn), () => (changed = undefined))}
        onCommand={(fn) => ((command = fn), () => (command = undefined))}
        takeTyped={takeTyped}
      />,
      root,
    ),
  );
  await settle();
}
const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T & HTMLElement>(sel);
const edits = () => sendMock.mock.calls.map(([m]) => m as Msg).filter((m) => m.type.startsWith('paper.') && m.type !== 'paper.get' && m.type !== 'paper.cite');

describe('the badge panel page', () => {
  it('shows the stored paper, the card title as text, and tells the badge its height', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>Title';
    await open(params({ card: { title: evil }, key: 'arxiv:2511.00001', status: 'seen', before: 'seen' }));
    expect($('[data-field=title]')?.textContent).toBe(evil);
    expect(root.querySelector('img, script')).toBeNull();
    expect(posts.filter((p) => p.kind === 'size')).toHaveLength(1);
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.get', key: 'arxiv:2511.00001' });
  });

  it('says how the card was matched, when not by its arXiv id', async () => {
    await open(params({ key: 'arxiv:2511.00001', match: 'same title' }));
    expect($('[data-field=status]')?.textContent).toContain('same title');
  });

  it('names where the paper was published: the library\'s venue, else the page\'s for a paper the library does not hold', async () => {
    stored = paper({ proceedings: 'ICLR 2026', seenCount: 1 });
    await open(params({ card: { ...CARD, journal: 'Some Journal' }, key: 'arxiv:2511.00001', status: 'seen', before: 'seen' }));
    expect($('[data-field=venue]')?.textContent).toBe('ICLR 2026');
    expect($('[data-field=status]')?.textContent).toMatch(/ · ICLR 2026$/);
    render(null, root);
    // A venue the reader cleared stays cleared, whatever the page says.
    stored = paper({ venueFixed: true, seenCount: 1 });
    await open(params({ card: { ...CARD, journal: 'Some Journal' }, key: 'arxiv:2511.00001', status: 'seen', before: 'seen' }));
    expect($('[data-field=venue]')).toBeNull();
    render(null, root);
    stored = null;
    await open(params({ card: { ...CARD, journal: 'Phys. Rev. B' } }));
    expect($('[data-field=venue]')?.textContent).toBe('Phys. Rev. B');
  });

  it('completes tags from the library; a first tag saves the card, then tags it, and the badge is told', async () => {
    stored = null;
    await open(params());
    expect(sendMock).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'paper.get' }));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await act(() => void input.dispatchEvent(new Event('focus')));
    await type(input, 'll');
    const offered = [...root.querySelectorAll('[data-suggestion]')].map((li) => li.getAttribute('data-suggestion'));
    expect(offered).toEqual(['llm-eval', 'small-llm']);
    await key(input, 'ArrowDown');
    await key(input, 'Enter');
    expect(edits()).toEqual([
      { type: 'paper.save', target: { card: CARD, page: PAGE }, saved: true },
      // The paper exists now: the next edit goes to it by key.
      { type: 'paper.tags', target: { key: 'arxiv:2511.00001' }, add: ['llm-eval'], remove: [] },
    ]);
    expect(posts.filter((p) => p.kind === 'paper')).toEqual([
      { dejalu: 'panel', kind: 'paper', key: 'arxiv:2511.00001' },
      { dejalu: 'panel', kind: 'paper', key: 'arxiv:2511.00001' },
    ]);
    expect($('[data-field=status]')?.textContent).toMatch(/^Saved/);
    expect([...root.querySelectorAll('.chip')].map((c) => c.textContent)).toEqual(['#llm-eval×']);
  });

  it('offers at most 6 library tags', async () => {
    replies['tags.list'] = () => ({ ok: true, tags: Array.from({ length: 12 }, (_, i) => ({ tag: `tag-${i}`, count: i })) });
    await open(params({ key: 'arxiv:2511.00001' }));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await act(() => void input.dispatchEvent(new Event('focus')));
    await type(input, 'tag');
    const offered = [...root.querySelectorAll('[data-suggestion]')].map((li) => li.getAttribute('data-suggestion'));
    expect(offered).toEqual(['tag-11', 'tag-10', 'tag-9', 'tag-8', 'tag-7', 'tag-6']);
  });

  it('adds a typed tag normalised, and removes a chip', async () => {
    stored = paper({ savedAt: 1, tags: ['old'] });
    await open(params({ key: 'arxiv:2511.00001', status: 'saved', before: 'saved' }));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await type(input, 'Large Models');
    await key(input, 'Enter');
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.tags', target: { key: 'arxiv:2511.00001' }, add: ['large-models'], remove: [] });
    await click($('.chip .chip-x'));
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.tags', target: { key: 'arxiv:2511.00001' }, add: [], remove: ['old'] });
  });

  it("opens the library on a tag's papers from its chip, and on the paper's details", async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    stored = paper({ savedAt: 1, tags: ['must-read'] });
    await open(params({ key: 'arxiv:2511.00001', status: 'saved', before: 'saved' }));
    await click($('[data-testid=tag-open]')!);
    expect(create).toHaveBeenLastCalledWith({ url: expect.stringMatching(/\/library\.html#tag=must-read$/) });
    // The chip's name is not an edit, nor does it take the tag field's focus.
    expect(sendMock).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'paper.tags' }));
    await click($('[data-action=panel-library]')!);
    expect(create).toHaveBeenLastCalledWith({ url: expect.stringMatching(/\/library\.html#paper=arxiv%3A2511\.00001$/) });
    create.mockRestore();
  });

  it('adds a typed, unconfirmed tag when the panel goes away (closed by the badge)', async () => {
    stored = paper({ savedAt: 1 });
    await open(params({ key: 'arxiv:2511.00001', status: 'saved', before: 'saved' }));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await act(() => {
      input.focus();
      input.value = 'llm';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => render(null, root));
    await settle();
    expect(edits().filter((m) => m.type === 'paper.tags')).toEqual([{ type: 'paper.tags', target: { key: 'arxiv:2511.00001' }, add: ['llm'], remove: [] }]);
  });

  it('saves the note 300 ms after typing stops, and at once on blur and pagehide', async () => {
    await open(params({ key: 'arxiv:2511.00001' }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const note = $<HTMLTextAreaElement>('[data-field=note]')!;
    const notes = () => edits().filter((m) => m.type === 'paper.note').map((m) => m['note']);
    await type(note, 'first');
    await type(note, 'first thought');
    vi.advanceTimersByTime(299);
    expect(notes()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(notes()).toEqual(['first thought']);
    await type(note, 'first thought, then more');
    await act(() => void note.dispatchEvent(new Event('blur')));
    expect(notes()).toEqual(['first thought', 'first thought, then more']);
    await type(note, 'typed just before leaving');
    window.dispatchEvent(new Event('pagehide'));
    expect(notes()).toEqual(['first thought', 'first thought, then more', 'typed just before leaving']);
  });

  it('sends a note the background did not store again on its own, three times at most', async () => {
    replies['paper.note'] = () => ({ ok: false, error: { message: 'asleep' } });
    await open(params({ key: 'arxiv:2511.00001' }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const note = $<HTMLTextAreaElement>('[data-field=note]')!;
    await type(note, 'lost?');
    await act(() => void note.dispatchEvent(new Event('blur')));
    for (const wait of [1_000, 2_000, 3_000, 60_000]) await act(async () => void (await vi.advanceTimersByTimeAsync(wait)));
    expect(edits().filter((m) => m.type === 'paper.note').map((m) => m['note'])).toEqual(['lost?', 'lost?', 'lost?', 'lost?']);
    expect($('[role=alert]')?.textContent).toBe('asleep');
  });

  it('lists where and when the paper was seen, linking back', async () => {
    stored = paper({ seenCount: 1 });
    await open(params({ key: 'arxiv:2511.00001', status: 'seen', before: 'seen' }));
    expect($('[data-field=history]')?.textContent).toContain('Oct 29 · Hugging Face');
    expect($('[data-field=history] a')?.getAttribute('href')).toBe('https://huggingface.co/papers/date/2025-10-29');
  });

  it("counts as its badge does, before this visit: the visit's own sighting is not in its history", async () => {
    // Looked up with one sighting (Oct 29); this visit's (Nov 3) landed before the panel opened.
    stored = paper({ seenCount: 2, first: seenOct29() });
    const visit = { ...seenOct29(), at: Date.parse('2025-11-03T10:00:00'), label: 'Nov 3', pageUrl: PAGE.url, digestDate: '2025-11-03', visitId: 'v-now' };
    replies['paper.get'] = () => ({ ok: true, paper: stored, notSame: [], sightings: [{ ...seenOct29(), visitId: 'v-old' }, visit] });
    await open(params({ key: 'arxiv:2511.00001', status: 'seen', before: 'seen', seenBefore: 1, visitId: 'v-now' }));
    expect($('[data-panel]')?.textContent).toContain('Seen 1× · first Oct 29');
    const history = $('[data-field=history]')!;
    expect(history.querySelectorAll('li')).toHaveLength(1);
    expect(history.textContent).toContain('Oct 29 · Hugging Face');
    expect(history.parentElement?.querySelector('.label')?.textContent).toBe('Seen 1×');
  });

  it('asks to close on Escape and on ×, with the focus going back to the badge', async () => {
    await open(params({ key: 'arxiv:2511.00001' }));
    await key($('[data-panel]')!, 'Escape');
    await click($('.x'));
    expect(posts.filter((p) => p.kind === 'close')).toEqual([
      { dejalu: 'panel', kind: 'close', refocus: true },
      { dejalu: 'panel', kind: 'close', refocus: true },
    ]);
  });

  it('Tab past its last control, or Shift+Tab before its first, closes it and goes on from the badge', async () => {
    await open(params({ key: 'arxiv:2511.00001' }));
    const focusFrom = (edge: string, from: Element | null) =>
      act(() => void $(`[data-edge=${edge}]`)!.dispatchEvent(new FocusEvent('focus', { relatedTarget: from })));
    await focusFrom('end', $('[data-field=note]'));
    await focusFrom('start', $('.x'));
    expect(posts.filter((p) => p.kind === 'close')).toEqual([
      { dejalu: 'panel', kind: 'close', refocus: true, forward: true },
      { dejalu: 'panel', kind: 'close', refocus: true, forward: false },
    ]);
    // Coming into the frame from the page (no related target): the panel takes focus, stays open.
    await focusFrom('start', null);
    await settle();
    expect(posts.filter((p) => p.kind === 'close')).toHaveLength(2);
    expect(document.activeElement).toBe($('[data-panel]'));
  });

  it('takes focus where the badge says: the tag field (the t key) or the panel', async () => {
    await open(params({ key: 'arxiv:2511.00001' }), 'tags');
    expect(document.activeElement).toBe($('[data-field=tag]'));
    await act(() => render(null, root));
    await open(params({ key: 'arxiv:2511.00001' }));
    expect(document.activeElement).toBe($('[data-panel]'));
    await act(() => command!({ field: 'tags' }));
    await settle();
    expect(document.activeElement).toBe($('[data-field=tag]'));
    await act(() => command!({}));
    await settle();
    expect(document.activeElement).toBe($('[data-panel]'));
  });

  it('takes focus at the note for the n key, with what was typed on the way, which is saved as typing is', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    stored = paper({ note: 'First thoughts.' });
    let typed = ' Then: the appendix.\nAnd Table 2';
    await open(params({ key: 'arxiv:2511.00001' }), 'note', () => {
      const t = typed;
      typed = '';
      return t;
    });
    const area = $<HTMLTextAreaElement>('[data-field=note]')!;
    expect(document.activeElement).toBe(area);
    expect(area.value).toBe('First thoughts. Then: the appendix.\nAnd Table 2');
    await act(async () => void (await vi.advanceTimersByTimeAsync(1_000)));
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.note', target: { key: 'arxiv:2511.00001' }, note: 'First thoughts. Then: the appendix.\nAnd Table 2' });
    // `n` again with the panel open, focus elsewhere: back to the note's end.
    await act(() => command!({}));
    await settle();
    await act(() => command!({ field: 'note' }));
    await settle();
    expect(document.activeElement).toBe(area);
    expect(area.selectionStart).toBe(area.value.length);
    vi.useRealTimers();
  });

  it('follows changes made elsewhere: an unsave shows the status from before the visit', async () => {
    stored = paper({ savedAt: 1, seenCount: 2 });
    await open(params({ key: 'arxiv:2511.00001', status: 'saved', before: 'seen' }));
    expect($('[data-field=status]')?.textContent).toMatch(/^Saved/);
    stored = paper({ seenCount: 2, first: { at: Date.now(), site: 'huggingface' }, updatedAt: 9 } as Partial<PaperView>);
    await act(() => changed!({ type: 'dejalu.changed', keys: ['arxiv:2511.00001'] }));
    await settle();
    expect($('[data-field=status]')?.textContent).toMatch(/^Seen 2×/);
    // Another paper's change is not this one's.
    const asked = sendMock.mock.calls.length;
    await act(() => changed!({ type: 'dejalu.changed', keys: ['arxiv:9999.00001'] }));
    expect(sendMock.mock.calls.length).toBe(asked);
  });

  it('opened on a card new to the library, cites it from its card, and by its paper once the visit stores it', async () => {
    stored = null;
    await open(params());
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    replies['paper.cite'] = () => ({ ok: true, count: 1, bibtex: '@misc{smith2025scaling,\n  title = {Scaling}\n}\n' });
    await click($('[data-action=panel-cite]')!);
    await settle();
    expect(sendMock).toHaveBeenLastCalledWith({ type: 'paper.cite', target: { card: CARD, page: PAGE } });
    expect($('[data-field=cited]')?.textContent).toBe('BibTeX copied: \\cite{smith2025scaling}');
    // The sighting stores the card: its key is not one the panel knows, so it looks the card up.
    const here = { at: Date.now(), site: 'huggingface' as const, label: 'Nov 3', pageUrl: PAGE.url };
    found = stored = paper({ seenCount: 1, first: here, updatedAt: 7 });
    replies['paper.get'] = () => ({ ok: true, paper: stored, notSame: [], sightings: [here] });
    await act(() => changed!({ type: 'dejalu.changed', keys: ['arxiv:2511.00001'] }));
    await settle();
    expect(sendMock).toHaveBeenCalledWith({ type: 'cards.lookup', cards: [CARD] });
    expect(sendMock).toHaveBeenLastCalledWith({ type: 'paper.get', key: 'arxiv:2511.00001' });
    // Still new on this visit, met here first: not a paper the library held before, and with no
    // history but this visit's, which the panel does not grow to show.
    expect($('[data-field=status]')?.textContent).toBe('New to you');
    expect($('[data-field=history]')).toBeNull();
    expect($('.history')).toBeNull();

    await click($('[data-action=panel-cite]')!);
    await settle();
    expect(sendMock).toHaveBeenLastCalledWith({ type: 'paper.cite', target: { key: 'arxiv:2511.00001' } });
    expect(writeText).toHaveBeenCalledWith('@misc{smith2025scaling,\n  title = {Scaling}\n}\n');
    expect($('[data-field=cited]')?.textContent).toBe('BibTeX copied: \\cite{smith2025scaling}');
    // Copying is not an edit.
    expect(edits()).toEqual([]);
    vi.unstubAllGlobals();
  });

  it('says so when the clipboard refuses, in the panel, not as a save error', async () => {
    await open(params({ key: 'arxiv:2511.00001' }));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('Clipboard refused'))) } });
    const exec = vi.fn(() => false);
    document.execCommand = exec;
    replies['paper.cite'] = () => ({ ok: true, count: 1, bibtex: '@misc{k,\n}\n' });
    await click($('[data-action=panel-cite]')!);
    await settle();
    expect(exec).toHaveBeenCalledWith('copy');
    expect($('[data-field=cited]')?.textContent).toBe('Clipboard refused');
    expect($('[data-field=cited]')?.className).toContain('error');
    vi.unstubAllGlobals();
  });

  it('a card matched by a similar title alone can be told apart: it becomes a paper of its own, and the badge is told', async () => {
    const stored0 = paper({ key: 'arxiv:2401.99999', arxivId: '2401.99999', title: 'Scaling Laws for Tiny Model', seenCount: 3, updatedAt: 1 });
    stored = stored0;
    // The visit's sighting goes with the card to its own paper.
    const here = { at: Date.now(), site: 'huggingface' as const, label: 'Nov 3', pageUrl: PAGE.url };
    const own = paper({ key: 'title:scaling laws for tiny models', arxivId: undefined, seenCount: 1, first: here, updatedAt: 8 });
    replies['papers.notSame'] = () => ({ ok: true, a: stored0, b: (stored = own) });
    const card = { title: 'Scaling Laws for Tiny Models' };
    await open(params({ card, key: stored0.key, status: 'seen', before: 'seen', match: 'similar title to “Scaling Laws for Tiny Model”', fuzzy: true }));
    expect($('[data-field=status]')?.textContent).toMatch(/^Seen 3×/);
    await click($('[data-action=panel-not-same]')!);
    await settle();
    expect(sendMock).toHaveBeenCalledWith({ type: 'papers.notSame', a: stored0.key, b: { card, page: PAGE } });
    expect(posts).toContainEqual({ dejalu: 'panel', kind: 'paper', key: own.key });
    expect(sendMock).toHaveBeenLastCalledWith({ type: 'paper.get', key: own.key });
    expect($('[data-field=status]')?.textContent).toMatch(/^New to you/);
    expect($('[data-field=match]')?.textContent).toBe('Not the same as “Scaling Laws for Tiny Model”, now its own paper');
    expect($('[data-action=panel-not-same]')).toBeNull();
    // Edits now go to the card's own paper.
    await click($('[data-action=panel-save]')!);
    expect(edits().at(-1)).toMatchObject({ type: 'paper.save', target: { key: own.key }, saved: true });
  });

  it('a split leaves the paper its sighting of this visit when another card of the page shows it', async () => {
    const stored0 = paper({ key: 'arxiv:2401.99999', arxivId: '2401.99999', title: 'Scaling Laws for Tiny Model', seenCount: 3 });
    stored = stored0;
    replies['papers.notSame'] = () => ({ ok: true, a: stored0, b: (stored = paper({ key: 'title:x', arxivId: undefined, updatedAt: 8 })) });
    await open(params({ key: stored0.key, status: 'seen', before: 'seen', match: 'similar title', fuzzy: true, aOnPage: true }));
    await click($('[data-action=panel-not-same]')!);
    expect(sendMock).toHaveBeenCalledWith({ type: 'papers.notSame', a: stored0.key, b: { card: CARD, page: PAGE }, aOnPage: true });
  });

  it('offers no split for a card matched by its arXiv id or exact title', async () => {
    await open(params({ key: 'arxiv:2511.00001', status: 'seen', before: 'seen', match: 'same title' }));
    expect($('[data-field=match]')?.textContent).toBe('same title');
    expect($('[data-action=panel-not-same]')).toBeNull();
  });

  it('follows its paper to a new key', async () => {
    await open(params({ key: 'title:scaling laws for tiny models' }));
    await act(() => changed!({ type: 'dejalu.changed', keys: ['arxiv:2511.00001'], moved: { 'title:scaling laws for tiny models': 'arxiv:2511.00001' } }));
    await settle();
    expect(sendMock).toHaveBeenLastCalledWith({ type: 'paper.get', key: 'arxiv:2511.00001' });
  });
});
