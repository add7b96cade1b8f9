import { referencedAddresses, referencesIn, terraformBlocks } from '../../modules/core/terraform-json';

describe('referencesIn', () => {
  test('finds a plain reference with its attribute', () => {
    expect(referencesIn('${aws_subnet.private-0.id}')).toEqual([
      { data: false, type: 'aws_subnet', name: 'private-0', attribute: 'id' },
    ]);
  });

  test('finds indexed and splat references', () => {
    expect(referencesIn('${aws_subnet.private[1].id}')[0]).toMatchObject({
      type: 'aws_subnet',
      name: 'private',
      index: 1,
      attribute: 'id',
    });
    expect(referencesIn('${aws_subnet.private.*.id}')[0]).toMatchObject({
      name: 'private',
      index: '*',
      attribute: 'id',
    });
    expect(referencesIn('${aws_subnet.private[*].id}')[0]).toMatchObject({
      name: 'private',
      index: '*',
      attribute: 'id',
    });
  });

  test('reads the element index of an availability zone name', () => {
    expect(referencesIn('${element(data.aws_availability_zones.azs.names, 2)}')).toEqual([
      { data: true, type: 'aws_availability_zones', name: 'azs', attribute: 'names', elementIndex: 2 },
    ]);
    expect(referencesIn('${data.aws_availability_zones.azs.names[1]}')[0]).toMatchObject({
      data: true,
      elementIndex: 1,
    });
  });

  test('ignores variables, locals, literals and text in quotes', () => {
    expect(referencesIn('${var.private_subnet_ids}')).toEqual([]);
    expect(referencesIn('${local.x}')).toEqual([]);
    expect(referencesIn('subnet-0123')).toEqual([]);
    expect(referencesIn('${format("aws_vpc.fake.id %s", var.x)}')).toEqual([]);
    expect(referencesIn(42)).toEqual([]);
  });

  test('finds every reference of a compound expression', () => {
    const refs = referencesIn('${concat(aws_subnet.a.*.id, [aws_subnet.b.id])}');
    expect(refs.map((r) => r.name)).toEqual(['a', 'b']);
  });
});

describe('referencedAddresses', () => {
  test('finds each address once, in the order first found, at any depth', () => {
    const attributes = {
      vpc_id: '${aws_vpc.main.id}',
      ingress: [{ security_groups: ['${aws_security_group.lb.id}', '${aws_vpc.main.id}'] }],
      policy: '${data.aws_iam_policy_document.trust.json}',
    };
    expect(referencedAddresses(attributes)).toEqual([
      'aws_vpc.main',
      'aws_security_group.lb',
      'data.aws_iam_policy_document.trust',
    ]);
  });

  test("skips cdktf's metadata, literal text and quoted text, but reads templates inside quotes", () => {
    expect(referencedAddresses({ '//': { ref: '${aws_vpc.meta.id}' } })).toEqual([]);
    expect(referencedAddresses('aws_vpc.main is not an expression')).toEqual([]);
    expect(referencedAddresses('${format("aws_vpc.fake.id %s", var.x)}')).toEqual([]);
    expect(referencedAddresses('${join("", ["${aws_s3_bucket.b.arn}", "/*"])}')).toEqual(['aws_s3_bucket.b']);
  });

  test('agrees with referencesIn on every string', () => {
    const text = '${concat(aws_subnet.a.*.id, [aws_subnet.b[0].id], data.aws_availability_zones.azs.names)}';
    expect(referencedAddresses(text)).toEqual(
      referencesIn(text).map((r) => `${r.data ? 'data.' : ''}${r.type}.${r.name}`),
    );
  });
});

describe('terraformBlocks', () => {
  const doc = {
    resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' }, broken: null }, aws_subnet: { a: {} } },
    data: { aws_region: { current: {} } },
  };

  test('lists resources in document order, then data sources when asked', () => {
    expect(terraformBlocks(doc).map((b) => `${b.type}.${b.name}`)).toEqual(['aws_vpc.main', 'aws_subnet.a']);
    expect(terraformBlocks(doc, { data: true }).map((b) => [b.isDataSource, b.type, b.name])).toEqual([
      [false, 'aws_vpc', 'main'],
      [false, 'aws_subnet', 'a'],
      [true, 'aws_region', 'current'],
    ]);
  });

  test('gives nothing for what is not a document', () => {
    for (const bad of [null, 42, 'x', [], { resource: [] }, { resource: { aws_vpc: 'x' } }]) {
      expect(terraformBlocks(bad, { data: true })).toEqual([]);
    }
  });
});
