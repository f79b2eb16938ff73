import { describe, expect, it } from 'vitest';
describe('harness', () => { it('runs', () => { expect(indexedDB).toBeDefined(); }); });
