// @vitest-environment happy-dom
/**
 * What the reader types or pastes in the badge panel (a closed shadow root on the page) does not
 * reach page scripts by the events that carry it: `beforeinput`/`input` (InputEvent.data), paste
 * (clipboardData). They are composed; a closed root only retargets them to the host. (Key events are
 * stopped at the panel too, but a page's capture listener on window runs first: see README.)
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../../lib/rpc', () => ({ send: vi.fn(async (m: { type: string }) => (m.type === 'tags.list' ? { ok: true, tags: [] } : m.type === 'paper.get' ? { ok: true, paper: null, notSame: [], sightings: [] } : { ok: true })) }));
import { Badge } from '../../components/badge/Badge';

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03' };
let host: HTMLElement;
let mount: HTMLElement;
let shadow: ShadowRoot;
beforeEach(() => {
  host = document.createElement('dejalu-badge');
  shadow = host.attachShadow({ mode: 'closed' });
  mount = document.createElement('span');
  shadow.append(mount);
  document.body.append(host);
});
afterEach(() => {
  render(null, mount);
  host.remove();
});

async function openPanel() {
  await act(() => render(<Badge model={{ status: 'new', card: { title: 'T', arxivId: '2511.00001' }, page: PAGE }} onPaper={vi.fn()} />, mount));
  await act(() => (mount.querySelector('[data-action=open]') as HTMLElement).click());
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  const note = mount.querySelector('[data-field=note]') as HTMLTextAreaElement;
  expect(note).not.toBeNull();
  return note;
}

describe('privacy of what the reader types in the badge panel', () => {
  it('page script listening for input events cannot read the note being typed', async () => {
    const note = await openPanel();
    const leaked: string[] = [];
    const spy = (e: Event) => leaked.push(String((e as InputEvent).data ?? ''));
    document.addEventListener('beforeinput', spy);
    document.addEventListener('input', spy);
    // What Chromium dispatches for one typed character: beforeinput then input, both composed.
    for (const type of ['beforeinput', 'input']) {
      await act(() => void note.dispatchEvent(new InputEvent(type, { data: 'my secret note', inputType: 'insertText', bubbles: true, composed: true })));
    }
    document.removeEventListener('beforeinput', spy);
    document.removeEventListener('input', spy);
    expect(leaked).toEqual([]);
  });

  it('nor a paste into it', async () => {
    const note = await openPanel();
    const leaked: string[] = [];
    const spy = (e: Event) => leaked.push(e.type);
    for (const type of ['paste', 'compositionend', 'change']) document.addEventListener(type, spy);
    for (const type of ['paste', 'compositionend', 'change']) await act(() => void note.dispatchEvent(new Event(type, { bubbles: true, composed: true })));
    for (const type of ['paste', 'compositionend', 'change']) document.removeEventListener(type, spy);
    expect(leaked).toEqual([]);
  });
});
