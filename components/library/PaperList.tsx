/** The result list: one row a paper, with a checkbox for bulk actions and a star to save. */
import { texToUnicode } from '../../lib/tex-unicode';
import { SELECTION_MAX, type PaperView } from '../../lib/messages';
import { venueName } from '../../lib/venue';
import { authorLine, count, relativeDay } from './format';
import { PAGE_SIZE, type Sort } from './query';
import type { PageSelection } from './selection';
import { SiteLinks } from '../shared/SiteLinks';

export interface PaperListProps {
  papers: PaperView[];
  total: number;
  loading: boolean;
  error: string | null;
  filtered: boolean;
  sort: Sort;
  selected: ReadonlySet<string>;
  pageSelection: PageSelection;
  /** The selection is every paper the search matches (useSelection). */
  matching: boolean;
  activeKey: string | null;
  onSelect(key: string, on: boolean, shift: boolean): void;
  onSelectPage(on: boolean): void;
  onSelectMatching(): void;
  onClearSelection(): void;
  onOpen(key: string): void;
  onToggleSave(paper: PaperView): void;
  /** A row's tag was clicked: filter by it. */
  onTag(tag: string): void;
  onLoadMore(): void;
  /** Shows the import & export tab (the empty library's way to an import). */
  onImport?(): void;
  /** The search text, offered as a paper to add by hand when nothing matches it. */
  searchText?: string;
  onAddByHand?(title: string): void;
}

/** The date column follows the sort, so the order is visible. */
function when(p: PaperView, sort: Sort): string {
  if (sort === 'savedAt' && p.savedAt) return `saved ${relativeDay(p.savedAt)}`;
  if (sort === 'firstSeen' && p.firstSeen) return `first seen ${relativeDay(p.firstSeen)}`;
  if (sort === 'seenCount' && p.lastSeen) return `seen ${p.seenCount}× · last ${relativeDay(p.lastSeen)}`;
  // A paper that keeps coming back says so in every order, as its badge does on the page.
  if (p.lastSeen) return p.seenCount > 1 ? `seen ${p.seenCount}× · last ${relativeDay(p.lastSeen)}` : `seen ${relativeDay(p.lastSeen)}`;
  if (p.savedAt) return `saved ${relativeDay(p.savedAt)}`;
  return '';
}

