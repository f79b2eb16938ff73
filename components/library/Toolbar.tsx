/** Search box, filters and sort. The search box is debounced by the list hook, not here. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isTyping } from '../../lib/page/keyboard';
import { siteLabel, SOURCES } from '../shared/sites';
import type { TagCount } from './hooks';
import { TagRename, TagRenameButton } from './TagRename';
import { AddPaper, type AddPaperProps } from './AddPaper';
import { isFiltered, type Filters, type Sort, type Status } from './query';

export interface ToolbarProps {
  filters: Filters;
  tags: TagCount[];
  onChange(update: Partial<Filters>): void;
  onReset(): void;
  /** Rename (or merge) the tag the list is filtered by (TagRename). */
  onRenameTag(from: string, to: string): Promise<void>;
  /** Add a paper by hand (AddPaper), and open one in the details. */
  onAddPaper: AddPaperProps['onAdd'];
  onOpen(key: string): void;
  /** The add form is open, with this title to start from (null: closed); the list's empty state opens it too. */
  adding: string | null;
  onAdding(title: string | null): void;
}

export function Toolbar({ filters, tags, onChange, onReset, onRenameTag, onAddPaper, onOpen, adding, onAdding }: ToolbarProps) {
  const search = useRef<HTMLInputElement>(null);
  // "/" jumps to the search box, as on GitHub and arXiv listing tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.composedPath()[0] ?? e.target)) return;
      e.preventDefault();
      search.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // Renaming the tag filtered by: closed whenever the filter moves to another tag (a rename does so too).
  const [renaming, setRenaming] = useState(false);
  useEffect(() => setRenaming(false), [filters.tag]);
  const searching = filters.text.trim() !== '';
  const hasTag = filters.tag === '' || tags.some((t) => t.tag === filters.tag);

  return (
    <div class="toolbar" role="search">
      {/* "+ Add a paper" beside the search box (looked for, not found: add it), where the filters'
          line, whose width its tag and date fields decide, cannot push it to a line of its own. */}
      <div class="search-row">
        <input
          ref={search}
          type="search"
          class="search"
          data-testid="search-input"
          aria-label="Search titles, authors, abstracts, notes and tags"
          placeholder="Search titles, authors, abstracts, notes, tags…"
          title="Press / to search"
          value={filters.text}
          maxLength={500}
          onInput={(e) => onChange({ text: e.currentTarget.value })}
        />
        {adding === null && (
          <button type="button" class="btn add-open" data-testid="add-paper" title="Keep a paper you did not meet on a digest" onClick={() => onAdding('')}>
            + Add a paper
          </button>
        )}
      </div>
      <div class="filters">
        <label class="field">
          <span>Show</span>
          <select data-testid="filter-status" value={filters.status} onChange={(e) => onChange({ status: e.currentTarget.value as Status })}>
            <option value="all">All papers</option>
            <option value="saved">Saved</option>
            <option value="seen">Seen only</option>
            <option value="noted">With a note</option>
            <option value="published">Published</option>
          </select>
        </label>
        <label class="field">
          <span>Tag</span>
          <select class="tag-select" data-testid="filter-tag" value={filters.tag} onChange={(e) => onChange({ tag: e.currentTarget.value })}>
            <option value="">Any tag</option>
            {!hasTag && <option value={filters.tag}>{filters.tag}</option>}
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>
                {t.tag} ({t.count})
              </option>
            ))}
          </select>
        </label>
        {filters.tag !== '' && hasTag && !renaming && <TagRenameButton tag={filters.tag} onOpen={() => setRenaming(true)} />}
        <label class="field">
          <span>Site</span>
          <select data-testid="filter-site" value={filters.site} onChange={(e) => onChange({ site: e.currentTarget.value as Filters['site'] })}>
            <option value="">Any site</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {siteLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>First seen from</span>
          <input type="date" data-testid="filter-from" value={filters.from} max={filters.to || undefined} onInput={(e) => onChange({ from: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span>to</span>
          <input type="date" data-testid="filter-to" value={filters.to} min={filters.from || undefined} onInput={(e) => onChange({ to: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span>Sort by</span>
          <select data-testid="sort-select" value={searching || filters.sort !== 'relevance' ? filters.sort : 'lastSeen'} onChange={(e) => onChange({ sort: e.currentTarget.value as Sort })}>
            {searching && <option value="relevance">Best match</option>}
            <option value="lastSeen">Last seen</option>
            <option value="firstSeen">First seen</option>
            <option value="savedAt">Saved</option>
            <option value="title">Title</option>
            <option value="seenCount">Times seen</option>
          </select>
        </label>
        {isFiltered(filters) && (
          <button type="button" class="btn btn-quiet" data-testid="filters-reset" onClick={onReset}>
            Clear filters
          </button>
        )}
      </div>
      {adding !== null && <AddPaper key={adding} title={adding} onAdd={onAddPaper} onOpen={onOpen} onClose={() => onAdding(null)} />}
      {renaming && filters.tag !== '' && (
        <TagRename tag={filters.tag} known={tags.map((t) => t.tag)} onRename={onRenameTag} onClose={() => setRenaming(false)} />
      )}
    </div>
  );
}
