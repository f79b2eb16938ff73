// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/controller';

vi.mock('../../lib/rpc', () => ({ send: vi.fn() }));
import { send } from '../../lib/rpc';
import { Badge, type BadgeCommands } from '../../components/badge/Badge';

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03' };

function paper(over: Partial<PaperView> = {}): PaperView {
  return {
    key: 'arxiv:2511.00001',
    title: 'Scaling Laws for Tiny Models',
    authors: [],
    arxivId: '2511.00001',
    urls: [],
    sites: ['huggingface'],
    seenCount: 0,
    tags: [],
    note: '',
    updatedAt: 1,
    ...over,
  };
}

function model(over: Partial<BadgeModel> = {}): BadgeModel {
  return { status: 'new', card: { title: 'Scaling Laws for Tiny Models', arxivId: '2511.00001' }, page: PAGE, ...over };
}

const sendMock = vi.mocked(send);
type Msg = { type: string; [k: string]: unknown };
let replies: Record<string, (m: Msg) => unknown>;
let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  replies = {
    'tags.list': () => ({ ok: true, tags: [{ tag: 'llm-eval', count: 3 }, { tag: 'rl', count: 1 }, { tag: 'small-llm', count: 7 }] }),
    'paper.save': (m) => ({ ok: true, paper: paper({ savedAt: m['saved'] ? 5 : undefined }) }),
    'paper.tags': (m) => ({ ok: true, paper: paper({ tags: m['add'] as string[] }) }),
    'paper.note': (m) => ({ ok: true, paper: paper({ note: m['note'] as string }) }),
    'paper.get': () => ({
      ok: true,
      paper: paper(),
      notSame: [],
      sightings: [{ at: new Date(new Date().getFullYear(), 9, 29, 9).getTime(), site: 'huggingface', label: 'Oct 29', pageUrl: 'https://huggingface.co/papers/date/2025-10-29' }],
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

async function mount(m: BadgeModel, onPaper = vi.fn(), commands?: BadgeCommands) {
  await act(() => render(<Badge model={m} onPaper={onPaper} commands={commands} />, root));
  return onPaper;
}
const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T & HTMLElement>(sel);
const settle = () => act(async () => {
  await new Promise((r) => setTimeout(r, 0));
});
async function click(el: Element | null) {
  expect(el).not.toBeNull();
  await act(() => (el as HTMLElement).click());
  await settle();
}
async function type(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  await act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function key(el: Element, k: string) {
  await act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, composed: true })));
  await settle();
}

