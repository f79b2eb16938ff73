import { describe, expect, it } from 'vitest';
import { parseArxivId } from '../lib/identity';

type Case = [input: string, expected: { id: string; version?: number } | null];

const arxivCases: Case[] = [
  ['2401.01234', { id: '2401.01234' }],
  ['2401.01234v3', { id: '2401.01234', version: 3 }],
  ['arXiv:2401.01234', { id: '2401.01234' }],
  ['1412.6980', { id: '1412.6980' }],
  ['hep-th/9901001', { id: 'hep-th/9901001' }],
  ['math.GT/0309136', { id: 'math/0309136' }],
  ['cond-mat/0102536v2', { id: 'cond-mat/0102536', version: 2 }],
  ['https://arxiv.org/abs/2401.01234v2', { id: '2401.01234', version: 2 }],
  ['https://arxiv.org/pdf/2401.01234v2.pdf', { id: '2401.01234', version: 2 }],
  ['https://huggingface.co/papers/2401.01234', { id: '2401.01234' }],
  ['https://huggingface.co/papers/trending', null],
  ['https://huggingface.co/papers/date/2025-11-03', null],
  ['https://doi.org/10.48550/arXiv.2401.01234', { id: '2401.01234' }],
  ['1234.5', null],
  ['2025.11', null],
];

describe('parseArxivId', () => {
  it.each(arxivCases)('%s', (input, expected) => {
    expect(parseArxivId(input)).toEqual(expected);
  });
});
