/** One paper: save star, title, status and dedup line; expanded, its tags, note and history. */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { texToUnicode } from '../../lib/tex-unicode';
import { libraryUrl, openLibrary } from '../shared/library-link';
import type { SightingView } from '../../lib/messages';
import { groupOf, paperLink, type Group, type Row } from './model';
import { NoteEditor } from './NoteEditor';
import { TagEditor } from '../shared/TagEditor';
import type { TagCount } from '../shared/tags';
import { dedupParts } from './wording';
import { shownVenue } from '../../lib/venue';

export interface RowActions {
  toggleExpand(id: string): void;
  toggleSave(id: string): void;
  addTag(id: string, tag: string): void;
  removeTag(id: string, tag: string): void;
  saveNote(id: string, text: string): Promise<unknown>;
  notSame(id: string): void;
  wantTags(): void;
  /** The paper's BibTeX on the clipboard (true once it is there). */
  copyBibtex(id: string): Promise<boolean>;
}

export interface PaperRowProps {
  row: Row;
  /** Library rows (search, recent) are grouped by the library's status, not a page's. */
  group?: Group;
  expanded: boolean;
  history?: SightingView[];
  knownTags: TagCount[] | null;
  actions: RowActions;
}

/** A part of the line this short ("matched by arXiv id", "first Hugging Face Nov 10") never breaks inside. */
const WHOLE_MAX = 32;

/**
 * The dedup line's parts (" · " between them), the short ones unbreakable: a row read "matched by
 * arXiv" with "id" alone on the next line. The text is unchanged, as copied and as tests read it.
 */
function keepShortPartsWhole(text: string) {
  return text.split(/( · )/).map((part, i) => (i % 2 === 0 && part.length > 0 && part.length <= WHOLE_MAX ? <span class="whole" key={i}>{part}</span> : part));
}

export function PaperRow({ row, group = groupOf(row), expanded, history, knownTags, actions }: PaperRowProps) {
  const paper = row.current.paper;
  const title = texToUnicode(row.card?.title ?? paper?.title ?? '');
  const saved = row.current.status === 'saved';
  const tags = paper?.tags ?? [];
  const fuzzy = row.current.match?.rule === 'similar-title' && row.splitFrom === undefined && row.card !== undefined;
  const link = paperLink(row);
  const venue = shownVenue(paper, row.card);
  const dedup = dedupParts(row, history);
  const sep = /^(?:: | · )/.exec(dedup.rest)?.[0] ?? '';
  const detailsId = `details-${row.id.replace(/[^\w-]/g, '_')}`;
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(t);
  }, [copied]);

  return (
    <li
      class={`row${expanded ? ' open' : ''}`}
      data-testid="paper-row"
      data-status={group}
      data-current={row.current.status}
      data-key={paper?.key}
    >
      <button
        type="button"
        class={`star${saved ? ' on' : ''}`}
        data-testid="save-toggle"
        aria-pressed={saved}
        aria-label={saved ? 'Saved; click to unsave' : 'Save'}
        title={saved ? 'Unsave' : 'Save to your library'}
        onClick={() => actions.toggleSave(row.id)}
      >
        {saved ? '★' : '☆'}
      </button>
      <div class="row-body">
        <button
          type="button"
          class="title"
          data-testid="row-title"
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => actions.toggleExpand(row.id)}
        >
          {title}
        </button>
        <div class="meta">
          <span class="dedup" data-testid="dedup-status" title={row.current.match?.text}>
            <span class={`pill ${group}`} data-testid="row-status">
              {dedup.lead}
            </span>
            {/* The separator after the pill is for screen readers and copied text; the pill shows it. */}
            {sep && <span class="sep">{sep}</span>}
            {keepShortPartsWhole(dedup.rest.slice(sep.length))}
          </span>
          {row.alsoHere !== undefined && (
            <span class="also-here" data-testid="also-here" title="The page lists this paper more than once (a preprint and its published version, say)">
              · listed {row.alsoHere === 1 ? 'twice' : `${row.alsoHere + 1} times`} on this page
            </span>
          )}
          {venue && (
            <span class="venue-part">
              ·{' '}
              <span class="venue" data-testid="row-venue">
                {venue}
              </span>
            </span>
          )}
          {fuzzy && (
            <button type="button" class="link-button" data-testid="not-same" onClick={() => actions.notSame(row.id)}>
              Not the same paper
            </button>
          )}
          {!expanded && tags.length > 0 && (
            <span class="tag-list">
              {/* A tag never breaks at its hyphen ("#must-" then "read"); the line breaks between tags. */}
              {tags.map((t, i) => (
                <Fragment key={t}>
                  {i > 0 && ' '}
                  <span class="tag-word">#{t}</span>
                </Fragment>
              ))}
            </span>
          )}
          {/* As the library's list says it: the note itself is one click away, in the details. */}
          {!expanded && !!paper?.note.trim() && (
            <span class="has-note" data-testid="has-note" title="Has a note">
              ✎ note
            </span>
          )}
        </div>
        {expanded && (
          <div class="details" id={detailsId}>
            {fuzzy && paper && (
              <p class="compare">
                Library title: <q>{texToUnicode(paper.title)}</q>
              </p>
            )}
            <TagEditor
              tags={tags}
              known={knownTags}
              onAdd={(t) => actions.addTag(row.id, t)}
              onRemove={(t) => actions.removeTag(row.id, t)}
              onWantKnown={actions.wantTags}
              onOpenTag={(tag) => openLibrary({ tag })}
            />
            <NoteEditor note={paper?.note ?? ''} save={(text) => actions.saveNote(row.id, text)} />
            <div class="row-links">
              {link && (
                <a class="open-link" href={link} target="_blank" rel="noopener noreferrer">
                  Open paper ↗
                </a>
              )}
              {paper && (
                <a
                  class="open-link"
                  data-testid="open-in-library"
                  href={libraryUrl({ paper: paper.key })}
                  onClick={(e) => {
                    e.preventDefault();
                    openLibrary({ paper: paper.key });
                  }}
                >
                  In library ↗
                </a>
              )}
              {(paper || row.card) && (
                <button
                  type="button"
                  class="link-button"
                  data-testid="copy-bibtex"
                  title="Copy this paper's BibTeX, to paste into a manuscript's .bib (no notes, tags or abstract)"
                  onClick={() => void actions.copyBibtex(row.id).then((ok) => ok && setCopied(true))}
                >
                  {copied ? 'BibTeX copied ✓' : 'Copy BibTeX'}
                </button>
              )}
            </div>
          </div>
        )}
      </div>
    </li>
  );
}
