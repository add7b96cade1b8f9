import * as fc from 'fast-check';
import { referencedAddresses, StackIndex, TerraformDocument } from '../../modules/policy';
import { newTestStack } from '../support/synth';
import { buildCompliantStack } from './fixtures';

describe('StackIndex', () => {
  const index = StackIndex.fromTerraformJson({
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' }, main2: {} },
      aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}' } },
      aws_flow_log: { log: { vpc_id: '${aws_vpc.main.id}', log_destination: '${data.aws_s3_bucket.logs.arn}' } },
      aws_iam_role: {
        r: {
          assume_role_policy: '${data.aws_iam_policy_document.trust.json}',
          tags: { note: 'aws_vpc.main2 (literal, not a reference)' },
        },
      },
    },
    data: { aws_iam_policy_document: { trust: { statement: [] } } },
  });

  test('indexes resources and data sources by address and type', () => {
    expect(index.subjects.map((s) => s.address)).toEqual([
      'aws_vpc.main',
      'aws_vpc.main2',
      'aws_subnet.a',
      'aws_flow_log.log',
      'aws_iam_role.r',
      'data.aws_iam_policy_document.trust',
    ]);
    expect(index.get('data.aws_iam_policy_document.trust')).toEqual(
      expect.objectContaining({
        type: 'aws_iam_policy_document',
        isDataSource: true,
        typeKey: 'data.aws_iam_policy_document',
        name: 'trust',
      }),
    );
    expect(index.ofType('aws_vpc').map((s) => s.name)).toEqual(['main', 'main2']);
  });

  test('finds a resource or data source by type and name, each of its own kind', () => {
    expect(index.element('aws_vpc', 'main')).toBe(index.get('aws_vpc.main'));
    expect(index.element('aws_iam_policy_document', 'trust', true)).toBe(
      index.get('data.aws_iam_policy_document.trust'),
    );
    expect(index.element('aws_iam_policy_document', 'trust')).toBeUndefined();
    expect(index.element('aws_vpc', 'main', true)).toBeUndefined();
    expect(index.element('aws_vpc', 'nope')).toBeUndefined();
  });

  test('follows references inside expressions only, and only to subjects of the stack', () => {
    expect(index.referrers('aws_vpc.main').map((s) => s.address)).toEqual(['aws_subnet.a', 'aws_flow_log.log']);
    expect(index.referrers('aws_vpc.main', 'aws_flow_log').map((s) => s.address)).toEqual(['aws_flow_log.log']);
    expect(index.referrers('aws_vpc.main2')).toEqual([]);
    expect(index.references('aws_flow_log.log')).toEqual(['aws_vpc.main']);
    expect(index.references('aws_iam_role.r')).toEqual(['data.aws_iam_policy_document.trust']);
    expect(index.refersTo('${aws_vpc.main2.id}', 'aws_vpc.main')).toBe(false);
  });

  test('referrersThrough keeps the referrers whose named attribute is the reference', () => {
    const logs = StackIndex.fromTerraformJson({
      resource: {
        aws_vpc: { main: {} },
        aws_flow_log: {
          own: { vpc_id: '${aws_vpc.main.id}' },
          mentions: { vpc_id: 'vpc-0123456789abcdef0', tags: { vpc: '${aws_vpc.main.id}' } },
        },
      },
    });
    expect(logs.referrers('aws_vpc.main', 'aws_flow_log').map((s) => s.address)).toEqual([
      'aws_flow_log.own',
      'aws_flow_log.mentions',
    ]);
    expect(logs.referrersThrough('aws_vpc.main', 'vpc_id', 'aws_flow_log').map((s) => s.address)).toEqual([
      'aws_flow_log.own',
    ]);
  });

  test('finds the address in any reference expression (property)', () => {
    const ident = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(
        ident,
        ident,
        fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,15}$/),
        fc.boolean(),
        (provider, kind, name, data) => {
          const address = `${data ? 'data.' : ''}${provider}_${kind}.${name}`;
          expect(referencedAddresses(`\${${address}.id}`)).toEqual([address]);
          expect(referencedAddresses(`prefix-\${element(${address}[*].arn, 0)}/*`)).toEqual([address]);
          expect(referencedAddresses(address)).toEqual([]);
        },
      ),
    );
  });
});

