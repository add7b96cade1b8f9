import * as fc from 'fast-check';
import { dependencyGraph, dependsOn, destroyOrder } from './dependency-graph';
import type { TerraformJson } from '../support/synth';

describe('dependencyGraph (test helper)', () => {
  const json: TerraformJson = {
    data: { aws_ssm_parameter: { ami: { name: '/aws/service/x' } } },
    resource: {
      aws_ecs_cluster: { c: { '//': { metadata: { path: 'aws_iam_role.r' } }, name: 'seed' } },
      aws_launch_template: {
        lt: {
          image_id: '${data.aws_ssm_parameter.ami.insecure_value}',
          lifecycle: { ignore_changes: ['aws_ecs_cluster.c'] },
        },
      },
      aws_autoscaling_group: {
        'my-asg': {
          launch_template: {
            name: '${aws_launch_template.lt.name}',
            version: '${aws_launch_template.lt.latest_version}',
          },
          depends_on: ['aws_ecs_cluster.c'],
        },
      },
      aws_ecs_capacity_provider: {
        cp: { auto_scaling_group_provider: { arn: '${join("", [aws_autoscaling_group.my-asg.arn])}' } },
      },
    },
  };

  test('reads references inside expressions, data sources and depends_on', () => {
    const g = dependencyGraph(json);
    expect([...g.get('aws_launch_template.lt')!]).toEqual(['data.aws_ssm_parameter.ami']);
    expect([...g.get('aws_autoscaling_group.my-asg')!].sort()).toEqual(['aws_ecs_cluster.c', 'aws_launch_template.lt']);
    expect([...g.get('aws_ecs_capacity_provider.cp')!]).toEqual(['aws_autoscaling_group.my-asg']);
  });

  test('ignores plain strings and cdktf metadata', () => {
    const g = dependencyGraph(json);
    expect(g.get('aws_ecs_cluster.c')!.size).toBe(0);
  });

  test('follows dependencies transitively and orders a destroy dependents first', () => {
    const g = dependencyGraph(json);
    expect(dependsOn(g, 'aws_ecs_capacity_provider.cp', 'data.aws_ssm_parameter.ami')).toBe(true);
    expect(dependsOn(g, 'aws_ecs_cluster.c', 'aws_ecs_capacity_provider.cp')).toBe(false);
    const order = destroyOrder(g);
    expect(order.indexOf('aws_ecs_capacity_provider.cp')).toBeLessThan(order.indexOf('aws_autoscaling_group.my-asg'));
    expect(order.indexOf('aws_autoscaling_group.my-asg')).toBeLessThan(order.indexOf('aws_ecs_cluster.c'));
  });

  test('fails on a cycle', () => {
    const g = new Map([
      ['a.x', new Set(['b.y'])],
      ['b.y', new Set(['a.x'])],
    ]);
    expect(() => destroyOrder(g)).toThrow(/cycle/);
  });

  test('destroyOrder puts every node before all of its dependencies (any DAG)', () => {
    // Random DAGs: node i may depend only on nodes j < i.
    const dag = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }).map((edges) => {
        const g = new Map<string, Set<string>>();
        for (let i = 0; i < n; i++) g.set(`t.n${i}`, new Set());
        for (const [a, b] of edges) if (a > b) g.get(`t.n${a}`)!.add(`t.n${b}`);
        return g;
      }),
    );
    fc.assert(
      fc.property(dag, (g) => {
        const order = destroyOrder(g);
        expect(order.length).toBe(g.size);
        for (const [from, deps] of g)
          for (const to of deps) expect(order.indexOf(from)).toBeLessThan(order.indexOf(to));
      }),
    );
  });
});
