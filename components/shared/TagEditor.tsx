/**
 * Tag chips with an input: Enter or comma adds, × or Backspace on an empty input removes (or Delete
 * on a chip's name, where the name is a button: one tab stop a chip, not two), existing
 * tags are offered as you type (arrows move, Enter or Tab picks, Escape closes). A tag typed and
 * not confirmed is added when the input loses focus or goes away (the panel or popup closes), as
 * the note beside it is saved then. The one tag editor of the badge panel, the popup and the
 * library page.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { normalizeTag, suggestTags, type TagCount } from './tags';

let nextId = 0;

/** How many existing tags are offered at once, unless the place says (the badge panel is small). */
const SUGGESTIONS = 8;
/**
 * Not TAG_MAX: the input also takes a pasted keyword list, which a browser cuts at `maxlength`
 * before anything sees it. `normalizeTag` cuts each tag to TAG_MAX.
 */
const INPUT_MAX = 2_000;

export interface TagEditorProps {
  tags: string[];
  /** Existing tags with counts; null until loaded (they are fetched on first focus). */
  known: TagCount[] | null;
  onAdd(tag: string): void;
  onRemove(tag: string): void;
  /** Asked once the user starts tagging, so opening the popup never waits for the tag list. */
  onWantKnown(): void;
  /** How many existing tags to offer at once. */
  limit?: number;
  /** Non-zero: take focus now, and again whenever it changes (a keyboard shortcut). */
  focusToken?: number;
  /**
   * What the reader typed after the shortcut before the field had focus (the badge panel's `t`):
   * asked for as the field takes focus, and typed into it.
   */
  takeTyped?: () => string;
  /** A chip's name shows that tag's papers (the library filtered by it); without it, it is text. */
  onOpenTag?: (tag: string) => void;
}

export function TagEditor({ tags, known, onAdd, onRemove, onWantKnown, limit = SUGGESTIONS, focusToken = 0, takeTyped, onOpenTag }: TagEditorProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useRef(`dl-tags-${++nextId}`).current;
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!focusToken) return;
    input.current?.focus({ preventScroll: true });
    const typed = takeTyped?.();
    if (typed) {
      onWantKnown();
      take(typed);
    }
  }, [focusToken]);

  // What is typed and the props as of the last render, for the unmount and pagehide handlers.
  const latest = useRef({ text, tags, onAdd });
  latest.current = { text, tags, onAdd };
  useEffect(() => {
    const commit = () => {
      const { text: typed, tags: have, onAdd: addTag } = latest.current;
      const tag = normalizeTag(typed);
      latest.current = { ...latest.current, text: '' };
      if (tag && !have.includes(tag)) addTag(tag);
    };
    addEventListener('pagehide', commit);
    return () => {
      removeEventListener('pagehide', commit);
      commit();
    };
  }, []);

  const options = useMemo(() => (open && known ? suggestTags(known, text, tags, limit) : []), [open, known, text, tags, limit]);
  const shown = open && options.length > 0;

  const add = (raw: string) => {
    const tag = normalizeTag(raw);
    setText('');
    setActive(-1);
    if (tag && !tags.includes(tag)) onAdd(tag);
  };

  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    switch (e.key) {
      case 'Enter': {
        e.preventDefault();
        const picked = shown && active >= 0 ? options[active] : undefined;
        if (picked) add(picked.tag);
        else if (value.trim()) add(value);
        return;
      }
      case ',':
      case ';':
        e.preventDefault();
        if (value.trim()) add(value);
        return;
      case 'Tab': {
        // Tab takes the highlighted tag; with none highlighted it moves focus as usual.
        const picked = shown && active >= 0 ? options[active] : undefined;
        if (!picked) return;
        e.preventDefault();
        add(picked.tag);
        return;
      }
      case 'Backspace': {
        const last = tags[tags.length - 1];
        if (value === '' && last !== undefined) {
          e.preventDefault();
          onRemove(last);
        }
        return;
      }
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
          return;
        }
        const n = options.length;
        if (n === 0) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i < 0 ? (step > 0 ? 0 : n - 1) : (i + step + n) % n));
        return;
      }
      case 'Escape':
        if (shown) {
          // Closes the list only; a second Escape closes the popup as usual.
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          setActive(-1);
        }
        return;
    }
  };

  const onInput = (e: JSX.TargetedEvent<HTMLInputElement>) => take(e.currentTarget.value);
  /** The field's text is now `value` (typed, pasted, or typed ahead of the field). */
  function take(value: string) {
    // A pasted "a, b, c" (or "a; b; c") becomes three tags; the part after the last separator
    // stays typed. A line break separates too: an Enter typed ahead of the panel knowing its field
    // (entrypoints/panel/main.tsx) arrives as one.
    if (/[,;\n]/.test(value)) {
      const parts = value.split(/[,;\n]/);
      const rest = parts.pop() ?? '';
      // `tags` is this render's: a tag repeated in the list must not be added twice.
      const added = new Set(tags);
      for (const part of parts) {
        const tag = normalizeTag(part);
        if (!tag || added.has(tag)) continue;
        added.add(tag);
        onAdd(tag);
      }
      setText(rest);
    } else {
      setText(value);
    }
    setOpen(true);
    setActive(-1);
  }

  const activeId = shown && active >= 0 ? `${listId}-${active}` : undefined;

  return (
    <div class="tags" onClick={() => input.current?.focus()}>
      {tags.map((tag) => (
        <span class="chip" data-testid="tag-chip" data-tag={tag} key={tag}>
          {onOpenTag ? (
            <button
              type="button"
              class="chip-text"
              data-testid="tag-open"
              title={`Show the papers tagged #${tag} · Delete removes it`}
              aria-keyshortcuts="Delete"
              onClick={(e) => {
                e.stopPropagation();
                onOpenTag(tag);
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Delete' && e.key !== 'Backspace') return;
                e.preventDefault();
                e.stopPropagation();
                onRemove(tag);
                input.current?.focus({ preventScroll: true });
              }}
            >
              #{tag}
            </button>
          ) : (
            `#${tag}`
          )}
          <button
            type="button"
            class="chip-x"
            aria-label={`Remove tag ${tag}`}
            // The name is the chip's tab stop (Delete there removes); × stays a click away, and
            // reachable by a screen reader's own navigation.
            tabIndex={onOpenTag ? -1 : undefined}
            data-testid="tag-remove"
            onClick={(e) => {
              e.stopPropagation();
              onRemove(tag);
            }}
          >
            ×
          </button>
        </span>
      ))}
      <span class="tag-field">
        <input
          ref={input}
          class="tag-input"
          data-testid="tag-input"
          data-field="tag"
          type="text"
          value={text}
          maxLength={INPUT_MAX}
          placeholder={tags.length ? 'Add tag…' : 'Add tags: Enter or comma'}
          aria-label="Add a tag"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={activeId}
          autoComplete="off"
          spellcheck={false}
          onFocus={() => {
            onWantKnown();
            setOpen(true);
          }}
          onBlur={(e) => {
            setOpen(false);
            setActive(-1);
            if (e.currentTarget.value.trim()) add(e.currentTarget.value);
          }}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
        {shown && (
          <ul class="suggest" id={listId} role="listbox" aria-label="Existing tags">
            {options.map((o, i) => (
              <li
                key={o.tag}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : undefined}
                data-testid="tag-option"
                data-tag={o.tag}
                data-suggestion={o.tag}
                // mousedown, not click: the input must keep focus so typing can go on.
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(o.tag);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span>#{o.tag}</span>
                <span class="count">{o.count}</span>
              </li>
            ))}
          </ul>
        )}
      </span>
    </div>
  );
}
