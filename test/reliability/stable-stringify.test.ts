/**
 * Reliability: the app's bundle writes cdk.tf.json with its own json-stable-stringify
 * (scripts/patches/stable-stringify.cjs, patch 6 of scripts/cdktf-patches.mjs), which must write
 * exactly the bytes of the json-stable-stringify 1.3.0 that cdktf ships, for any document.
 */
import * as path from 'path';
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ours = require('../../scripts/patches/stable-stringify.cjs') as (
  value: unknown,
  opts?: unknown,
) => string | undefined;
// The original, as cdktf 0.21 depends on it.
const original = require(
  require.resolve('json-stable-stringify', {
    paths: [path.dirname(require.resolve('cdktf'))],
  }),
) as (value: unknown, opts?: unknown) => string | undefined;

/** Keys that order differently in engines and in a sort: array-index-like ones, cdktf's "//", NUL, unicode. */
const key = fc.oneof(
  fc.constantFrom('0', '1', '9', '10', '01', '-1', '4294967295', '//', 'a', 'B', '_', 'ä', '\u0000', 'provider', ''),
  fc.string({ maxLength: 6 }),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('\u0000awsvpc-empty-object\u0000', '\\u0000awsvpc-empty-array\\u0000', '"', '${aws_vpc.main.id}'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const document = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).value;

describe("the bundle's json-stable-stringify", () => {
  test.each([
    ['{ space: 2 } (what cdktf passes)', { space: 2 }],
    ['{ space: 4 }', { space: 4 }],
    ['{ space: "\\t" }', { space: '\t' }],
    ['no options', undefined],
  ])('writes the same bytes as json-stable-stringify 1.3.0 for any document, with %s', (_name, opts) => {
    fc.assert(
      fc.property(document, (doc) => {
        expect(ours(doc, opts)).toBe(original(doc, opts));
      }),
      { numRuns: 400 },
    );
  });

  test('writes empty objects and arrays at any depth as the original does, not as "{}"', () => {
    const doc = { a: {}, b: [], c: { d: [{}, []], e: { f: {} } } };
    expect(ours(doc, { space: 2 })).toBe(original(doc, { space: 2 }));
    expect(ours(doc, { space: 2 })).toContain('"a": {\n  }');
  });

  test('orders keys that look like array indices as a sort does, not as the engine does', () => {
    const doc = { 10: 'x', 9: 'y', '//': 'z', a: { 2: 1, 10: 2 } };
    expect(ours(doc, { space: 2 })).toBe(original(doc, { space: 2 }));
  });

  test('calls toJSON as the original does', () => {
    const doc = { when: new Date(0), custom: { toJSON: () => ({ b: 1, a: 2 }) } };
    expect(ours(doc, { space: 2 })).toBe(original(doc, { space: 2 }));
  });

  test('rejects a cycle with a TypeError, as the original does', () => {
    const doc: Record<string, unknown> = { a: 1 };
    doc.self = doc;
    expect(() => original(doc, { space: 2 })).toThrow(TypeError);
    expect(() => ours(doc, { space: 2 })).toThrow(TypeError);
  });
});
