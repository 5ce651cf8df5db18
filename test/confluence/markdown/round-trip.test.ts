import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToStorage } from '../../../src/confluence/markdown/markdown-to-storage.ts';
import { storageToMarkdown } from '../../../src/confluence/markdown/storage-to-markdown.ts';
import { EXACT, MACROS_KEPT } from './fragments.ts';
import { macrosOf } from './macros.ts';

const roundTrip = (storage: string) => markdownToStorage(storageToMarkdown(storage));

describe('storage → markdown → storage', () => {
  it.each(EXACT)('round trip: %s comes back byte-for-byte', (_name, storage) => {
    expect(roundTrip(storage)).toBe(storage);
  });

  it.each([...EXACT, ...MACROS_KEPT])(
    'round trip: every macro of "%s" comes back intact',
    (_name, storage) => {
      const macros = macrosOf(storage);
      const back = roundTrip(storage);
      for (const macro of macros) expect(back).toContain(macro);
    },
  );

  it.each([...EXACT, ...MACROS_KEPT])(
    'round trip: "%s" is stable on a second pass',
    (_name, storage) => {
      const once = roundTrip(storage);
      expect(roundTrip(once)).toBe(once);
    },
  );

  it('round trip: any sequence of fragments keeps every macro byte-for-byte (property)', () => {
    const fragment = fc.constantFrom(...EXACT.map(([, storage]) => storage));
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }), (fragments) => {
        const storage = fragments.join('');
        const back = roundTrip(storage);
        for (const macro of macrosOf(storage)) expect(back).toContain(macro);
        expect(macrosOf(back)).toEqual(macrosOf(storage));
      }),
      { numRuns: 150 },
    );
  });

  it('round trip: macros keep their order and count', () => {
    const storage = EXACT.map(([, fragment]) => fragment).join('');
    expect(macrosOf(roundTrip(storage))).toEqual(macrosOf(storage));
  });
});
