/**
 * The sites the content script reads, as everything but the recognisers needs them: the protocol's
 * site ids, the settings' switches, the library's filters and names, the manifest's patterns. Each
 * site's recogniser is its module in this folder (registered in ./index.ts); this file stays free of
 * DOM code, so the popup and the library page can import it.
 */

/**
 * Google Scholar's hosts: scholar.google.com and the country sites readers are sent to or keep as
 * bookmarks (scholar.google.de, .co.uk, …). A match pattern cannot say `scholar.google.*`, so each is
 * listed; a country missing here shows no badges, and adding it is a line.
 */
export const SCHOLAR_HOSTS: readonly string[] = [
  'com',
  ...['ae', 'at', 'be', 'bg', 'ca', 'ch', 'cl', 'cn', 'cz', 'de', 'dk', 'es', 'fi', 'fr', 'gr', 'hr', 'hu', 'ie', 'it', 'lt', 'nl', 'no', 'pl', 'pt', 'ro', 'rs', 'ru', 'se', 'si', 'sk'],
  ...['co.id', 'co.il', 'co.in', 'co.jp', 'co.kr', 'co.nz', 'co.th', 'co.uk', 'co.za'],
  ...['com.ar', 'com.au', 'com.br', 'com.co', 'com.eg', 'com.hk', 'com.mx', 'com.my', 'com.ng', 'com.pk', 'com.sa', 'com.sg', 'com.tr', 'com.tw', 'com.ua', 'com.vn'],
].map((tld) => `scholar.google.${tld}`);

/** dblp and its two mirrors, which readers keep as bookmarks. */
export const DBLP_HOSTS: readonly string[] = ['dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de'];

export const PAGE_SITES = [
  {
    id: 'huggingface',
    name: 'Hugging Face',
    pages: 'Hugging Face Papers',
    matches: ['https://huggingface.co/papers*'],
    origins: ['https://huggingface.co/*'],
  },
  {
    id: 'arxiv',
    name: 'arXiv',
    pages: 'arXiv listings',
    matches: ['https://arxiv.org/list/*', 'https://arxiv.org/catchup/*', 'https://arxiv.org/a/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/search/*'],
    origins: ['https://arxiv.org/*'],
  },
  {
    id: 'scholar',
    name: 'Google Scholar',
    pages: 'Google Scholar results and profiles',
    matches: SCHOLAR_HOSTS.flatMap((host) => [`https://${host}/scholar*`, `https://${host}/citations*`]),
    origins: SCHOLAR_HOSTS.map((host) => `https://${host}/*`),
  },
  {
    id: 'openreview',
    name: 'OpenReview',
    pages: 'OpenReview venues, searches and forums',
    matches: ['https://openreview.net/group*', 'https://openreview.net/search*', 'https://openreview.net/forum*'],
    origins: ['https://openreview.net/*'],
  },
  {
    id: 'dblp',
    name: 'dblp',
    pages: 'dblp person pages, tables of contents and searches',
    matches: DBLP_HOSTS.flatMap((host) => [`https://${host}/pid/*`, `https://${host}/db/*`, `https://${host}/search*`]),
    origins: DBLP_HOSTS.map((host) => `https://${host}/*`),
  },
] as const satisfies readonly {
  id: string;
  /** Mid-sentence: "Nov 3 · Hugging Face". */
  name: string;
  /** The settings' switch: which pages it turns on and off. */
  pages: string;
  /** Pages the content script runs on. */
  matches: readonly string[];
  /** The host permissions and the pages that may frame the badge panel. */
  origins: readonly string[];
}[];

export type SiteId = (typeof PAGE_SITES)[number]['id'];

export const SITE_IDS = PAGE_SITES.map((s) => s.id) as [SiteId, ...SiteId[]];

/** Every place a paper can come from: the sites' pages, an imported file, the reader's own hand. */
export const SOURCES = [...SITE_IDS, 'import', 'manual'] as [SiteId | 'import' | 'manual', ...(SiteId | 'import' | 'manual')[]];

/** Pages the content script runs on; host permissions cover exactly these sites. */
export const SUPPORTED_MATCHES: string[] = PAGE_SITES.flatMap((s) => s.matches);

export const SITE_ORIGINS: string[] = PAGE_SITES.flatMap((s) => s.origins);

/** SUPPORTED_MATCHES as expressions: a match pattern's `*` is any run of characters. */
const SUPPORTED_RES = SUPPORTED_MATCHES.map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`));

/** Is this address one of the pages the content script runs on? */
export function isSupportedPage(url: string): boolean {
  return SUPPORTED_RES.some((re) => re.test(url));
}

export function isPageSite(site: string): site is SiteId {
  return (SITE_IDS as string[]).includes(site);
}