export function PaperList(props: PaperListProps) {
  const { papers, total } = props;
  const totalText = count(total);
  return (
    <section class="list" aria-label="Papers">
      <div class="list-head">
        <label class="check" title="Select all on this page" hidden={papers.length === 0}>
          <input
            type="checkbox"
            data-testid="select-all"
            aria-label="Select all papers shown"
            checked={props.pageSelection === 'all' && papers.length > 0}
            ref={(el) => {
              if (el) el.indeterminate = props.pageSelection === 'some';
            }}
            disabled={papers.length === 0}
            onChange={(e) => props.onSelectPage(e.currentTarget.checked)}
          />
        </label>
        <span class="count" data-testid="result-count" aria-live="polite">
          {props.error
            ? ''
            : total === 0 && !props.loading
              ? ''
              : papers.length < total
                ? `${count(papers.length)} of ${totalText} papers`
                : `${totalText} paper${total === 1 ? '' : 's'}`}
        </span>
        {props.loading && <span class="spinner" aria-label="Loading" />}
        {papers.length > 0 && (
          <span class="keys-hint" title="Keyboard: j and k open the next and previous paper, x selects it, s saves it, Esc closes it, / searches">
            <kbd>j</kbd>
            <kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>s</kbd> save · <kbd>/</kbd> search
          </span>
        )}
      </div>

      {!props.error && (props.matching || (props.pageSelection === 'all' && papers.length < total)) && (
        <p class="select-matching" data-testid="select-matching-bar" role="status">
          {props.matching ? (
            <>
              {`All ${count(props.selected.size)} papers that match are selected. `}
              <button type="button" class="linkish" data-testid="clear-selection" onClick={props.onClearSelection}>
                Clear selection
              </button>
            </>
          ) : (
            <>
              {`The ${count(papers.length)} papers shown are selected. `}
              <button type="button" class="linkish" data-testid="select-matching" onClick={props.onSelectMatching}>
                {total > SELECTION_MAX ? `Select the first ${count(SELECTION_MAX)} that match` : `Select all ${totalText} that match`}
              </button>
            </>
          )}
        </p>
      )}

      {props.error && (
        <p class="error" role="alert" data-testid="list-error">
          {props.error}
        </p>
      )}
      {!props.error && !props.loading && papers.length === 0 && (
        <div class="empty" data-testid="list-empty">
          {props.filtered ? (
            <>
              <p>No papers match these filters.</p>
              {props.onAddByHand && props.searchText?.trim() && (
                <p class="muted">
                  A paper you met elsewhere?{' '}
                  <button type="button" class="link-button" data-testid="empty-add" onClick={() => props.onAddByHand!(props.searchText!.trim())}>
                    Add “{props.searchText.trim()}” by hand
                  </button>
                </p>
              )}
            </>
          ) : (
            <>
              <p>Your library is empty.</p>
              <p class="muted">
                Browse <SiteLinks /> and the papers you see will appear here. You can also{' '}
                {props.onImport ? (
                  <button type="button" class="link-button" data-testid="empty-import" onClick={props.onImport}>
                    import
                  </button>
                ) : (
                  'import'
                )}{' '}
                a BibTeX or CSL-JSON file from Zotero, or a Déjà Lu backup.
              </p>
            </>
          )}
        </div>
      )}

      <ul class="rows">
        {papers.map((p) => {
          const checked = props.selected.has(p.key);
          const venue = venueName(p);
          const cls = ['row', checked ? 'is-selected' : '', props.activeKey === p.key ? 'is-active' : ''].join(' ').trim();
          return (
            <li class={cls} key={p.key} data-testid="paper-row" data-key={p.key}>
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="row-checkbox"
                  aria-label={`Select “${texToUnicode(p.title)}”`}
                  checked={checked}
                  onClick={(e) => props.onSelect(p.key, e.currentTarget.checked, e.shiftKey)}
                />
              </label>
              <div class="row-body">
                <button type="button" class="row-main" data-testid="row-open" aria-current={props.activeKey === p.key} onClick={() => props.onOpen(p.key)}>
                  <span class="row-title">{texToUnicode(p.title)}</span>
                  <span class="row-meta">
                    {p.authors.length > 0 && <span class="authors">{authorLine(p.authors)}</span>}
                    {p.arxivId && <span class="mono">{p.arxivId}</span>}
                    {venue && (
                      <span class="venue" data-testid="row-venue">
                        {venue}
                      </span>
                    )}
                    {p.note.trim() !== '' && <span class="has-note" title="Has a note">✎ note</span>}
                    <span class="when">{when(p, props.sort)}</span>
                  </span>
                </button>
                {/* Outside the row's button (a button holds no buttons): a tag shows its papers. */}
                {p.tags.length > 0 && (
                  <span class="row-tags">
                    {p.tags.map((t) => (
                      <button type="button" class="chip chip-small chip-link" data-testid="row-tag" key={t} title={`Show the papers tagged #${t}`} onClick={() => props.onTag(t)}>
                        #{t}
                      </button>
                    ))}
                  </span>
                )}
              </div>
              <button
                type="button"
                class={p.savedAt ? 'star is-saved' : 'star'}
                data-testid="row-save"
                aria-pressed={p.savedAt !== undefined}
                aria-label={p.savedAt ? 'Saved — click to unsave' : 'Save'}
                title={p.savedAt ? 'Saved' : 'Save'}
                onClick={() => props.onToggleSave(p)}
              >
                {p.savedAt ? '★' : '☆'}
              </button>
            </li>
          );
        })}
      </ul>

      {papers.length < total && !props.error && (
        <div class="more">
          <button type="button" class="btn" data-testid="load-more" disabled={props.loading} onClick={props.onLoadMore}>
            Load {count(Math.min(PAGE_SIZE, total - papers.length))} more
          </button>
        </div>
      )}
    </section>
  );
}