describe('Badge', () => {
  it('shows the status words and a save control', async () => {
    await mount(model());
    expect($('.pill')?.textContent).toBe('New');
    expect($('[data-action=save]')?.getAttribute('aria-label')).toBe('Save paper');
  });

  it('saves a paper the library does not have yet by its card, in one click', async () => {
    const onPaper = await mount(model());
    await click($('[data-action=save]'));
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.save', target: { card: model().card, page: PAGE }, saved: true });
    expect(onPaper).toHaveBeenCalledWith(expect.objectContaining({ savedAt: 5 }));
    expect($('[data-panel]')).toBeNull();
  });

  it('unsaves a stored paper by its key', async () => {
    await mount(model({ status: 'saved', paper: paper({ savedAt: 1 }) }));
    await click($('[data-action=save]'));
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.save', target: { key: 'arxiv:2511.00001' }, saved: false });
  });

  it('shows page text as text: a title with markup stays inert', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>Title';
    await mount(model({ card: { title: evil } }));
    await click($('[data-action=open]'));
    expect($('[data-field=title]')?.textContent).toBe(evil);
    expect(root.querySelector('img, script')).toBeNull();
  });

  it('opens a panel that closes on Escape and on an outside click', async () => {
    await mount(model());
    await click($('[data-action=open]'));
    expect($('[data-panel]')).not.toBeNull();
    await key($('[data-panel]')!, 'Escape');
    expect($('[data-panel]')).toBeNull();

    await click($('[data-action=open]'));
    await act(() => void document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true })));
    await settle();
    expect($('[data-panel]')).toBeNull();
  });

  it('completes tags from the library and adds the chosen one', async () => {
    const onPaper = await mount(model());
    await click($('[data-action=open]'));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await act(() => void input.dispatchEvent(new Event('focus')));
    await type(input, 'll');
    const offered = [...root.querySelectorAll('[data-suggestion]')].map((li) => li.getAttribute('data-suggestion'));
    expect(offered).toEqual(['llm-eval', 'small-llm']);
    await key(input, 'ArrowDown');
    await key(input, 'Enter');
    // A first tag keeps the paper: it is saved, then tagged.
    const edits = sendMock.mock.calls.map(([m]) => m as Msg).filter((m) => m.type.startsWith('paper.'));
    expect(edits).toEqual([
      { type: 'paper.save', target: { card: model().card, page: PAGE }, saved: true },
      { type: 'paper.tags', target: { card: model().card, page: PAGE }, add: ['llm-eval'], remove: [] },
    ]);
    expect(onPaper).toHaveBeenCalledWith(expect.objectContaining({ tags: ['llm-eval'] }));
  });

  it('offers at most 6 library tags in the panel', async () => {
    replies['tags.list'] = () => ({ ok: true, tags: Array.from({ length: 12 }, (_, i) => ({ tag: `tag-${i}`, count: i })) });
    await mount(model());
    await click($('[data-action=open]'));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await act(() => void input.dispatchEvent(new Event('focus')));
    await type(input, 'tag');
    const offered = [...root.querySelectorAll('[data-suggestion]')].map((li) => li.getAttribute('data-suggestion'));
    expect(offered).toEqual(['tag-11', 'tag-10', 'tag-9', 'tag-8', 'tag-7', 'tag-6']);
  });

  it('adds a typed tag normalised, and removes a chip', async () => {
    await mount(model({ status: 'saved', paper: paper({ savedAt: 1, tags: ['old'] }) }));
    await click($('[data-action=open]'));
    const input = $<HTMLInputElement>('[data-field=tag]')!;
    await type(input, 'Large Models');
    await key(input, 'Enter');
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.tags', target: { key: 'arxiv:2511.00001' }, add: ['large-models'], remove: [] });
    await click($('.chip button'));
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.tags', target: { key: 'arxiv:2511.00001' }, add: [], remove: ['old'] });
  });

  it('saves the note 300 ms after typing stops, and at once on blur and pagehide', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await mount(model({ paper: paper() }));
    await act(() => $<HTMLButtonElement>('[data-action=open]')!.click());
    const note = $<HTMLTextAreaElement>('[data-field=note]')!;
    const notes = () => sendMock.mock.calls.map(([m]) => m as Msg).filter((m) => m.type === 'paper.note').map((m) => m['note']);

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
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    replies['paper.note'] = () => ({ ok: false, error: { message: 'asleep' } });
    await mount(model({ paper: paper() }));
    await act(() => $<HTMLButtonElement>('[data-action=open]')!.click());
    const note = $<HTMLTextAreaElement>('[data-field=note]')!;
    const notes = () => sendMock.mock.calls.map(([m]) => m as Msg).filter((m) => m.type === 'paper.note').map((m) => m['note']);
    await type(note, 'lost?');
    await act(() => void note.dispatchEvent(new Event('blur')));
    for (const wait of [1_000, 2_000, 3_000, 60_000]) {
      await act(async () => void (await vi.advanceTimersByTimeAsync(wait)));
    }
    expect(notes()).toEqual(['lost?', 'lost?', 'lost?', 'lost?']);
  });

  it('loads where and when it was seen only when asked, once', async () => {
    await mount(model({ status: 'seen', paper: paper({ seenCount: 1 }) }));
    expect(sendMock).not.toHaveBeenCalled();
    await act(() => void $('[data-action=open]')!.dispatchEvent(new Event('mouseenter')));
    await settle();
    await act(() => void $('[data-action=open]')!.dispatchEvent(new Event('mouseenter')));
    await settle();
    expect(sendMock.mock.calls.filter(([m]) => (m as Msg).type === 'paper.get')).toHaveLength(1);
    expect($('[data-action=open]')?.getAttribute('title')).toContain('Oct 29 · Hugging Face');
    await click($('[data-action=open]'));
    expect($('[data-field=history]')?.textContent).toContain('Oct 29 · Hugging Face');
    expect($('[data-field=history] a')?.getAttribute('href')).toBe('https://huggingface.co/papers/date/2025-10-29');
  });

  it('answers the keyboard commands: save, and open with the tag field focused', async () => {
    const commands: BadgeCommands = {};
    await mount(model(), vi.fn(), commands);
    await act(() => commands.toggleSave?.());
    await settle();
    expect(sendMock).toHaveBeenCalledWith(expect.objectContaining({ type: 'paper.save', saved: true }));
    await act(() => commands.openTags?.());
    await settle();
    expect($('[data-panel]')).not.toBeNull();
    expect(document.activeElement).toBe($('[data-field=tag]'));
  });

  it('keeps the page from seeing keys typed in the panel', async () => {
    await mount(model());
    await click($('[data-action=open]'));
    const seen = vi.fn();
    document.addEventListener('keydown', seen);
    await key($('[data-field=note]')!, 's');
    document.removeEventListener('keydown', seen);
    expect(seen).not.toHaveBeenCalled();
  });
});
