import * as fs from 'fs';
import * as path from 'path';
import { renderConfigJsonSchema, withConfigReference } from '../../modules/stacks/config-docs';
import { configSchema } from '../../modules/stacks/config-schema';

const root = path.resolve(__dirname, '..', '..');

describe('the generated configuration documents', () => {
  test('awsvpc.config.schema.json is what the schema generates (run npm run generate:config)', () => {
    expect(fs.readFileSync(path.join(root, 'awsvpc.config.schema.json'), 'utf8')).toBe(renderConfigJsonSchema());
  });

  test('the README documents every key as the schema generates it (run npm run generate:config)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(withConfigReference(readme)).toBe(readme);
  });

  test('the JSON Schema rejects unknown keys at every level, as the app does', () => {
    const schema = JSON.parse(renderConfigJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.network.additionalProperties).toBe(false);
    expect(schema.properties.services.items.additionalProperties).toBe(false);
  });

  test('every key the README lists carries a description', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(row).not.toMatch(/\|\s*\|$/);
  });

  test("the defaults reproduce the seeds' lab", () => {
    const c = configSchema.parse({});
    expect(c.network.vpcCidr).toBe('10.0.0.0/16');
    expect(c.network.availabilityZoneCount).toBe(2);
    expect(c.services).toHaveLength(1);
    expect(c.services[0]).toMatchObject({
      containerPort: 80,
      memoryMiB: 512,
      networkMode: 'awsvpc',
      desiredCount: 2,
      enableExecuteCommand: true,
    });
    expect(c.account.awsvpcTrunking).toBe(true);
  });
});
