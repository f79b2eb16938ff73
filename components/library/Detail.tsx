/** The detail panel: one paper's metadata, links, save toggle, tags, note and sighting history. */
import { texToUnicode } from '../../lib/tex-unicode';
import type { PaperView, SightingView } from '../../lib/messages';
import { arxivAbsUrl, arxivPdfUrl, hfPaperUrl, isOpenReviewForum, webLinks } from '../../lib/export/common';
import type { VenueEdit } from '../../lib/venue';
import { siteLabel } from '../shared/sites';
import { safeHttpUrl } from '../shared/urls';
import { isPdfAddress } from '../../lib/sites/links';
import { dateTime, day, plural } from './format';
import { NoteEditor } from './NoteEditor';
import { VenueFacts } from './Venue';
import { TagEditor } from '../shared/TagEditor';
import type { TagCount } from '../shared/tags';

export interface DetailProps {
  paper: PaperView | null;
  sightings: SightingView[];
  notSame: PaperView[];
  loading: boolean;
  error: string | null;
  /** The library's tags with their counts, offered as the user types. */
  knownTags: TagCount[];
  onClose(): void;
  onToggleSave(paper: PaperView): void;
  onTags(paper: PaperView, change: { add?: string[]; remove?: string[] }): void;
  saveNote(key: string, note: string): Promise<unknown>;
  onOpen(key: string): void;
  /** Search the library for this text (the paper's arXiv class). */
  onSearch(text: string): void;
  /** Make one of the paper's other titles its title. */
  onChooseTitle(paper: PaperView, title: string): void;
  /** Sets or clears where it was published; resolves whether the library took it. */
  onVenue(paper: PaperView, venue: VenueEdit): Promise<boolean>;
  /** Puts the paper's BibTeX on the clipboard. */
  onCopyBibtex(paper: PaperView): void;
  /** A tag's name was clicked: the list shows that tag's papers. */
  onSearchTag(tag: string): void;
}

