import * as fc from 'fast-check';
import { referencedAddresses, StackIndex } from '../../modules/policy';

describe('StackIndex', () => {
  const index = StackIndex.fromTerraformJson({
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' }, main2: {} },
      aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}' } },
      aws_flow_log: { log: { vpc_id: '${aws_vpc.main.id}', log_destination: '${data.aws_s3_bucket.logs.arn}' } },
      aws_iam_role: { r: { assume_role_policy: '${data.aws_iam_policy_document.trust.json}', tags: { note: 'aws_vpc.main2 (literal, not a reference)' } } },
    },
    data: { aws_iam_policy_document: { trust: { statement: [] } } },
  });

  test('indexes resources and data sources by address and type', () => {
    expect(index.subjects.map((s) => s.address)).toEqual([
      'aws_vpc.main', 'aws_vpc.main2', 'aws_subnet.a', 'aws_flow_log.log', 'aws_iam_role.r', 'data.aws_iam_policy_document.trust',
    ]);
    expect(index.get('data.aws_iam_policy_document.trust')).toEqual(expect.objectContaining({ type: 'aws_iam_policy_document', isDataSource: true, typeKey: 'data.aws_iam_policy_document', name: 'trust' }));
    expect(index.ofType('aws_vpc').map((s) => s.name)).toEqual(['main', 'main2']);
  });

  test('follows references inside expressions only, and only to subjects of the stack', () => {
    expect(index.referrers('aws_vpc.main').map((s) => s.address)).toEqual(['aws_subnet.a', 'aws_flow_log.log']);
    expect(index.referrers('aws_vpc.main', 'aws_flow_log').map((s) => s.address)).toEqual(['aws_flow_log.log']);
    expect(index.referrers('aws_vpc.main2')).toEqual([]);
    expect(index.references('aws_flow_log.log')).toEqual(['aws_vpc.main']);
    expect(index.references('aws_iam_role.r')).toEqual(['data.aws_iam_policy_document.trust']);
    expect(index.refersTo('${aws_vpc.main2.id}', 'aws_vpc.main')).toBe(false);
  });

  test('finds the address in any reference expression (property)', () => {
    const ident = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(fc.property(ident, ident, fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,15}$/), fc.boolean(), (provider, kind, name, data) => {
      const address = `${data ? 'data.' : ''}${provider}_${kind}.${name}`;
      expect(referencedAddresses(`\${${address}.id}`)).toEqual([address]);
      expect(referencedAddresses(`prefix-\${element(${address}[*].arn, 0)}/*`)).toEqual([address]);
      expect(referencedAddresses(address)).toEqual([]);
    }));
  });
});
