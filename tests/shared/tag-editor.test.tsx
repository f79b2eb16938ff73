// @vitest-environment happy-dom
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagEditor } from '../../components/shared/TagEditor';
import type { TagCount } from '../../components/shared/tags';
import { click, fire, key, mount, type } from '../popup/helpers';

const KNOWN: TagCount[] = [
  { tag: 'diffusion', count: 4 },
  { tag: 'distillation', count: 9 },
  { tag: 'llm', count: 12 },
  { tag: 'rl', count: 2 },
  { tag: 'mixture-of-experts', count: 1 },
];

function Harness(props: {
  initial?: string[];
  known?: TagCount[] | null;
  onWant?: () => void;
  focusToken?: number;
  takeTyped?: () => string;
  onOpenTag?: (tag: string) => void;
}) {
  const [tags, setTags] = useState(props.initial ?? []);
  return (
    <TagEditor
      tags={tags}
      known={props.known === undefined ? KNOWN : props.known}
      onAdd={(t) => setTags((ts) => [...ts, t])}
      onRemove={(t) => setTags((ts) => ts.filter((x) => x !== t))}
      onWantKnown={props.onWant ?? (() => undefined)}
      focusToken={props.focusToken}
      takeTyped={props.takeTyped}
      onOpenTag={props.onOpenTag}
    />
  );
}

let view: ReturnType<typeof mount> | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

/** What a browser does on paste into <input maxlength>: the text is cut to fit, then `input` fires. */
function paste(input: HTMLInputElement, text: string) {
  const room = input.maxLength >= 0 ? input.maxLength - input.value.length : Infinity;
  type(input, input.value + text.slice(0, Math.max(0, room)));
}

function setup(props: Parameters<typeof Harness>[0] = {}) {
  view = mount(<Harness {...props} />);
  const input = view.$<HTMLInputElement>('[data-testid="tag-input"]')!;
  fire(input, new FocusEvent('focus'));
  const chips = () => view!.$$('[data-testid="tag-chip"]').map((c) => c.dataset.tag);
  const options = () => view!.$$('[data-testid="tag-option"]').map((o) => o.dataset.tag);
  const active = () => view!.$('[data-testid="tag-option"][aria-selected="true"]')?.dataset.tag;
  return { input, chips, options, active, v: view };
}

