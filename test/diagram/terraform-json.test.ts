import { compareText, integerArithmetic, ResourceIndex, shortExpression } from '../../modules/diagram/terraform-json';

describe('shortExpression', () => {
  test('drops the interpolation braces and cuts long text', () => {
    expect(shortExpression('${var.private_subnet_ids}')).toBe('var.private_subnet_ids');
    expect(shortExpression(`\${${'x'.repeat(100)}}`)).toHaveLength(60);
  });
});

describe('ResourceIndex', () => {
  const doc = {
    resource: {
      aws_vpc: { vpc: { cidr_block: '10.0.0.0/16' } },
      aws_subnet: {
        private: {
          count: 2,
          vpc_id: '${aws_vpc.vpc.id}',
          cidr_block: '${cidrsubnet(aws_vpc.vpc.cidr_block, 8, count.index)}',
        },
        each: { for_each: '${toset(var.x)}', cidr_block: '${each.value}' },
      },
    },
  };

  test('expands a literal count into instances with count.index replaced', () => {
    const index = new ResourceIndex(doc);
    expect(index.all('aws_subnet').map((e) => e.address)).toEqual([
      'aws_subnet.each',
      'aws_subnet.private[0]',
      'aws_subnet.private[1]',
    ]);
    expect(index.literal(index.get('aws_subnet.private[1]')?.body.cidr_block)).toBe('10.0.1.0/24');
  });

  test('records resources it cannot expand', () => {
    expect(new ResourceIndex(doc).unexpanded).toEqual(['aws_subnet.each']);
  });

  test('resolves splats to every instance and indexes to one', () => {
    const index = new ResourceIndex(doc);
    expect(index.resolve('${aws_subnet.private.*.id}').map((e) => e.address)).toEqual([
      'aws_subnet.private[0]',
      'aws_subnet.private[1]',
    ]);
    expect(index.resolve(['${aws_subnet.private[1].id}']).map((e) => e.address)).toEqual(['aws_subnet.private[1]']);
    expect(index.resolveOne('${aws_vpc.vpc.id}', 'aws_subnet')).toBeUndefined();
  });

  test('follows a reference to a literal argument, and only that', () => {
    const index = new ResourceIndex(doc);
    expect(index.literal('${aws_vpc.vpc.cidr_block}')).toBe('10.0.0.0/16');
    expect(index.literal('${aws_vpc.vpc.id}')).toBeUndefined();
    expect(index.literal('${upper(aws_vpc.vpc.cidr_block)}')).toBeUndefined();
  });

  test('tolerates documents of any shape', () => {
    for (const bad of [
      null,
      42,
      'x',
      [],
      { resource: [] },
      { resource: { aws_vpc: 'x' } },
      { resource: { aws_vpc: { v: null } } },
    ]) {
      expect(new ResourceIndex(bad).all('aws_vpc')).toEqual([]);
    }
  });
});

describe('integerArithmetic', () => {
  test('evaluates sums and products of whole numbers, and nothing else', () => {
    expect(integerArithmetic('1 + 1')).toBe(2);
    expect(integerArithmetic('2 * 3 - 1')).toBe(5);
    expect(integerArithmetic('7')).toBe(7);
    expect(integerArithmetic('var.x + 1')).toBeUndefined();
    expect(integerArithmetic('1 / 2')).toBeUndefined();
  });
});

describe('compareText', () => {
  test('orders numbers inside names by value', () => {
    expect(['private-10', 'private-2', 'public-1', 'private-1'].sort(compareText)).toEqual([
      'private-1',
      'private-2',
      'private-10',
      'public-1',
    ]);
  });
});
