/** The toolbar popup: this tab's papers by group, the paper whose PDF it shows, search results, or recently saved papers. */
import type { SightingView, TabReading } from '../../lib/messages';
import { countRows, GROUP_NAMES, GROUPS, groupRows, onePerPaper, paperCount, type Group, type Row } from './model';
import { Header } from './Header';
import { PaperRow, type RowActions } from './PaperRow';
import type { TagCount } from '../shared/tags';
import type { PopupStart } from './start';
import { usePopup } from './usePopup';
import { SiteLinks } from '../shared/SiteLinks';
import { readingHome, readingName } from './wording';

export interface PopupProps {
  getTabId?: () => Promise<number | null>;
  /** The first request, already on its way (entrypoints/popup/main.tsx). */
  start?: PopupStart;
}

interface ListProps {
  expanded: ReadonlySet<string>;
  histories: ReadonlyMap<string, SightingView[]>;
  tags: TagCount[] | null;
  actions: RowActions;
}

function rowProps(row: Row, { expanded, histories, tags, actions }: ListProps) {
  const key = row.current.paper?.key;
  return {
    row,
    expanded: expanded.has(row.id),
    history: key !== undefined ? histories.get(key) : undefined,
    knownTags: tags,
    actions,
  };
}

/**
 * One flat list with the group headers among the rows, so a row that moves group (saved during
 * this visit) is moved by Preact rather than remounted, keeping an open note editor intact.
 */
function PageList({ rows, ...list }: ListProps & { rows: Row[] }) {
  const groups = groupRows(onePerPaper(rows));
  const items = GROUPS.flatMap((g: Group) =>
    groups[g].length === 0
      ? []
      : [
          <li key={`group-${g}`} class={`group ${g}`} data-testid="group-header" data-group={g} data-count={paperCount(groups[g])}>
            {GROUP_NAMES[g]} <span class="group-count">{paperCount(groups[g])}</span>
          </li>,
          ...groups[g].map((row) => <PaperRow key={row.id} {...rowProps(row, list)} group={g} />),
        ],
  );
  return (
    <ul class="list" data-testid="page-list">
      {items}
    </ul>
  );
}

function LibraryList({ rows, title, testid, ...list }: ListProps & { rows: Row[]; title: string; testid: string }) {
  return (
    <ul class="list" data-testid={testid}>
      <li class="group" data-testid="group-header" data-group={testid} data-count={rows.length}>
        {title}
      </li>
      {rows.map((row) => (
        <PaperRow key={row.id} {...rowProps(row, list)} group={row.current.status} />
      ))}
    </ul>
  );
}

/**
 * A tab showing a paper's full text (arXiv's PDF or HTML, a publisher's PDF) or its page on
 * another site: the paper as the library has it, to tag or annotate while reading. A page's paper
 * the library does not hold is saved from the popup, as its meta tags describe it; a PDF's, from
 * its abstract page, where its title and authors are.
 */
function ReadingList({ reading, rows, recent, ...list }: ListProps & { reading: TabReading; rows: Row[]; recent: Row[] | null }) {
  if (rows.length > 0) return <LibraryList rows={rows} title="The paper you are reading" testid="reading" {...list} />;
  const home = readingHome(reading);
  return (
    <>
      <p class="empty" data-testid="reading-unknown">
        {reading.arxivId ? `${readingName(reading)} is` : reading.doi ? `This paper (doi:${reading.doi}) is` : 'This paper is'} not in your library yet.
        {home && (
          <>
            {' '}
            <a href={home.href} target="_blank" rel="noopener noreferrer" data-testid="reading-abs">
              Open {home.label} ↗
            </a>{' '}
            to save it there.
          </>
        )}
      </p>
      {recent && recent.length > 0 && <LibraryList rows={recent} title="Recently saved" testid="recent" {...list} />}
    </>
  );
}

export function Popup({ getTabId, start }: PopupProps) {
  const p = usePopup(getTabId, start);
  const list: ListProps = { expanded: p.expanded, histories: p.histories, tags: p.tags, actions: p.actions };
  const ready = p.load.kind === 'ready' ? p.load : null;
  const pageRows = ready?.rows ?? [];

  let body;
  if (p.query.trim()) {
    if (!p.search) body = <p class="empty">Searching…</p>;
    else if (p.search.rows.length === 0) body = <p class="empty" data-testid="search-empty">No paper in your library matches “{p.search.query}”.</p>;
    else {
      const more = p.search.total - p.search.rows.length;
      const title = `${p.search.total} in your library${more > 0 ? `, first ${p.search.rows.length}` : ''}`;
      body = <LibraryList rows={p.search.rows} title={title} testid="search-results" {...list} />;
    }
  } else if (p.load.kind === 'loading') {
    body = <p class="empty">Loading…</p>;
  } else if (p.load.kind === 'error') {
    body = <p class="empty error">The library did not answer: {p.load.message}</p>;
  } else if (ready?.reading) {
    body = <ReadingList reading={ready.reading} rows={pageRows} recent={p.recent} {...list} />;
  } else if (pageRows.length > 0) {
    body = <PageList rows={pageRows} {...list} />;
  } else {
    body = (
      <>
        <p class="empty" data-testid="no-cards">
          {ready?.page ? (
            'No papers recognised on this page yet.'
          ) : (
            <>
              Open <SiteLinks /> to see its papers here. On a paper's own page elsewhere, or its PDF, this shows that paper.
            </>
          )}
        </p>
        {p.recent && p.recent.length > 0 && <LibraryList rows={p.recent} title="Recently saved" testid="recent" {...list} />}
        {p.recent && p.recent.length === 0 && <p class="empty">Nothing saved yet: use ☆ on a paper to keep it.</p>}
      </>
    );
  }

  return (
    <div class="popup">
      <Header
        page={ready?.page ?? null}
        reading={ready?.reading}
        counts={pageRows.length && !ready?.reading ? countRows(pageRows) : null}
        query={p.query}
        onQuery={p.setQuery}
      />
      <main class={`scroll${p.searching ? ' stale' : ''}`}>{body}</main>
      {p.error && (
        <div class="error-bar" role="alert" data-testid="error">
          <span>{p.error}</span>
          <button type="button" class="link-button" onClick={p.clearError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
