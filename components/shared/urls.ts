/**
 * Only http(s) links become hrefs: a card could carry any scheme, and a restored backup anything.
 * For the badge's history, the popup's paper links and the library's details.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
