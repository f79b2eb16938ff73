// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, seenOct29, settle } from './ui';
import type { PanelField, PaperView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';

vi.mock('../../lib/rpc', () => import('./rpc-mock').then((m) => m.rpcMock()));
import { send } from '../../lib/rpc';
import { Badge, CITED_MS, type BadgeCommands } from '../../components/badge/Badge';
import type { PanelHost, PanelRequest } from '../../components/badge/panel-host';

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

let panel: ReturnType<typeof fakePanel>;
async function mount(m: BadgeModel, onPaper = vi.fn(), commands?: BadgeCommands) {
  panel = fakePanel();
  await act(() => render(<Badge model={m} onPaper={onPaper} commands={commands} panel={panel} />, root));
  return onPaper;
}
const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T & HTMLElement>(sel);
/** The page's panel, as a badge uses it (the host itself: panel-host.test.ts). */
function fakePanel() {
  const opened: PanelRequest[] = [];
  const panel: PanelHost & { opened: PanelRequest[]; closed: PanelRequest[]; focused: PanelRequest[] } = {
    opened,
    closed: [],
    focused: [],
    warm() {},
    open: (req) => void opened.push(req),
    close: (req) => void panel.closed.push(req),
    focusField: (req) => void panel.focused.push(req),
    destroy() {},
  };
  return panel;
}

/** The shortcut opens the panel at `field`; pressed again while it is open, that field takes focus again, in the same panel. */
async function opensAt(commands: BadgeCommands, name: 'openTags' | 'openNote', field: PanelField) {
  await act(() => commands[name]?.());
  expect(panel.opened.map((r) => r.field)).toEqual([field]);
  await act(() => commands[name]?.());
  expect(panel.opened).toHaveLength(1);
  expect(panel.focused).toEqual([panel.opened[0]]);
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

  it("opens the page's panel for its card, with what the panel needs to show it", async () => {
    // As on a page: in a shadow root whose host carries the page's theme and font (page-ui.tsx).
    const host = document.createElement('dejalu-badge');
    host.setAttribute('data-theme', 'dark');
    host.style.fontFamily = 'Source Sans Pro';
    root.append(host);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    panel = fakePanel();
    const m = model({ status: 'seen', before: 'new', paper: paper({ seenCount: 1 }), match: { rule: 'title', text: 'same title' } });
    await act(() => render(<Badge model={m} onPaper={vi.fn()} panel={panel} />, inner));
    await click(inner.querySelector('[data-action=open]'));
    expect(panel.opened).toHaveLength(1);
    const req = panel.opened[0]!;
    expect(req.params).toEqual({
      card: model().card,
      page: PAGE,
      key: 'arxiv:2511.00001',
      status: 'seen',
      before: 'new',
      match: 'same title',
      theme: 'dark',
      font: '"Source Sans Pro"',
    });
    expect(req.field).toBeUndefined();
    expect(req.owner).toBe(host);
    expect(req.theme).toBe('dark');
    expect(req.anchor()).toBe(inner.querySelector('.wrap'));
    expect(inner.querySelector('[data-action=open]')?.getAttribute('aria-expanded')).toBe('true');
    // The title, tags and note are the panel page's: the badge holds none of them.
    expect(inner.querySelector('input, textarea, iframe, [data-field]')).toBeNull();
    await act(() => render(null, inner));
  });

  it('a card matched by a similar title opens a panel that may split it, knowing whether the page shows that paper elsewhere', async () => {
    const fuzzy = model({ status: 'seen', before: 'seen', paper: paper({ seenCount: 2 }), match: { rule: 'similar-title', text: 'similar title (0.95)' } });
    const elsewhere = vi.fn((key: string) => key === 'arxiv:2511.00001');
    panel = fakePanel();
    await act(() => render(<Badge model={fuzzy} onPaper={vi.fn()} panel={panel} shownElsewhere={elsewhere} />, root));
    await click($('[data-action=open]'));
    expect(panel.opened[0]!.params).toMatchObject({ match: 'similar title (0.95)', fuzzy: true, aOnPage: true });
    expect(elsewhere).toHaveBeenCalledWith('arxiv:2511.00001');
    await act(() => render(null, root));
    // Shown by this card alone: the split takes the visit's sighting with it (no aOnPage).
    panel = fakePanel();
    await act(() => render(<Badge model={fuzzy} onPaper={vi.fn()} panel={panel} shownElsewhere={() => false} />, root));
    await click($('[data-action=open]'));
    expect(panel.opened[0]!.params.fuzzy).toBe(true);
    expect(panel.opened[0]!.params.aOnPage).toBeUndefined();
  });

  it('opens with no theme of its own where the page has none', async () => {
    await mount(model());
    await click($('[data-action=open]'));
    const req = panel.opened[0]!;
    expect(req.params.theme).toBeUndefined();
    expect(req.anchor()).toBe($('.wrap'));
    expect($('[data-action=open]')?.getAttribute('aria-expanded')).toBe('true');
    // The title, tags and note are the panel page's: the badge holds none of them.
    expect(root.querySelector('input, textarea, iframe, [data-field]')).toBeNull();
  });

  it('closes its panel on a second click; closed by the panel, it takes the focus back', async () => {
    await mount(model());
    await click($('[data-action=open]'));
    await click($('[data-action=open]'));
    expect(panel.closed).toEqual([panel.opened[0]]);
    expect($('[data-action=open]')?.getAttribute('aria-expanded')).toBe('false');

    await click($('[data-action=open]'));
    await act(() => panel.opened[1]!.onClose(true));
    expect($('[data-action=open]')?.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe($('[data-action=open]'));
    // Tabbed past the panel's end: on to the control after the pill.
    await click($('[data-action=open]'));
    await act(() => panel.opened[2]!.onClose(true, true));
    expect(document.activeElement).toBe($('[data-action=save]'));
  });

  it('reads the paper the panel changed, so every card of it shows the change', async () => {
    replies['papers.get'] = () => ({ ok: true, papers: [paper({ savedAt: 7, tags: ['rl'] })] });
    const onPaper = await mount(model());
    await click($('[data-action=open]'));
    await act(() => panel.opened[0]!.onPaper('arxiv:2511.00001'));
    await settle();
    expect(sendMock).toHaveBeenCalledWith({ type: 'papers.get', keys: ['arxiv:2511.00001'] });
    expect(onPaper).toHaveBeenCalledWith(expect.objectContaining({ savedAt: 7, tags: ['rl'] }));
  });

  it('closes its panel when it goes away (the card left the page)', async () => {
    await mount(model());
    await click($('[data-action=open]'));
    await act(() => render(null, root));
    expect(panel.closed).toEqual([panel.opened[0]]);
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
    // A live region there from the first render, empty: a screen reader hears what a key did.
    expect($('[role=status]')?.textContent).toBe('');
    await act(() => commands.toggleSave?.());
    await settle();
    expect(sendMock).toHaveBeenCalledWith(expect.objectContaining({ type: 'paper.save', saved: true }));
    expect($('[role=status]')?.textContent).toBe('Saved to your library');
    await opensAt(commands, 'openTags', 'tags');
  });

  it('answers n: the panel opened at its note, and the note again while it is open', async () => {
    const commands: BadgeCommands = {};
    await mount(model(), vi.fn(), commands);
    await opensAt(commands, 'openNote', 'note');
  });

  it('answers c: the paper\'s BibTeX on the clipboard, and the pill says so for a moment', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    replies['paper.cite'] = () => ({ ok: true, count: 1, bibtex: '@misc{smith2025scaling,\n  title = {Scaling}\n}\n' });
    const commands: BadgeCommands = {};
    await mount(model({ status: 'seen', before: 'seen', paper: paper({ seenCount: 2 }) }), vi.fn(), commands);
    const before = $('.label-text')!.textContent;
    await act(() => commands.copyBibtex?.());
    await settle();
    expect(sendMock).toHaveBeenCalledWith({ type: 'paper.cite', target: { key: 'arxiv:2511.00001' } });
    expect(writeText).toHaveBeenCalledWith('@misc{smith2025scaling,\n  title = {Scaling}\n}\n');
    expect($('.label-text')!.textContent).toBe('BibTeX copied: \\cite{smith2025scaling}');
    expect($('[role=status]')?.textContent).toBe('BibTeX copied: \\cite{smith2025scaling}');
    await act(async () => void (await vi.advanceTimersByTimeAsync(CITED_MS)));
    expect($('.label-text')!.textContent).toBe(before);
    expect($('[role=status]')?.textContent).toBe('');
    vi.unstubAllGlobals();
  });

  it('answers c on a card not in the library yet with its BibTeX, asked for by the card', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    replies['paper.cite'] = () => ({ ok: true, count: 1, bibtex: '@misc{k2025,\n}\n' });
    const commands: BadgeCommands = {};
    const m = model();
    await mount(m, vi.fn(), commands);
    await act(() => commands.copyBibtex?.());
    await settle();
    // The background cites what it has stored of the card (a sighting may have stored it since),
    // else what the card shows; nothing is saved.
    expect(sendMock).toHaveBeenLastCalledWith({ type: 'paper.cite', target: { card: m.card, page: m.page } });
    expect(writeText).toHaveBeenCalledWith('@misc{k2025,\n}\n');
    expect($('.label-text')!.textContent).toBe('BibTeX copied: \\cite{k2025}');
    expect(sendMock).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'paper.save' }));
    vi.unstubAllGlobals();
  });

  it('says on the pill why c copied nothing', async () => {
    replies['paper.cite'] = () => ({ ok: false, error: { code: 'internal', message: 'The library is busy' } });
    const commands: BadgeCommands = {};
    await mount(model(), vi.fn(), commands);
    await act(() => commands.copyBibtex?.());
    await settle();
    expect($('.label-text')!.textContent).toBe('Not copied: The library is busy');
  });
});
