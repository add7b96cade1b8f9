/**
 * Writes what is generated from the configuration schema (modules/stacks/config-schema.ts):
 * - awsvpc.config.schema.json: the published JSON Schema, for editor completion;
 * - the configuration reference in README.md, between its config-reference markers.
 *
 * Run: npm run generate:config   (test/stacks/config-docs.test.ts fails when either is stale)
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderConfigJsonSchema, withConfigReference } from '../modules/stacks/config-docs';

// scripts/run-ts.mjs passes this file's own path as argv[1].
const root = path.resolve(path.dirname(process.argv[1]!), '..');
fs.writeFileSync(path.join(root, 'awsvpc.config.schema.json'), renderConfigJsonSchema());
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = withConfigReference(readme);
if (updated === readme && !readme.includes('config-reference:begin')) {
  console.error('README.md has no config-reference markers; the reference was not written');
  process.exitCode = 1;
}
fs.writeFileSync(readmePath, updated);
console.log('wrote awsvpc.config.schema.json and the README configuration reference');
