import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../../lib/rpc';
import { normalizeTag, suggestTags, type TagCount } from '../shared/tags';

/** How many library tags the panel offers at once: it is small. */
const SUGGESTIONS = 6;

export interface TagInputProps {
  tags: string[];
  onAdd: (tag: string) => Promise<boolean>;
  onRemove: (tag: string) => Promise<boolean>;
  /** Non-zero: take focus now, and again whenever it changes. */
  focusToken?: number;
}

/** Chips for the paper's tags and an input that completes from the library's tags. */
export function TagInput({ tags, onAdd, onRemove, focusToken = 0 }: TagInputProps) {
  const [all, setAll] = useState<TagCount[]>([]);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void send({ type: 'tags.list' }).then((r) => {
      if (live && r.ok) setAll(r.tags);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (focusToken) input.current?.focus({ preventScroll: true });
  }, [focusToken]);

  const suggestions = open ? suggestTags(all, text, tags, SUGGESTIONS) : [];
  const add = async (raw: string) => {
    const tag = normalizeTag(raw);
    setText('');
    setActive(-1);
    if (!tag || tags.includes(tag)) return;
    if (await onAdd(tag)) {
      setAll((list) =>
        list.some((t) => t.tag === tag)
          ? list.map((t) => (t.tag === tag ? { ...t, count: t.count + 1 } : t))
          : [...list, { tag, count: 1 }],
      );
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = suggestions.length;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % n);
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Enter' || e.key === ',' || (e.key === 'Tab' && active >= 0)) {
      const pick = suggestions[active]?.tag ?? (e.key === 'Tab' ? undefined : text);
      if (pick === undefined || (!pick.trim() && e.key !== ',')) return;
      e.preventDefault();
      void add(pick);
    } else if (e.key === 'Backspace' && text === '' && tags.length) {
      const last = tags[tags.length - 1];
      if (last) void onRemove(last);
    } else if (e.key === 'Escape' && open && n) {
      // The first Escape closes the list, the next one the panel.
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div class="tagbox" onClick={() => input.current?.focus()}>
      {tags.map((t) => (
        <span class="chip" key={t} data-tag={t}>
          #{t}
          <button type="button" aria-label={`Remove tag ${t}`} title="Remove tag" onClick={() => void onRemove(t)}>
            ×
          </button>
        </span>
      ))}
      <input
        ref={input}
        type="text"
        data-field="tag"
        placeholder={tags.length ? 'Add tag…' : 'Add tags, e.g. llm'}
        role="combobox"
        aria-label="Add a tag"
        aria-autocomplete="list"
        aria-expanded={suggestions.length > 0}
        aria-controls="dl-suggest"
        aria-activedescendant={active >= 0 ? `dl-sug-${active}` : undefined}
        autocomplete="off"
        spellcheck={false}
        maxLength={64}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul class="suggest" id="dl-suggest" role="listbox" aria-label="Tags in your library">
          {suggestions.map((s, i) => (
            <li
              key={s.tag}
              id={`dl-sug-${i}`}
              role="option"
              data-suggestion={s.tag}
              aria-selected={i === active}
              // Keep focus in the input so the list does not close before the click lands.
              onPointerDown={(e) => e.preventDefault()}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void add(s.tag)}
            >
              <span>#{s.tag}</span>
              <span class="count">{s.count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
