/** A paper's tags: chips with a remove button and an input that adds on Enter or comma. */
import { useState } from 'preact/hooks';
import { normalizeTag } from '../../lib/export/imported';

export interface TagEditorProps {
  tags: string[];
  suggestions: string[];
  onAdd(tag: string): void;
  onRemove(tag: string): void;
}

export function TagEditor({ tags, suggestions, onAdd, onRemove }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const commit = (text: string) => {
    const added = new Set<string>();
    for (const part of text.split(',')) {
      const t = normalizeTag(part);
      if (t && !tags.includes(t) && !added.has(t)) {
        added.add(t);
        onAdd(t);
      }
    }
    setDraft('');
  };
  return (
    <div class="tag-editor">
      <ul class="chips" aria-label="Tags">
        {tags.map((t) => (
          <li class="chip" key={t} data-testid="tag-chip" data-tag={t}>
            <span>{t}</span>
            <button type="button" class="chip-x" data-testid="tag-remove" aria-label={`Remove tag ${t}`} onClick={() => onRemove(t)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        data-testid="tag-input"
        class="tag-input"
        aria-label="Add a tag"
        placeholder={tags.length ? 'Add tag…' : 'Add a tag (Enter)…'}
        list="dejalu-tag-suggestions"
        value={draft}
        maxLength={200}
        onInput={(e) => {
          const v = e.currentTarget.value;
          // A comma ends a tag, as in most tag inputs.
          if (v.endsWith(',')) commit(v);
          else setDraft(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(draft);
          }
        }}
        onBlur={() => draft.trim() && commit(draft)}
      />
      <datalist id="dejalu-tag-suggestions">
        {suggestions.filter((s) => !tags.includes(s)).slice(0, 200).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
