/**
 * The one message protocol between content scripts, popup, library page and background.
 *
 * Every request is declared once here as a zod schema; its reply type sits beside it in `Replies`.
 * The background parses every incoming message with `Request` and answers `Reply<T>`: failures are
 * values (`{ ok: false, error }`), never exceptions thrown into the caller.
 *
 * The content script imports *types only* from this file (see lib/rpc.ts), so zod stays out of the
 * page bundle.
 */
import { z } from 'zod';
import { CARD_LIMITS as L } from './card-limits';
import { TAG_MAX, tagText } from './tags';
import { NUMBER_MAX, type Venue } from './venue';
import type { Reading } from './reading';
import { PAPER_STATUSES, type PaperStatus } from './paper-status';
import { SITE_IDS, SOURCES, type SiteId } from './sites/directory';

/** The sites pages are read on and the two sources that are not pages (lib/sites/directory.ts). */
export const SiteIdSchema = z.enum(SOURCES);
export type SiteIdOrSource = z.infer<typeof SiteIdSchema>;

const text = (max: number) => z.string().max(max);

/**
 * Files up to this many characters travel inside the message; larger ones through Cache Storage
 * (lib/transfer-files.ts), which copies them natively rather than as serialised JSON.
 */
export const INLINE_CHARS = 1_000_000;

/** A card as the content script read it: everything the library may learn about the paper. */
export const CardInputSchema = z.object({
  title: text(L.title).min(1),
  arxivId: text(L.arxivId).optional(),
  version: z.number().int().positive().max(L.version).optional(),
  doi: text(L.doi).optional(),
  url: text(L.url).optional(),
  /** The full text's address beside the paper's own (CardPaper.fullTextUrl). */
  fullTextUrl: text(L.url).optional(),
  authors: z.array(text(L.author)).max(L.authors).optional(),
  abstract: text(L.abstract).optional(),
  publishedAt: text(L.publishedAt).optional(),
  primaryClass: text(L.primaryClass).optional(),
  /** Where the page says it was accepted (never numbers: those come from imported entries). */
  journal: text(L.venue).optional(),
  proceedings: text(L.venue).optional(),
  year: z.number().int().min(L.yearMin).max(L.yearMax).optional(),
  upvotes: z.number().int().optional(),
});
export type CardInput = z.infer<typeof CardInputSchema>;

