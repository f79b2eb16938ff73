import { describe, expect, it } from 'vitest';
import { normalizeTag, suggestTags, type TagCount } from '../../components/shared/tags';

describe('normalizeTag', () => {
  it('normalises like the background does', () => {
    expect(normalizeTag('  #Large Language Models ')).toBe('large-language-models');
    expect(normalizeTag('  #Mixture of Experts ')).toBe('mixture-of-experts');
    expect(normalizeTag('##LLM')).toBe('llm');
    expect(normalizeTag('a,b')).toBe('ab');
    // Semicolons separate keywords in BibTeX files (Mendeley's, and splitting ours): not part of a tag.
    expect(normalizeTag('a;b')).toBe('ab');
    expect(normalizeTag('x'.repeat(80))).toBe('x'.repeat(64));
  });
});

describe('suggestTags', () => {
  const all: TagCount[] = [
    { tag: 'llm', count: 5 },
    { tag: 'llm-eval', count: 9 },
    { tag: 'small-llm', count: 20 },
    { tag: 'rl', count: 2 },
  ];

  it('suggests prefix matches first, then others, by use, without tags already on the paper', () => {
    expect(suggestTags(all, 'LL', [], 8).map((t) => t.tag)).toEqual(['llm-eval', 'llm', 'small-llm']);
    expect(suggestTags(all, 'll', ['llm-eval'], 8).map((t) => t.tag)).toEqual(['llm', 'small-llm']);
    expect(suggestTags(all, 'l', ['llm'], 8).map((t) => t.tag)).toEqual(['llm-eval', 'small-llm', 'rl']);
  });

  it('with nothing typed, offers the most used tags; ties by name', () => {
    expect(suggestTags(all, '', [], 2).map((t) => t.tag)).toEqual(['small-llm', 'llm-eval']);
    const tied = [{ tag: 'b', count: 1 }, { tag: 'a', count: 1 }];
    expect(suggestTags(tied, '', [], 8).map((t) => t.tag)).toEqual(['a', 'b']);
  });

  it('offers at most `limit` tags', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ tag: `t${i}`, count: i }));
    expect(suggestTags(many, '', [], 6)).toHaveLength(6);
    expect(suggestTags(many, 't', [], 8)).toHaveLength(8);
  });
});
