/**
 * A year as the reader types it in the library's forms (a venue, a paper added by hand): empty is
 * none; else four digits within the bounds a card's year has (CARD_LIMITS), or refused.
 */
import { CARD_LIMITS as L } from '../../lib/card-limits';

export const YEAR_HINT = 'A year is four digits, as 2026.';

export function yearField(text: string): { year?: number } | { error: string } {
  const t = text.trim();
  if (t === '') return {};
  const y = /^\d{4}$/.test(t) ? Number(t) : NaN;
  return y >= L.yearMin && y <= L.yearMax ? { year: y } : { error: YEAR_HINT };
}
