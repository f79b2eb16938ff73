/**
 * Renaming the tag the list is filtered by, beside the tag filter: every paper with it gets the new
 * name, and a name already in use merges the two tags ("llm" into "language-models").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { tagText, TAG_MAX } from '../../lib/tags';

export interface TagRenameProps {
  tag: string;
  /** Tags in use, to say when the new name merges two. */
  known: string[];
  onRename(from: string, to: string): Promise<void>;
  onClose(): void;
}

/** The toolbar's "Rename…" beside the tag filter, which opens TagRename below the filters. */
export function TagRenameButton({ tag, onOpen }: { tag: string; onOpen(): void }) {
  return (
    <button type="button" class="btn btn-quiet" data-testid="tag-rename" title={`Rename #${tag} on every paper`} onClick={onOpen}>
      Rename…
    </button>
  );
}

export function TagRename({ tag, known, onRename, onClose }: TagRenameProps) {
  const [name, setName] = useState(tag);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);

  const to = tagText(name);
  const merges = to !== tag && known.includes(to);
  const submit = async () => {
    if (!to || to === tag || busy) return;
    setBusy(true);
    try {
      await onRename(tag, to);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="tag-rename"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label class="field">
        <span>New name for #{tag}</span>
        <input
          ref={input}
          data-testid="tag-rename-input"
          value={name}
          maxLength={TAG_MAX + 1}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
      </label>
      <button type="submit" class="btn btn-primary" data-testid="tag-rename-save" disabled={!to || to === tag || busy}>
        {merges ? `Merge into #${to}` : 'Rename'}
      </button>
      <button type="button" class="btn btn-quiet" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