/** The page a batch of cards came from. */
export const PageInfoSchema = z.object({
  url: text(4_096),
  site: SiteIdSchema,
  /** Short label for history lines: "Nov 3", "cs.LG new", "trending". */
  label: text(200),
  /** The digest's own day, YYYY-MM-DD, when the page has one. */
  digestDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;

/** Which paper an edit applies to: a stored key, or a card (the paper is created if needed). */
export const TargetSchema = z.union([
  z.object({ key: text(2_200) }),
  z.object({ card: CardInputSchema, page: PageInfoSchema.optional() }),
]);
export type Target = z.infer<typeof TargetSchema>;

function perSite<T>(value: () => T): Record<SiteId, T> {
  return Object.fromEntries(SITE_IDS.map((id) => [id, value()])) as Record<SiteId, T>;
}

const tag = z.string().transform(tagText).pipe(z.string().min(1).max(TAG_MAX));

const settingsFields = {
  /** What counts as seen: on screen ≥50% for 600 ms, as soon as the page loads, or only by hand. */
  seenMode: z.enum(['visible', 'load', 'never']),
  /** What "fade seen cards" does on the page. */
  seenStyle: z.enum(['dim', 'hide']),
  /** Whether seen cards are currently faded (the page summary's toggle). */
  fadeSeen: z.boolean(),
  /** Which sites' pages are read; a change names only the switches it turns (merged in writeSettings). */
  sites: z.object(perSite(() => z.boolean())).partial(),
  /** The page summary box; the user can dismiss it for good. */
  showSummary: z.boolean(),
  /** The library page's reminder to back up work no backup holds (components/library/backup.ts). */
  remindBackup: z.boolean(),
};

export const SettingsSchema = z.object({
  seenMode: settingsFields.seenMode.default('visible'),
  seenStyle: settingsFields.seenStyle.default('dim'),
  fadeSeen: settingsFields.fadeSeen.default(false),
  // A site added since the settings were stored is on.
  sites: z.object(perSite(() => z.boolean().default(true))).default(perSite(() => true)),
  showSummary: settingsFields.showSummary.default(true),
  remindBackup: settingsFields.remindBackup.default(true),
});
export type Settings = z.infer<typeof SettingsSchema>;
/**
 * A change to some settings. No defaults here: zod 4 would fill every missing key with its
 * default and a change of one setting would reset the others.
 */
export const SettingsPatchSchema = z.object(settingsFields).partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** `settings` with a change applied: the site switches it names, the others as they were. */
export function patchSettings(settings: Settings, patch: SettingsPatch): Settings {
  return { ...settings, ...patch, sites: { ...settings.sites, ...patch.sites } };
}
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Which papers a library search keeps: every one, the saved, the seen, those with a note, those with a known venue. */
export const SEARCH_STATUSES = ['all', 'saved', 'seen', 'noted', 'published'] as const;
export type SearchStatus = (typeof SEARCH_STATUSES)[number];

export const SearchQuerySchema = z.object({
  text: text(500).default(''),
  status: z.enum(SEARCH_STATUSES).default('all'),
  tag: text(64).optional(),
  site: SiteIdSchema.optional(),
  /** First-seen range, YYYY-MM-DD inclusive. */
  from: text(10).optional(),
  to: text(10).optional(),
  sort: z.enum(['lastSeen', 'firstSeen', 'savedAt', 'title', 'seenCount', 'relevance']).default('lastSeen'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type SearchQuery = z.input<typeof SearchQuerySchema>;

/**
 * The most papers one bulk action or export names: a selection of every paper a search matches
 * (`library.keys`) at 100k papers fits with room to spare (a few MB of keys in one message).
 */
export const SELECTION_MAX = 200_000;

/** The most papers one `papers.cite` puts on the clipboard; a larger selection is exported as a file. */
export const CITE_MAX = 2_000;

export const ExportFormatSchema = z.enum(['bibtex', 'csl-json', 'markdown', 'csv', 'backup']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export const ImportFormatSchema = z.enum(['backup', 'bibtex', 'csl-json', 'auto']);

export const Request = z.discriminatedUnion('type', [
  /**
   * Statuses *before* this visit for a whole page's cards: one round trip however many.
   * `settings`: send the settings back too (a page's first lookup: one round trip instead of two).
   * `report`: these cards with their statuses are the tab's report from this page (a page whose
   * cards all went in one lookup), so no `tab.report` has to follow; `visitId` is the visit's.
   */
  z.object({
    type: z.literal('cards.lookup'),
    cards: z.array(CardInputSchema).max(20_000),
    settings: z.literal(true).optional(),
    report: PageInfoSchema.optional(),
    visitId: text(100).optional(),
    /**
     * Statuses as they were before the visit `visitId` (Library.lookupBefore), whose first sighting
     * was queued at this time (the page's clock): a paper last seen before it holds none of the visit.
     */
    beforeVisit: z.number().nonnegative().optional(),
  }),
  /** Sightings for cards seen during one page visit; a paper gets at most one per visit. */
  z.object({
    type: z.literal('sightings.record'),
    visitId: text(100).min(1),
    page: PageInfoSchema,
    cards: z.array(CardInputSchema).max(20_000),
  }),
  /** The content script's summary of its tab, for the popup and the toolbar badge. */
  z.object({
    type: z.literal('tab.report'),
    page: PageInfoSchema,
    /** The visit the report is of: its sightings are not "seen before" (TabState.visitId). */
    visitId: text(100).optional(),
    cards: z
      .array(z.object({ card: CardInputSchema, status: z.enum(PAPER_STATUSES), seen: z.number().int().nonnegative().optional() }))
      .max(20_000),
  }),
  z.object({ type: z.literal('tab.get'), tabId: z.number().int() }),
  z.object({ type: z.literal('paper.save'), target: TargetSchema, saved: z.boolean() }),
  z.object({
    type: z.literal('paper.tags'),
    target: TargetSchema,
    add: z.array(tag).max(100).default([]),
    remove: z.array(tag).max(100).default([]),
  }),
  z.object({ type: z.literal('paper.note'), target: TargetSchema, note: text(100_000) }),
  /** One of a paper's other titles (`altTitles`) becomes its title (Library.chooseTitle). */
  z.object({ type: z.literal('paper.title'), key: text(2_200), title: text(L.title) }),
  /** The reader sets where a paper was published, or clears it with an empty name (Library.setVenue). */
  z.object({
    type: z.literal('paper.venue'),
    key: text(2_200),
    kind: z.enum(['journal', 'proceedings']),
    name: text(L.venue),
    volume: text(NUMBER_MAX).optional(),
    issue: text(NUMBER_MAX).optional(),
    pages: text(NUMBER_MAX).optional(),
    year: z.number().int().min(L.yearMin).max(L.yearMax).optional(),
  }),
  /**
   * A paper the reader adds by hand in the library (Library.addByHand); `asNew`: though the library
   * holds a paper of a near title, this is another.
   */
  z.object({ type: z.literal('paper.add'), card: CardInputSchema, asNew: z.boolean().optional() }),
  z.object({ type: z.literal('paper.get'), key: text(2_200) }),
  /**
   * Papers' BibTeX to paste into a manuscript, in the order given (lib/export/bibtex.ts
   * citationBibtex): one from its details, a few selected; more go through `library.export`.
   */
  z.object({ type: z.literal('papers.cite'), keys: z.array(text(2_200)).min(1).max(CITE_MAX) }),
  /**
   * One paper's BibTeX from a page (the `c` key, the badge panel, the popup): by its key, or by its
   * card, which need not be stored (Library.citeTarget).
   */
  z.object({ type: z.literal('paper.cite'), target: TargetSchema }),
  z.object({ type: z.literal('papers.get'), keys: z.array(text(2_200)).max(20_000) }),
  z.object({
    type: z.literal('papers.notSame'),
    a: text(2_200),
    b: TargetSchema,
    /** The page also shows paper `a` by a card of its own: `a` keeps its sighting of the visit. */
    aOnPage: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('papers.bulk'),
    keys: z.array(text(2_200)).max(SELECTION_MAX),
    op: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('tag'), tag }),
      z.object({ kind: z.literal('untag'), tag }),
      z.object({ kind: z.literal('save') }),
      z.object({ kind: z.literal('unsave') }),
      z.object({ kind: z.literal('delete') }),
    ]),
  }),
  /** Every paper tagged `from` is tagged `to` instead (a rename, or a merge into a tag in use). */
  z.object({ type: z.literal('tags.rename'), from: tag, to: tag }),
  /** Two papers are one (Library.merge): the library keeps one, with everything of both. */
  z.object({ type: z.literal('papers.merge'), keys: z.tuple([text(2_200), text(2_200)]) }),
  /** Undo of a merge, from the snapshot the merge returned (refused once the paper changed). */
  z.object({ type: z.literal('papers.unmerge'), snapshot: z.string().max(50_000_000) }),
  /**
   * Put back papers removed by a bulk delete (undo), from the snapshot that delete returned: inline,
   * or the id of the file it was put in when larger than a message should carry.
   */
  z.object({ type: z.literal('papers.restore'), snapshot: z.string().max(INLINE_CHARS).optional(), snapshotFile: text(100).optional() }),
  z.object({ type: z.literal('tags.list') }),
  z.object({ type: z.literal('library.search'), query: SearchQuerySchema }),
  /**
   * Every paper a search matches, in its order (its offset and limit aside), at most SELECTION_MAX:
   * the library page's "select all that match" for a bulk action or an export.
   */
  z.object({ type: z.literal('library.keys'), query: SearchQuerySchema }),
  z.object({ type: z.literal('library.recent'), limit: z.number().int().min(1).max(100).default(10) }),
  z.object({ type: z.literal('library.stats') }),
  z.object({
    type: z.literal('library.export'),
    format: ExportFormatSchema,
    keys: z.array(text(2_200)).max(SELECTION_MAX).optional(),
  }),
  /** Import a file: its text inline when small, else the id of the file put in Cache Storage. */
  z.object({
    type: z.literal('library.import'),
    format: ImportFormatSchema.default('auto'),
    text: z.string().max(INLINE_CHARS).optional(),
    fileId: text(100).optional(),
    filename: text(500).optional(),
    /** Names the import in the `dejalu.progress` events it sends, so a page follows its own. */
    job: text(100).optional(),
  }),
  z.object({ type: z.literal('library.clear'), confirm: z.literal('delete everything') }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.set'), settings: SettingsPatchSchema }),
]);
export type Request = z.input<typeof Request>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<z.infer<typeof Request>, { type: T }>;

// ---- replies -------------------------------------------------------------------------------------

export type { PaperStatus };

/** Where and when a paper was seen. */
export interface SightingView {
  at: number;
  site: SiteIdOrSource;
  label: string;
  pageUrl: string;
  digestDate?: string;
  /** The page visit that recorded it: a page leaves its own visit's out of "seen before". */
  visitId?: string;
}

/** How a card was matched to a stored paper (see explainMatch, lib/dedup/same-paper.ts). */
export interface MatchView {
  /** `other-title`: the title of an entry the reader merged into the paper (match.ts sameOtherTitle). */
  rule: 'arxiv-id' | 'arxiv-id-other-version' | 'doi' | 'title' | 'other-title' | 'similar-title';
  score?: number;
  text: string;
}

/** A stored paper as the UI sees it; where it was published (Venue) in full views only. */
export interface PaperView extends Venue {
  key: string;
  title: string;
  authors: string[];
  abstract?: string;
  arxivId?: string;
  version?: number;
  doi?: string;
  year?: number;
  publishedAt?: string;
  /** arXiv's primary subject class (`cs.CL`); full views only (the detail panel, exports). */
  primaryClass?: string;
  /** Other titles it had (merged papers'); full views only. */
  altTitles?: string[];
  /** The reader set or cleared its venue; pages no longer change it. Full views only. */
  venueFixed?: boolean;
  urls: string[];
  sites: SiteIdOrSource[];
  firstSeen?: number;
  lastSeen?: number;
  seenCount: number;
  first?: SightingView;
  savedAt?: number;
  tags: string[];
  note: string;
  updatedAt: number;
}

/** A card's status before this visit. */
export interface CardStatus {
  status: PaperStatus;
  /** The stored paper this card is, when there is one. */
  paper?: PaperView;
  match?: MatchView;
  /** Asked `beforeVisit`: how many times its paper was seen before that visit. */
  seenBefore?: number;
}

/**
 * A card of a tab as its content script reported it. `key`/`match` are added by the background
 * from the lookup that content script made: the stored paper the card was matched to (`null`: none),
 * so the popup's `tab.get` re-reads those rows instead of looking every card up again.
 */
export interface TabCard {
  card: CardInput;
  status: PaperStatus;
  /** How many times its paper was seen before this visit, as the badge says (BadgeModel.seenBefore). */
  seen?: number;
  key?: string | null;
  match?: MatchView;
}

export interface TabState {
  page: PageInfo;
  /** The visit the cards are of: its own sightings are left out of the popup's "Seen 2×". */
  visitId?: string;
  cards: TabCard[];
  updatedAt: number;
  /** The background's matching epoch when `key`s were recorded (see lib/router.ts). */
  epoch?: string;
}

/** The paper whose full text a tab shows, as the library has it (null: not in the library). */
export interface TabReading extends Reading {
  paper: PaperView | null;
  /** A paper's page elsewhere: the paper as its meta tags describe it, which saving it stores. */
  card?: CardInput;
}

export interface SearchResult {
  /** How many papers match (the catalog counts them all). */
  total: number;
  papers: PaperView[];
}

export interface LibraryStats {
  papers: number;
  saved: number;
  sightings: number;
  /** Distinct tags. */
  tags: number;
  /** The last backup file of the whole library: when it was made, of how many papers. */
  backup?: { at: number; papers: number };
  /** Papers holding the reader's own work (saved, tagged, noted) that changed since that backup (or ever, without one). */
  unbackedUp: number;
}

export interface ImportResult {
  added: number;
  updated: number;
  sightings: number;
  format: 'backup' | 'bibtex' | 'csl-json';
}

export interface Replies {
  'cards.lookup': { statuses: CardStatus[]; settings?: Settings };
  /** `keys`: each card's paper, in the cards' order. */
  'sightings.record': { recorded: number; keys: string[] };
  'tab.report': { ok: true };
  /** `reading`: a tab with no cards that shows a paper's full text (lib/reading.ts), and the paper. */
  'tab.get': { state: TabState | null; statuses: CardStatus[]; reading?: TabReading };
  'paper.save': { paper: PaperView };
  'paper.tags': { paper: PaperView };
  'paper.note': { paper: PaperView };
  'paper.title': { paper: PaperView };
  'paper.venue': { paper: PaperView };
  'paper.add': { paper: PaperView; existed: boolean; match?: MatchView };
  'paper.get': { paper: PaperView | null; sightings: SightingView[]; notSame: PaperView[] };
  'papers.cite': { bibtex: string; count: number };
  'paper.cite': { bibtex: string; count: number };
  'papers.get': { papers: (PaperView | null)[] };
  'papers.notSame': { a: PaperView | null; b: PaperView };
  /** A delete's undo: `snapshot` inline, or `snapshotFile` in the file store when over INLINE_CHARS. */
  'papers.bulk': { changed: number; snapshot?: string; snapshotFile?: string };
  /** `merged`: the key of the paper that joined `paper`; `snapshot`: for `papers.unmerge`. */
  'papers.merge': { paper: PaperView; merged: string; snapshot: string };
  'papers.unmerge': { restored: number };
  'papers.restore': { restored: number };
  'tags.list': { tags: { tag: string; count: number }[] };
  'tags.rename': { changed: number };
  'library.search': SearchResult;
  'library.keys': { keys: string[]; total: number };
  'library.recent': { papers: PaperView[] };
  'library.stats': LibraryStats;
  /** The file's `text` when small, else the id of the file put in Cache Storage for the page to take. */
  'library.export': { filename: string; mime: string; count: number; text?: string; fileId?: string };
  'library.import': ImportResult;
  'library.clear': { ok: true };
  'settings.get': { settings: Settings };
  'settings.set': { settings: Settings };
}

export type ErrorCode = 'invalid' | 'forbidden' | 'not-found' | 'import-failed' | 'internal';
export type Reply<T extends RequestType> =
  | ({ ok: true } & Replies[T])
  | { ok: false; error: { code: ErrorCode; message: string } };

/** The steps of an import, as its progress events name them. */
export type ImportStep = 'reading' | 'checking' | 'merging' | 'writing';

/** Pushed by the background to extension pages while an import runs: how far it has got. */
export interface ProgressEvent {
  type: 'dejalu.progress';
  /** The `job` the `library.import` request named. */
  job: string;
  step: ImportStep;
  /** Units (papers) done of `total` in this step; 0 of 0 when the step is not counted. */
  done: number;
  total: number;
}

/** Pushed by the background to extension pages and tabs when papers change. */
export interface ChangeEvent {
  type: 'dejalu.changed';
  keys: string[];
  /** Settings changed too (the page must restyle). */
  settings?: Settings;
  /**
   * Papers a card may no longer be (the user said a card is not the paper it was matched to):
   * pages look the cards they show as these papers up again.
   */
  rematch?: string[];
  /**
   * Papers moved to a new key (old → new; `keys` lists the new ones): a title-only or DOI paper
   * that showed its arXiv id. Pages move their cards to the new key; the paper is the same.
   */
  moved?: Record<string, string>;
  /**
   * Any paper may have changed: the library was cleared, restored from a deletion or took an
   * import. Pages look every card they show up again.
   */
  all?: true;
  /**
   * A visit recorded sightings of these papers (counts, histories, papers new to the library):
   * extension pages refresh; digest pages do not, since each shows its cards' status from before
   * its own visit.
   */
  sightings?: true;
}

/**
 * The badge panel is an extension page in an iframe (entrypoints/panel), so nothing the reader types
 * in it (keys included, which a page's capture listener on `window` would see in the page's own
 * document) passes through the page. The content script opens it for a card with these
 * parameters (PanelCommand `open`): the card as read, and the status the badge shows. The panel
 * reads the stored paper itself and edits it through the background like any extension page.
 */
export const PanelParamsSchema = z.object({
  card: CardInputSchema,
  page: PageInfoSchema,
  /** The stored paper, when there is one; without it the first edit stores the card. */
  key: text(2_200).optional(),
  status: z.enum(PAPER_STATUSES),
  /** The status from before this visit (BadgeModel.before). */
  before: z.enum(PAPER_STATUSES),
  /** How many times the paper was seen before this visit (BadgeModel.seenBefore). */
  seenBefore: z.number().int().nonnegative().optional(),
  /** This visit (BadgeModel.visitId): its own sighting is not in the panel's history. */
  visitId: text(100).optional(),
  /** How the card was matched, when not simply by its arXiv id. */
  match: text(500).optional(),
  /** Matched by a similar title alone: the reader may say it is not the same paper (`papers.notSame`). */
  fuzzy: z.boolean().optional(),
  /** Another card of the page shows that paper too: a split leaves it this visit's sighting. */
  aOnPage: z.boolean().optional(),
  theme: z.enum(['light', 'dark']).optional(),
  /** The page's font, so the panel reads as part of it. */
  font: text(500).optional(),
});
export type PanelParams = z.infer<typeof PanelParamsSchema>;

/**
 * The panel page is loaded once per digest page (components/badge/panel-host.ts) and opened for one
 * card at a time. What it tells the page that holds it (`postMessage` to its parent; the content
 * script takes these only as trusted events from its own frame) says nothing the page could not see
 * already, since page scripts can read these posts too: that it is ready, that it has focus, its
 * height, that it wants to close, and the key of a paper it changed (the badge then reads the paper through the
 * background). `seq` is the opening it belongs to: a note saved as one paper's panel closes must
 * reach that paper's badge, not the next one's.
 */
export type PanelPost =
  | { dejalu: 'panel'; kind: 'ready' }
  /** The panel page's window has focus: keys typed from now on reach it, not the page. */
  | { dejalu: 'panel'; kind: 'focused' }
  | (PanelAppPost & { seq: number });

/** What the panel says about one opening; the panel page adds which one (`seq`). */
export type PanelAppPost =
  | { dejalu: 'panel'; kind: 'size'; height: number }
  /** `refocus`: back to the badge; `forward` (Tab past the panel's last control): to what follows it. */
  | { dejalu: 'panel'; kind: 'close'; refocus: boolean; forward?: boolean }
  | { dejalu: 'panel'; kind: 'paper'; key: string };

/**
 * What the content script tells the panel page. Page scripts can learn the frame's window (from
 * its posts) and post to it too, so every command carries the token the frame was created with,
 * which only the frame's address holds (a page can read neither the address of a frame in a closed
 * shadow root nor messages sent to another window).
 */
/** The panel's field a shortcut opens it on: `t` the tags, `n` the note. */
export type PanelField = 'tags' | 'note';

export type PanelCommand =
  | {
      dejalu: 'panel';
      token: string;
      kind: 'open';
      seq: number;
      params: PanelParams;
      /** Opened by `t` or `n`: that field takes focus (else the panel). */
      field?: PanelField;
      /** Typed on the page after `t` or `n`, before the panel had focus: the field's first text. */
      typed?: string;
    }
  | {
      dejalu: 'panel';
      token: string;
      kind: 'focus';
      field?: PanelField;
      /** Typed on the page after the shortcut pressed again, before focus reached the panel. */
      typed?: string;
    }
  | { dejalu: 'panel'; token: string; kind: 'close' };