describe('tag editor keyboard', () => {
  it('adds with Enter and with comma, normalised, and ignores duplicates', () => {
    const { input, chips } = setup();
    type(input, 'Vision Transformers');
    key(input, 'Enter');
    expect(chips()).toEqual(['vision-transformers']);
    expect(input.value).toBe('');
    type(input, '#RL');
    const ev = key(input, ',');
    expect(ev.defaultPrevented).toBe(true);
    expect(chips()).toEqual(['vision-transformers', 'rl']);
    type(input, 'rl');
    key(input, 'Enter');
    expect(chips()).toEqual(['vision-transformers', 'rl']);
    type(input, 'diffusion');
    expect(key(input, ';').defaultPrevented).toBe(true);
    expect(chips()).toEqual(['vision-transformers', 'rl', 'diffusion']);
  });

  it('splits a pasted comma or semicolon list', () => {
    const { input, chips } = setup();
    type(input, 'a, b,c');
    expect(chips()).toEqual(['a', 'b']);
    expect(input.value).toBe('c');
    type(input, 'c; d;e');
    expect(chips()).toEqual(['a', 'b', 'c', 'd']);
    expect(input.value).toBe('e');
  });

  it('keeps every tag of a pasted keyword list longer than one tag, each once', () => {
    const { input, chips } = setup();
    // Keywords copied from Zotero or an arXiv listing.
    paste(input, 'transformers, attention, efficient inference, quantization, distillation, benchmarks, attention,');
    expect(chips()).toEqual(['transformers', 'attention', 'efficient-inference', 'quantization', 'distillation', 'benchmarks']);
    expect(input.value).toBe('');
  });

  it('removes the last chip with Backspace on an empty input, and any chip with ×', () => {
    const { input, chips, v } = setup({ initial: ['one', 'two', 'three'] });
    type(input, 'x');
    key(input, 'Backspace');
    // Not empty: Backspace edits the text, chips stay.
    expect(chips()).toEqual(['one', 'two', 'three']);
    type(input, '');
    key(input, 'Backspace');
    expect(chips()).toEqual(['one', 'two']);
    click(v.$('[data-tag="one"] [data-testid="tag-remove"]'));
    expect(chips()).toEqual(['two']);
  });

  it("takes one tab stop a chip where its name opens the tag: Delete there removes it, focus back in the field", () => {
    const onOpenTag = vi.fn();
    const { input, chips, v } = setup({ initial: ['one', 'two'], onOpenTag });
    const name = v.$<HTMLButtonElement>('[data-tag="one"] [data-testid="tag-open"]')!;
    expect(name.tabIndex).toBe(0);
    expect(v.$<HTMLButtonElement>('[data-tag="one"] [data-testid="tag-remove"]')!.tabIndex).toBe(-1);
    name.focus();
    key(name, 'Enter');
    key(name, 'Delete');
    expect(chips()).toEqual(['two']);
    expect(document.activeElement).toBe(input);
    key(v.$('[data-tag="two"] [data-testid="tag-open"]')!, 'Backspace');
    expect(chips()).toEqual([]);
    expect(onOpenTag).not.toHaveBeenCalled();
    // Without a name to open, × is the chip's one stop.
    view?.unmount();
    const plain = setup({ initial: ['one'] });
    expect(plain.v.$<HTMLButtonElement>('[data-testid="tag-remove"]')!.tabIndex).toBe(0);
  });

  it('offers existing tags with counts; arrows move, Enter picks', () => {
    const { input, chips, options, active, v } = setup();
    type(input, 'di');
    expect(options()).toEqual(['distillation', 'diffusion']);
    expect(v.$('[data-tag="distillation"] .count')?.textContent).toBe('9');
    expect(active()).toBeUndefined();
    key(input, 'ArrowDown');
    expect(active()).toBe('distillation');
    key(input, 'ArrowDown');
    expect(active()).toBe('diffusion');
    expect(input.getAttribute('aria-activedescendant')).toBe(v.$('[aria-selected="true"]')!.id);
    key(input, 'ArrowDown');
    expect(active()).toBe('distillation');
    key(input, 'ArrowUp');
    expect(active()).toBe('diffusion');
    key(input, 'Enter');
    expect(chips()).toEqual(['diffusion']);
    expect(input.value).toBe('');
  });

  it('offers at most 8 tags (the rules are in tests/shared/tags.test.ts)', () => {
    const known = Array.from({ length: 12 }, (_, i) => ({ tag: `tag-${i}`, count: i }));
    const { input, options } = setup({ known });
    type(input, 'tag');
    expect(options()).toEqual(['tag-11', 'tag-10', 'tag-9', 'tag-8', 'tag-7', 'tag-6', 'tag-5', 'tag-4']);
  });

  it('Enter without a highlighted option adds what was typed', () => {
    const { input, chips } = setup();
    type(input, 'dif');
    key(input, 'Enter');
    expect(chips()).toEqual(['dif']);
  });

  it('a typed tag not confirmed is added when the input loses focus, once', () => {
    const { input, chips } = setup({ initial: ['rl'] });
    type(input, 'Quantization');
    fire(input, new FocusEvent('blur'));
    expect(chips()).toEqual(['rl', 'quantization']);
    expect(input.value).toBe('');
    fire(input, new FocusEvent('blur'));
    expect(chips()).toEqual(['rl', 'quantization']);
  });

  it('a typed tag not confirmed is handed on when the editor goes away or the page is hidden', () => {
    const added: string[] = [];
    const props = { tags: ['rl'], known: KNOWN, onAdd: (t: string) => void added.push(t), onRemove: () => {}, onWantKnown: () => {} };
    view = mount(<TagEditor {...props} />);
    type(view.$<HTMLInputElement>('[data-testid="tag-input"]')!, 'moe');
    dispatchEvent(new Event('pagehide'));
    expect(added).toEqual(['moe']);
    type(view.$<HTMLInputElement>('[data-testid="tag-input"]')!, 'RL, sparse');
    view.unmount();
    view = undefined;
    expect(added).toEqual(['moe', 'sparse']);
  });

  it('Escape closes the list without closing the popup', () => {
    const { input, options } = setup();
    type(input, 'd');
    expect(options().length).toBeGreaterThan(0);
    const ev = key(input, 'Escape');
    expect(ev.defaultPrevented).toBe(true);
    expect(options()).toEqual([]);
    key(input, 'ArrowDown');
    expect(options().length).toBeGreaterThan(0);
  });

  it('a click on an option adds it', () => {
    const { input, chips, v } = setup();
    type(input, 'll');
    const opt = v.$('[data-testid="tag-option"][data-tag="llm"]')!;
    fire(opt, new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    expect(chips()).toEqual(['llm']);
  });

  it('asks for the known tags only when tagging starts', () => {
    const onWant = vi.fn();
    view = mount(<Harness known={null} onWant={onWant} />);
    expect(onWant).not.toHaveBeenCalled();
    const input = view.$<HTMLInputElement>('[data-testid="tag-input"]')!;
    fire(input, new FocusEvent('focus'));
    expect(onWant).toHaveBeenCalledTimes(1);
    type(input, 'd');
    expect(view.$$('[data-testid="tag-option"]')).toEqual([]);
  });
});

describe('text typed ahead of the field (the badge panel’s t)', () => {
  it('is taken as the field takes focus: tags ended by Enter (a comma) added, the rest left typed', () => {
    const onWant = vi.fn();
    const takeTyped = vi.fn(() => 'LLM,mixture of expe');
    const { input, chips } = setup({ focusToken: 1, takeTyped, onWant });
    expect(takeTyped).toHaveBeenCalledTimes(1);
    expect(chips()).toEqual(['llm']);
    expect(input.value).toBe('mixture of expe');
    expect(onWant).toHaveBeenCalled();
  });

  it('takes a line break as the end of a tag, as a comma (an Enter typed before the panel knew its field)', () => {
    const { input, chips } = setup({ focusToken: 1, takeTyped: () => 'llm\nagents\nrl' });
    expect(chips()).toEqual(['llm', 'agents']);
    expect(input.value).toBe('rl');
  });

  it('is not asked for without a focus request', () => {
    const takeTyped = vi.fn(() => 'x');
    setup({ takeTyped });
    expect(takeTyped).not.toHaveBeenCalled();
  });

  it('changes nothing when nothing was typed', () => {
    const { input, chips } = setup({ focusToken: 1, takeTyped: () => '' });
    expect(chips()).toEqual([]);
    expect(input.value).toBe('');
  });
});
