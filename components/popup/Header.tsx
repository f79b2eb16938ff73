/** Site and counts of this page, the library search and the way to the library page. */
import type { PageInfo, TabReading } from '../../lib/messages';
import { libraryUrl, openLibrary } from '../shared/library-link';
import type { Group } from './model';
import { pageName, readingTitle } from './wording';

export interface HeaderProps {
  page: PageInfo | null;
  /** The tab shows a paper's full text, or its page on another site, rather than a page of cards. */
  reading?: TabReading | undefined;
  counts: Record<Group, number> | null;
  query: string;
  onQuery(query: string): void;
}

export function Header({ page, reading, counts, query, onQuery }: HeaderProps) {
  return (
    <header class="head">
      <div class="head-line">
        <span class="brand">Déjà Lu</span>
        <span class="site" data-testid="site-name">
          {page ? pageName(page) : reading ? readingTitle(reading) : ''}
        </span>
        <a
          class="library-link"
          data-testid="library-link"
          href={libraryUrl()}
          onClick={(e) => {
            e.preventDefault();
            openLibrary();
          }}
        >
          Library ↗
        </a>
      </div>
      {counts && (
        <div class="counts" data-testid="counts">
          <span class="count-new" data-testid="count-new">
            <b>{counts.new}</b> new
          </span>
          <span class="count-seen" data-testid="count-seen">
            <b>{counts.seen}</b> seen
          </span>
          <span class="count-saved" data-testid="count-saved">
            <b>{counts.saved}</b> saved
          </span>
        </div>
      )}
      <input
        class="search"
        data-testid="search-input"
        type="search"
        placeholder="Search your library: title, author, tag, note…"
        aria-label="Search your library"
        value={query}
        autoFocus
        spellcheck={false}
        onInput={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Escape clears a query first; with none, it closes the popup as usual.
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            onQuery('');
          }
        }}
      />
    </header>
  );
}