export function Detail(props: DetailProps) {
  const { paper, sightings, notSame } = props;
  if (!paper) {
    return (
      <aside class="detail detail-empty" data-testid="detail-panel" aria-label="Paper details">
        <p class="muted">{props.loading ? 'Loading…' : props.error ?? 'This paper is no longer in the library.'}</p>
        <button type="button" class="btn" onClick={props.onClose}>
          Close
        </button>
      </aside>
    );
  }
  const shownTitle = texToUnicode(paper.title);
  const id = paper.arxivId;
  const links: { label: string; href: string; testid: string }[] = [];
  if (id) {
    links.push({ label: 'Hugging Face', href: hfPaperUrl(id), testid: 'link-hf' });
    links.push({ label: 'arXiv', href: arxivAbsUrl(id), testid: 'link-arxiv' });
    links.push({ label: 'PDF', href: arxivPdfUrl(id), testid: 'link-pdf' });
  }
  if (paper.doi && !/^10\.48550\//.test(paper.doi)) links.push({ label: 'DOI', href: `https://doi.org/${paper.doi}`, testid: 'link-doi' });
  const web = webLinks(paper.urls).flatMap((u) => safeHttpUrl(u) ?? []);
  // Its reviews, whatever else it has; another web page only when there is no arXiv id to link.
  const forum = web.find(isOpenReviewForum);
  if (forum) links.push({ label: 'OpenReview', href: forum, testid: 'link-openreview' });
  const others = id ? [] : web.filter((u) => !isOpenReviewForum(u));
  const page = others.find((u) => !isPdfAddress(u));
  if (page) links.push({ label: 'Web page', href: page, testid: 'link-web' });
  // Its full text where a page linked to one (Google Scholar's "[PDF]", a result that is one).
  const pdf = others.find(isPdfAddress);
  if (pdf) links.push({ label: 'PDF', href: pdf, testid: 'link-pdf' });

  return (
    <aside class="detail" data-testid="detail-panel" data-key={paper.key} aria-label="Paper details">
      <div class="detail-head">
        <h2 class="detail-title" title={shownTitle === paper.title ? undefined : paper.title}>
          {shownTitle}
        </h2>
        <button type="button" class="icon-btn" data-testid="detail-close" aria-label="Close details" onClick={props.onClose}>
          ×
        </button>
      </div>
      {paper.authors.length > 0 && <p class="detail-authors">{paper.authors.join(', ')}</p>}

      <div class="detail-actions">
        <button
          type="button"
          class={paper.savedAt ? 'btn btn-saved' : 'btn btn-primary'}
          data-testid="detail-save"
          aria-pressed={paper.savedAt !== undefined}
          onClick={() => props.onToggleSave(paper)}
        >
          {paper.savedAt ? '★ Saved' : '☆ Save'}
        </button>
        {links.map((l) => (
          <a class="btn btn-link" key={l.testid} data-testid={l.testid} href={l.href} target="_blank" rel="noopener noreferrer">
            {l.label} ↗
          </a>
        ))}
        <button
          type="button"
          class="btn"
          data-testid="copy-bibtex"
          title="Copy this paper's BibTeX, to paste into a manuscript's .bib (no notes, tags or abstract)"
          onClick={() => props.onCopyBibtex(paper)}
        >
          Copy BibTeX
        </button>
      </div>

      <dl class="facts">
        {id && (
          <>
            <dt>arXiv</dt>
            <dd>
              {id}
              {paper.version ? `v${paper.version}` : ''}
              {/* As arXiv cites itself: arXiv:2401.01234 [cs.CL]; the class searches the library. */}
              {paper.primaryClass && (
                <>
                  {' ['}
                  <button
                    type="button"
                    class="linkish"
                    data-testid="detail-class"
                    title={`Show the library's ${paper.primaryClass} papers`}
                    onClick={() => props.onSearch(paper.primaryClass!)}
                  >
                    {paper.primaryClass}
                  </button>
                  {']'}
                </>
              )}
            </dd>
          </>
        )}
        {paper.doi && (
          <>
            <dt>DOI</dt>
            <dd class="break">{paper.doi}</dd>
          </>
        )}
        {(paper.publishedAt || paper.year) && (
          <>
            <dt>Published</dt>
            <dd>{paper.publishedAt ?? paper.year}</dd>
          </>
        )}
        {paper.altTitles && paper.altTitles.length > 0 && (
          <>
            <dt>Also titled</dt>
            <dd data-testid="detail-alt-titles">
              {paper.altTitles.map((t) => (
                <div key={t} class="alt-title">
                  <span data-testid="alt-title">{texToUnicode(t)}</span>{' '}
                  <button
                    type="button"
                    class="linkish"
                    data-testid="use-alt-title"
                    title="Show and cite the paper by this title; the one it has now is kept here"
                    onClick={() => props.onChooseTitle(paper, t)}
                  >
                    use this title
                  </button>
                </div>
              ))}
            </dd>
          </>
        )}
        <VenueFacts key={paper.key} paper={paper} onSave={(edit) => props.onVenue(paper, edit)} />
        <dt>First seen</dt>
        <dd>
          {day(paper.firstSeen)}
          {paper.first ? ` · ${siteLabel(paper.first.site)}${paper.first.label ? ` (${paper.first.label})` : ''}` : ''}
        </dd>
        <dt>Last seen</dt>
        <dd>{day(paper.lastSeen)}</dd>
        <dt>Seen</dt>
        <dd>{plural(paper.seenCount, 'time')}</dd>
        {paper.savedAt && (
          <>
            <dt>Saved</dt>
            <dd>{day(paper.savedAt)}</dd>
          </>
        )}
        {paper.sites.length > 0 && (
          <>
            <dt>Sources</dt>
            <dd>{paper.sites.map(siteLabel).join(', ')}</dd>
          </>
        )}
      </dl>

      <section class="detail-section">
        <h3>Tags</h3>
        <TagEditor
          tags={paper.tags}
          known={props.knownTags}
          onAdd={(t) => props.onTags(paper, { add: [t] })}
          onRemove={(t) => props.onTags(paper, { remove: [t] })}
          // The page has the tag list already (filters use it).
          onWantKnown={() => {}}
          onOpenTag={props.onSearchTag}
        />
      </section>

      <section class="detail-section">
        <h3>Note</h3>
        <NoteEditor key={paper.key} paperKey={paper.key} note={paper.note} updatedAt={paper.updatedAt} save={(t) => props.saveNote(paper.key, t)} />
      </section>

      {paper.abstract && (
        <section class="detail-section">
          <details class="abstract">
            <summary>Abstract</summary>
            <p>{texToUnicode(paper.abstract)}</p>
          </details>
        </section>
      )}

      <section class="detail-section">
        <h3>History</h3>
        {sightings.length === 0 ? (
          <p class="muted">Never seen on a page{paper.sites.includes('import') ? ' (imported)' : ''}.</p>
        ) : (
          <ol class="history">
            {sightings.map((s, i) => {
              const href = safeHttpUrl(s.pageUrl);
              const label = `${siteLabel(s.site)}${s.label ? ` · ${s.label}` : ''}`;
              return (
                <li key={`${s.at}-${i}`} data-testid="sighting-item">
                  <time dateTime={new Date(s.at).toISOString()}>{dateTime(s.at)}</time>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {label}
                    </a>
                  ) : (
                    <span>{label}</span>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      {notSame.length > 0 && (
        <section class="detail-section">
          <h3>Marked as a different paper from</h3>
          <ul class="plain">
            {notSame.map((p) => (
              <li key={p.key}>
                <button type="button" class="linkish" onClick={() => props.onOpen(p.key)}>
                  {texToUnicode(p.title)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
