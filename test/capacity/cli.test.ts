import { CAPACITY_USAGE, runCapacityCommand } from './helpers';

function run(...args: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runCapacityCommand(args, (l) => lines.push(l));
  return { code, lines };
}

describe('the capacity command', () => {
  test('prints the facts of instance types as a table, with their notes', () => {
    const { code, lines } = run('c5.large', 'c4.large', 'm6g.xlarge');
    expect(code).toBe(0);
    expect(lines.slice(0, 4)).toEqual([
      'instance type  arch    ENIs  IPv4/ENI  tasks  trunked  trunking',
      'c5.large       x86_64     3        10      2       10  supported',
      'c4.large       x86_64     3        10      2        -  not supported',
      'm6g.xlarge     arm64      4        15      3       20  supported',
    ]);
    expect(lines.slice(4)).toEqual([
      '',
      'c4.large: trunking not supported: AWS publishes no trunking row for t2, t3, t3a, t4g, c4, m4 and c5n: ' +
        'they never run more than max_enis - 1 awsvpc tasks',
    ]);
  });

  test('prints the sources with --sources', () => {
    const { lines } = run('--sources', 'c5.large');
    expect(lines.filter((l) => l.startsWith('c5.large: source: '))).toHaveLength(2);
  });

  test('prints JSON with --json', () => {
    const { code, lines } = run('--json', 'c5.large', 'c5.lrge');
    expect(code).toBe(1);
    const doc = JSON.parse(lines.join('\n'));
    expect(doc.instanceTypes[0]).toMatchObject({
      instanceType: 'c5.large',
      maxTasksWithoutTrunking: 2,
      maxTasksWithTrunking: 10,
    });
    expect(doc.unknown).toEqual([{ instanceType: 'c5.lrge', suggestions: ['c5.large', 'c3.large', 'c4.large'] }]);
  });

  test('exits 1 for an unknown type and suggests the nearest names', () => {
    const { code, lines } = run('c5.large', 'c5.lrge');
    expect(code).toBe(1);
    expect(lines[lines.length - 1]).toBe(
      'capacity: unknown instance type "c5.lrge"; did you mean c5.large, c3.large, c4.large?',
    );
  });

  test('prints the usage and exits 2 without instance types or with an unknown option', () => {
    expect(run()).toEqual({ code: 2, lines: CAPACITY_USAGE });
    const bad = run('--bogus', 'c5.large');
    expect(bad.code).toBe(2);
    expect(bad.lines[0]).toBe('capacity: unknown option --bogus');
    expect(run('--help')).toEqual({ code: 0, lines: CAPACITY_USAGE });
  });
});
