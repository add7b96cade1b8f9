import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../modules/policy';

describe('docs/security.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');

  test.each(ALL_RULES.map((r) => [r.id, r]))(
    'documents %s with its ids, severity, summary, fix and suppression',
    (id, rule) => {
      const start = doc.indexOf(`### ${id}\n`);
      expect(start).toBeGreaterThan(0);
      const next = doc.indexOf('\n### ', start + 1);
      const section = doc.slice(start, next < 0 ? undefined : next);
      expect(section).toContain(rule.summary);
      expect(section).toContain(`Severity: ${rule.severity}`);
      for (const i of rule.industryIds) expect(section).toContain(`\`${i}\``);
      expect(section).toContain(rule.explanation);
      expect(section).toContain(`**Fix:** ${rule.fix}.`);
      expect(section).toContain(`PolicyPack.suppress(resource, '${id}', '<reason>')`);
    },
  );

  test('has the Suppressions section the default app and the examples fill', () => {
    expect(doc).toMatch(
      /\n## Suppressions\n[\s\S]*\n### Default app and examples\n[\s\S]*\| stack \/ example \| resource \(construct path\) \| rule \| reason \|/,
    );
  });
});
