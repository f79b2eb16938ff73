import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '../../components/shared/urls';

describe('safeHttpUrl', () => {
  it('lets only http(s) page URLs become links', () => {
    expect(safeHttpUrl('https://huggingface.co/papers?date=2025-11-03')).toBe('https://huggingface.co/papers?date=2025-11-03');
    expect(safeHttpUrl('https://arxiv.org/list/cs.LG/new')).toBe('https://arxiv.org/list/cs.LG/new');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
    expect(safeHttpUrl('')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});
