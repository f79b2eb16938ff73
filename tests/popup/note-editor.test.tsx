// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from '../../components/popup/autosave';
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

describe('createAutosave', () => {
  it('retries a failed save on the next flush and reports its state', async () => {
    const states: string[] = [];
    let fail = true;
    const sent: string[] = [];
    const s = createAutosave(
      async (t) => {
        sent.push(t);
        if (fail) throw new Error('offline');
      },
      { initial: '', onState: (x) => states.push(x) },
    );
    s.change('x');
    s.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('error');
    fail = false;
    s.change('x');
    s.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['x', 'x']);
    expect(states.at(-1)).toBe('saved');
  });
});
