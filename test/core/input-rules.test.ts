/**
 * The input rules every construct applies, whoever builds the app: AWS's tag rules, the container
 * `user` forms that run as root, and escaping literal text against Terraform's template syntax.
 */
import * as fc from 'fast-check';
import { checkTags, escapeTerraformTemplate, escapeTerraformTemplates, isRootUser, MAX_TAGS } from '../../modules/core';

describe('checkTags', () => {
  test('accepts tags AWS accepts: letters of any script, digits, spaces and _ . : / = + - @', () => {
    expect(
      checkTags(
        { Project: 'awsvpc-lab', 'team:owner': 'Zoë Müller', 'cost/centre': 'a+b=c@d_e.f 42' },
        'AwsStack.tags',
      ),
    ).toEqual([]);
    expect(checkTags(undefined, 'AwsStack.tags')).toEqual([]);
  });

  test('refuses the reserved aws: prefix, in any case', () => {
    for (const key of ['aws:cloudformation:stack-name', 'AWS:owner', 'Aws:x']) {
      const [p, ...rest] = checkTags({ [key]: 'x' }, 'AwsStack.tags');
      expect(rest).toEqual([]);
      expect(p).toMatchObject({ code: 'CORE_TAG_KEY_RESERVED', path: `AwsStack.tags[${JSON.stringify(key)}]` });
      expect(p!.allowed).toContain('does not start with "aws:"');
    }
    expect(checkTags({ 'my-aws:owner': 'x' }, 't')).toEqual([]);
  });

  test(`refuses more than ${MAX_TAGS} tags`, () => {
    const tags = Object.fromEntries(Array.from({ length: MAX_TAGS + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(checkTags(tags, 'Network.tags')).toEqual([
      expect.objectContaining({ code: 'CORE_TOO_MANY_TAGS', path: 'Network.tags', received: '51 tags' }),
    ]);
    delete tags.k0;
    expect(checkTags(tags, 'Network.tags')).toEqual([]);
  });

  test.each([
    ['a key with a character AWS refuses', { 'team#1': 'x' }, 'CORE_TAG_KEY_INVALID'],
    ['an empty key', { '': 'x' }, 'CORE_TAG_KEY_INVALID'],
    ['a key of 129 characters', { ['k'.repeat(129)]: 'x' }, 'CORE_TAG_KEY_INVALID'],
    ['a value with a Terraform interpolation', { Owner: '${file("/etc/hostname")}' }, 'CORE_TAG_VALUE_INVALID'],
    ['a value of 257 characters', { Owner: 'v'.repeat(257) }, 'CORE_TAG_VALUE_INVALID'],
    ['a value with a newline', { Owner: 'a\nb' }, 'CORE_TAG_VALUE_INVALID'],
  ])('refuses %s', (_what, tags, code) => {
    const [p, ...rest] = checkTags(tags, 'TaskDefinition.tags');
    expect(rest).toEqual([]);
    expect(p!.code).toBe(code);
    expect(p!.allowed).toContain('letters, digits, spaces and _ . : / = + - @');
  });

  test('accepts a value of 0 and of 256 characters', () => {
    expect(checkTags({ Empty: '', Long: 'v'.repeat(256) }, 't')).toEqual([]);
  });
});

describe('isRootUser', () => {
  test.each([
    'root',
    '0',
    '00',
    '000',
    '+0',
    '-0',
    '0:0',
    '00:0',
    '0:1000',
    'root:0',
    'root:root',
    'root:wheel',
    ' 0 ',
  ])('%j runs as uid 0 (as Docker reads it)', (user) => expect(isRootUser(user)).toBe(true));

  test.each(['101', '1000:1000', '10', '100:0', 'nginx', 'nginx:root', 'rootless', 'Root', '0x0'])(
    '%j does not',
    (user) => expect(isRootUser(user)).toBe(false),
  );

  test('any run of zeros, with or without a group, is root', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.constantFrom('0', '1000', 'root', 'app')),
        (zeros, group) => {
          expect(isRootUser(`${'0'.repeat(zeros)}${group === null ? '' : `:${group}`}`)).toBe(true);
        },
      ),
    );
  });
});

describe('escapeTerraformTemplate', () => {
  test("writes literal ${ and %{ as Terraform's escapes", () => {
    expect(escapeTerraformTemplate('${file("/etc/hostname")}')).toBe('$${file("/etc/hostname")}');
    expect(escapeTerraformTemplate('%{ if true }x%{ endif }')).toBe('%%{ if true }x%%{ endif }');
    expect(escapeTerraformTemplate('/health')).toBe('/health');
  });

  test('leaves cdktf tokens (references the library made) alone', () => {
    expect(escapeTerraformTemplate('${TfToken[TOKEN.12]}-${x}')).toBe('${TfToken[TOKEN.12]}-$${x}');
  });

  test('escapes every string of a structure, keys included', () => {
    expect(escapeTerraformTemplates({ a: ['${x}', 1, true, null], '${k}': { b: '%{y}' } })).toEqual({
      a: ['$${x}', 1, true, null],
      '$${k}': { b: '%%{y}' },
    });
  });

  test('an escaped text reads back as the text (Terraform turns $${ into ${ and %%{ into %{)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '%', '{', '}', 'a', '$$') }), (text) => {
        const unescaped = escapeTerraformTemplate(text)
          .replace(/\$\$\{/g, '${')
          .replace(/%%\{/g, '%{');
        expect(unescaped).toBe(text);
      }),
    );
  });
});