describe('StackIndex references, found on request', () => {
  /** The compliant reference stack as rendered: VPC, load balancer, listeners, security groups, roles, a service. */
  function renderedStack(): TerraformDocument {
    const { stack } = newTestStack();
    buildCompliantStack(stack);
    return stack.toTerraform() as TerraformDocument;
  }

  /** What the index answers, computed the plain way: every attribute of every subject scanned up front. */
  function fullScan(doc: TerraformDocument) {
    const subjects = StackIndex.fromTerraformJson(doc).subjects;
    const known = new Set(subjects.map((s) => s.address));
    const refs = new Map(
      subjects.map((s) => [s.address, referencedAddresses(s.attributes).filter((a) => known.has(a))]),
    );
    return {
      referrers: (address: string, ...typeKeys: string[]) =>
        subjects
          .filter(
            (s) => refs.get(s.address)!.includes(address) && (typeKeys.length === 0 || typeKeys.includes(s.typeKey)),
          )
          .map((s) => s.address),
      references: (address: string) => refs.get(address) ?? [],
    };
  }

  const doc = renderedStack();
  const scan = fullScan(doc);
  const addresses = [...StackIndex.fromTerraformJson(doc).subjects.map((s) => s.address), 'aws_vpc.not-in-the-stack'];
  const typeKeys = [...new Set(StackIndex.fromTerraformJson(doc).subjects.map((s) => s.typeKey)), 'aws_alb'];

  test('the reference stack has references to follow, between subjects of many types (so the comparisons below mean something)', () => {
    expect(addresses.filter((a) => scan.referrers(a).length > 0).length).toBeGreaterThan(10);
    expect(
      addresses.filter((a) => new Set(scan.referrers(a).map((r) => r.split('.')[0])).size > 1).length,
    ).toBeGreaterThan(3);
  });

  test('gives the referrers a full scan gives, in document order, for every address and type keys one, two or all at a time', () => {
    const index = StackIndex.fromTerraformJson(doc);
    for (const address of addresses) {
      expect({ address, referrers: index.referrers(address).map((s) => s.address) }).toEqual({
        address,
        referrers: scan.referrers(address),
      });
      for (const [i, t] of typeKeys.entries()) {
        const other = typeKeys[(i + 7) % typeKeys.length]!;
        for (const keys of [[t], [t, other], [other, t], [t, t], [...typeKeys].reverse()]) {
          expect({ address, keys, referrers: index.referrers(address, ...keys).map((s) => s.address) }).toEqual({
            address,
            keys,
            referrers: scan.referrers(address, ...keys),
          });
        }
      }
    }
  });

  test('gives the references a full scan gives, whichever question comes first', () => {
    const referencesFirst = StackIndex.fromTerraformJson(doc);
    const referrersFirst = StackIndex.fromTerraformJson(doc);
    addresses.forEach((a) => referrersFirst.referrers(a, 'aws_lb_listener'));
    for (const address of addresses) {
      expect({ address, references: referencesFirst.references(address) }).toEqual({
        address,
        references: scan.references(address),
      });
      expect({ address, references: referrersFirst.references(address) }).toEqual({
        address,
        references: scan.references(address),
      });
    }
  });
});

describe('StackIndex.derived', () => {
  test('computes once per function and text, per index', () => {
    const index = StackIndex.fromTerraformJson({});
    const parse = jest.fn((text: string) => ({ parsed: text }));
    const first = index.derived(parse, '[1]');
    expect(index.derived(parse, '[1]')).toBe(first);
    expect(index.derived(parse, '[2]')).toEqual({ parsed: '[2]' });
    expect(parse).toHaveBeenCalledTimes(2);
    expect(StackIndex.fromTerraformJson({}).derived(parse, '[1]')).not.toBe(first);
    expect(parse).toHaveBeenCalledTimes(3);
  });

  test('remembers undefined results too', () => {
    const index = StackIndex.fromTerraformJson({});
    const parse = jest.fn((): undefined => undefined);
    index.derived(parse, 'not json');
    index.derived(parse, 'not json');
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
