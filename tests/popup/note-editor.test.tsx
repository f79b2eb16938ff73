// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoteEditor } from '../../components/popup/NoteEditor';
import { fire, mount, type } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(note = '') {
  const saved: string[] = [];
  const save = vi.fn(async (text: string) => {
    saved.push(text);
  });
  const view = mount(<NoteEditor note={note} save={save} />);
  const area = view.$<HTMLTextAreaElement>('[data-testid="note-input"]')!;
  fire(area, new FocusEvent('focus'));
  return { saved, save, view, area };
}

describe('note autosave', () => {
  it('sends the full text once typing pauses for 300 ms', async () => {
    const { saved, area, view } = setup('old');
    type(area, 'old n');
    await vi.advanceTimersByTimeAsync(200);
    type(area, 'old note');
    await vi.advanceTimersByTimeAsync(299);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['old note']);
    view.unmount();
  });

  it('flushes on blur without waiting', () => {
    const { saved, area, view } = setup();
    type(area, 'abc');
    fire(area, new FocusEvent('blur'));
    expect(saved).toEqual(['abc']);
    view.unmount();
  });

  it('flushes on pagehide: the last keystrokes survive the popup closing', () => {
    const { saved, area, view } = setup();
    type(area, 'typed just before closing');
    window.dispatchEvent(new Event('pagehide'));
    expect(saved).toEqual(['typed just before closing']);
    view.unmount();
  });

  it('flushes when the page is hidden, and on unmount', () => {
    const { saved, area, view } = setup();
    type(area, 'one');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    expect(saved).toEqual(['one']);
    type(area, 'one two');
    view.unmount();
    expect(saved).toEqual(['one', 'one two']);
  });

  it('sends nothing when the text ends as it was', async () => {
    const { save, area, view } = setup('same');
    type(area, 'sam');
    type(area, 'same');
    fire(area, new FocusEvent('blur'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
    view.unmount();
  });

  it('a failed save is sent again after 1 s, 2 s and 3 s, then on the next blur or close', async () => {
    const save = vi.fn(async () => {
      throw new Error('offline');
    });
    const view = mount(<NoteEditor note="" save={save} />);
    const area = view.$<HTMLTextAreaElement>('[data-testid="note-input"]')!;
    type(area, 'x');
    fire(area, new FocusEvent('blur'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(4);
    expect(view.$('[data-testid="note-state"]')?.getAttribute('data-state')).toBe('error');
    fire(area, new FocusEvent('blur'));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(5);
    view.unmount();
    expect(save).toHaveBeenCalledTimes(6);
  });

  it('a failed save is sent again when the popup closes, as "will retry" promises', async () => {
    let fail = true;
    const sent: string[] = [];
    const save = vi.fn(async (t: string) => {
      sent.push(t);
      if (fail) throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const view = mount(<NoteEditor note="" save={save} />);
    const area = view.$<HTMLTextAreaElement>('[data-testid="note-input"]')!;
    fire(area, new FocusEvent('focus'));
    type(area, 'compare with RMSNorm');
    // The first save fails (the service worker was waking up).
    await vi.advanceTimersByTimeAsync(300);
    expect(view.$('[data-testid="note-state"]')!.textContent).toBe('not saved, will retry');
    fail = false;
    // The user closes the popup before the retry is due: blur, pagehide, unmount.
    fire(area, new FocusEvent('blur'));
    window.dispatchEvent(new Event('pagehide'));
    view.unmount();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual(['compare with RMSNorm', 'compare with RMSNorm']);
  });

  it('shows a change made elsewhere unless the user is typing', async () => {
    const save = vi.fn(async () => undefined);
    const root = document.createElement('div');
    const { render } = await import('preact');
    const { act } = await import('preact/test-utils');
    document.body.appendChild(root);
    act(() => render(<NoteEditor note="a" save={save} />, root));
    const area = root.querySelector('textarea')!;
    act(() => render(<NoteEditor note="from the library page" save={save} />, root));
    expect(area.value).toBe('from the library page');
    fire(area, new FocusEvent('focus'));
    type(area, 'mine');
    act(() => render(<NoteEditor note="other" save={save} />, root));
    expect(area.value).toBe('mine');
    act(() => render(null, root));
    expect(save).toHaveBeenLastCalledWith('mine');
  });
});
