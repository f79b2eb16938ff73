// The bench's console lines and rounding.

export const log = (...a) => console.log('[bench]', ...a);
export const round = (v, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? v : Number(v.toFixed(d)));
