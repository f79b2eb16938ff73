// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, key, settle } from './ui';
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
    'paper.save': (m) => ({ ok: true, paper: paper({ savedAt: m['saved'] ? 5 : undefined }) }),
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
// happy-dom loads no extension page in a frame: each frame gets a stand-in window to post from.
const frameWindows = new WeakMap<HTMLIFrameElement, { postMessage: ReturnType<typeof vi.fn> }>();
Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
  configurable: true,
  get(this: HTMLIFrameElement) {
    if (!this.isConnected) return null;
    if (!frameWindows.has(this)) frameWindows.set(this, { postMessage: vi.fn() });
    return frameWindows.get(this);
  },
});
/** A message event as the browser delivers one (trusted), from `source`. */
async function message(data: unknown, source: unknown, trusted = true) {
  const ev = new MessageEvent('message', { data, source: source as Window });
  Object.defineProperty(ev, 'isTrusted', { value: trusted });
  await act(() => void window.dispatchEvent(ev));
  await settle();
}
/** A message from the panel page, as its frame posts it to the page. */
const fromFrame = (frame: HTMLIFrameElement, data: unknown) => message(data, frame.contentWindow);

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

  it('opens the panel as an extension page in a frame: nothing to type in sits in the page', async () => {
    await mount(model({ status: 'seen', before: 'new', paper: paper({ seenCount: 1 }), match: { rule: 'title', text: 'same title' } }));
    await click($('[data-action=open]'));
    const frame = $<HTMLIFrameElement>('[data-panel] iframe')!;
    const [address, fragment] = frame.getAttribute('src')!.split('#');
    expect(address).toBe(chrome.runtime.getURL('/panel.html'));
    expect(JSON.parse(decodeURIComponent(fragment!))).toEqual({
      card: model().card,
      page: PAGE,
      key: 'arxiv:2511.00001',
      status: 'seen',
      before: 'new',
      match: 'same title',
    });
    // The title, tags and note are the panel page's: the badge holds none of them.
    expect(root.querySelector('input, textarea, [data-field]')).toBeNull();
    // Hidden until the panel says how tall it is.
    expect($('[data-panel]')!.classList.contains('sized')).toBe(false);
    await fromFrame(frame, { dejalu: 'panel', kind: 'size', height: 240 });
    expect($('[data-panel]')!.classList.contains('sized')).toBe(true);
    expect($('[data-panel]')!.style.height).toBe('242px');
  });

  it('closes the panel on Escape and an outside click on the page, and when the panel asks', async () => {
    await mount(model());
    await click($('[data-action=open]'));
    await key(document.body, 'Escape');
    expect($('[data-panel]')).toBeNull();

    await click($('[data-action=open]'));
    await act(() => void document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true })));
    await settle();
    expect($('[data-panel]')).toBeNull();

    await click($('[data-action=open]'));
    await fromFrame($<HTMLIFrameElement>('[data-panel] iframe')!, { dejalu: 'panel', kind: 'close', refocus: true });
    expect($('[data-panel]')).toBeNull();
    expect(document.activeElement).toBe($('[data-action=open]'));
  });

  it('reads the paper the panel changed, so every card of it shows the change', async () => {
    replies['papers.get'] = () => ({ ok: true, papers: [paper({ savedAt: 7, tags: ['rl'] })] });
    const onPaper = await mount(model());
    await click($('[data-action=open]'));
    await fromFrame($<HTMLIFrameElement>('[data-panel] iframe')!, { dejalu: 'panel', kind: 'paper', key: 'arxiv:2511.00001' });
    expect(sendMock).toHaveBeenCalledWith({ type: 'papers.get', keys: ['arxiv:2511.00001'] });
    expect(onPaper).toHaveBeenCalledWith(expect.objectContaining({ savedAt: 7, tags: ['rl'] }));
  });

  it('ignores messages a page script posts as if it were the panel', async () => {
    const onPaper = await mount(model());
    await click($('[data-action=open]'));
    const frame = $<HTMLIFrameElement>('[data-panel] iframe')!;
    for (const data of [
      { dejalu: 'panel', kind: 'close', refocus: false },
      { dejalu: 'panel', kind: 'paper', key: 'arxiv:2511.00001' },
      { dejalu: 'panel', kind: 'size', height: 5000 },
    ]) {
      // Posted by the page itself, or an event it made up naming the panel's frame as its source.
      await message(data, window);
      await message(data, frame.contentWindow, false);
    }
    expect($('[data-panel]')).not.toBeNull();
    expect($('[data-panel]')!.classList.contains('sized')).toBe(false);
    expect(sendMock).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'papers.get' }));
    expect(onPaper).not.toHaveBeenCalled();
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
  });

  it('answers the keyboard commands: save, and open the panel with the tag field focused', async () => {
    const commands: BadgeCommands = {};
    await mount(model(), vi.fn(), commands);
    await act(() => commands.toggleSave?.());
    await settle();
    expect(sendMock).toHaveBeenCalledWith(expect.objectContaining({ type: 'paper.save', saved: true }));
    await act(() => commands.openTags?.());
    await settle();
    const frame = $<HTMLIFrameElement>('[data-panel] iframe')!;
    const told = (frame.contentWindow as unknown as { postMessage: ReturnType<typeof vi.fn> }).postMessage;
    await act(() => void frame.dispatchEvent(new Event('load')));
    // Focus goes into the frame, which is then told to put it on the tag field.
    expect(told).toHaveBeenCalledWith({ dejalu: 'panel', kind: 'focus', tags: true }, `chrome-extension://${chrome.runtime.id}`);
  });
});
