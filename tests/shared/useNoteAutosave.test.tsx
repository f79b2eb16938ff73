// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from '../../components/shared/autosave';
import { useNoteAutosave, type NoteSaver } from '../../components/shared/useNoteAutosave';

/** A saver that records what the hook asks of it. */
function fakeSaver() {
  const calls: string[] = [];
  let pending: string | null = null;
  let onState: (s: SaveState) => void = () => undefined;
  let send: (t: string) => Promise<unknown> = async () => undefined;
  const saver: NoteSaver = {
    change(t) {
      calls.push(`change ${t}`);
      pending = t;
    },
    flush() {
      calls.push('flush');
      if (pending !== null) void send(pending);
      pending = null;
    },
    get dirty() {
      return pending !== null;
    },
    reset(t) {
      calls.push(`reset ${t}`);
    },
    dispose() {
      calls.push('dispose');
      saver.flush();
    },
  };
  const create = vi.fn((s: (t: string) => Promise<unknown>, o: (s: SaveState) => void) => {
    send = s;
    onState = o;
    return saver;
  });
  return { calls, create, state: (s: SaveState) => act(() => onState(s)) };
}

interface Props {
  note: string;
  save(t: string): Promise<unknown>;
  create: ReturnType<typeof fakeSaver>['create'];
  recovered?: string | null;
  rebaseWhileEditing?: boolean;
}

function Field(props: Props) {
  const { state, field } = useNoteAutosave(props);
  return (
    <div>
      <textarea {...field} />
      <span data-state={state} />
    </div>
  );
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const show = (props: Props) => act(() => render(<Field {...props} />, root));
const area = () => root.querySelector('textarea')!;
const fire = (target: EventTarget, event: Event) => act(() => void target.dispatchEvent(event));
function type(text: string) {
  act(() => {
    area().value = text;
    area().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('useNoteAutosave', () => {
  it('makes one saver, feeds it keystrokes, and flushes on blur, pagehide, a hidden page and unmount', () => {
    const f = fakeSaver();
    const save = vi.fn(async () => undefined);
    show({ note: 'a', save, create: f.create });
    show({ note: 'a', save, create: f.create });
    expect(f.create).toHaveBeenCalledTimes(1);
    expect(area().value).toBe('a');

    fire(area(), new FocusEvent('focus'));
    type('ab');
    expect(area().value).toBe('ab');
    fire(area(), new FocusEvent('blur'));
    expect(save).toHaveBeenLastCalledWith('ab');

    type('abc');
    fire(window, new Event('pagehide'));
    expect(save).toHaveBeenLastCalledWith('abc');

    type('abcd');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    fire(document, new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    expect(save).toHaveBeenLastCalledWith('abcd');

    type('abcde');
    act(() => render(null, root));
    expect(save).toHaveBeenLastCalledWith('abcde');
    expect(f.calls.at(-2)).toBe('dispose');
    // Listeners are gone with the field.
    const before = f.calls.length;
    fire(window, new Event('pagehide'));
    expect(f.calls.length).toBe(before);
  });

  it('sends through the latest save prop', () => {
    const f = fakeSaver();
    const first = vi.fn(async () => undefined);
    const second = vi.fn(async () => undefined);
    show({ note: '', save: first, create: f.create });
    show({ note: '', save: second, create: f.create });
    type('x');
    fire(area(), new FocusEvent('blur'));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('x');
  });

  it('shows the saver state', () => {
    const f = fakeSaver();
    show({ note: '', save: async () => undefined, create: f.create });
    f.state('error');
    expect(root.querySelector('[data-state]')!.getAttribute('data-state')).toBe('error');
  });

  it('shows a note changed elsewhere and makes it the baseline, unless the user is writing', () => {
    const f = fakeSaver();
    const save = async () => undefined;
    show({ note: 'a', save, create: f.create });
    show({ note: 'from elsewhere', save, create: f.create });
    expect(area().value).toBe('from elsewhere');
    expect(f.calls).toContain('reset from elsewhere');

    fire(area(), new FocusEvent('focus'));
    show({ note: 'while focused', save, create: f.create });
    expect(area().value).toBe('from elsewhere');
    expect(f.calls).not.toContain('reset while focused');

    type('mine');
    fire(area(), new FocusEvent('blur'));
    show({ note: 'after blur', save, create: f.create });
    expect(area().value).toBe('after blur');
  });

  it('with rebaseWhileEditing, a note changed elsewhere becomes the baseline even mid-edit, but the text stays', () => {
    const f = fakeSaver();
    const save = async () => undefined;
    show({ note: 'a', save, create: f.create, rebaseWhileEditing: true });
    fire(area(), new FocusEvent('focus'));
    type('mine');
    show({ note: 'other', save, create: f.create, rebaseWhileEditing: true });
    expect(f.calls).toContain('reset other');
    expect(area().value).toBe('mine');
  });

  it('shows a recovered draft instead of the note and sends it at once', () => {
    const f = fakeSaver();
    const save = vi.fn(async () => undefined);
    show({ note: 'stored', save, create: f.create, recovered: 'draft' });
    expect(area().value).toBe('draft');
    expect(save).toHaveBeenCalledWith('draft');
    expect(f.calls.slice(0, 2)).toEqual(['change draft', 'flush']);
  });
});
