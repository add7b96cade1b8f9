/**
 * Writes docs/seed-facts.md from test/seed-facts/seed-facts.ts.
 *
 * Run: npm run generate:seed-facts   (test/seed-facts/seed-facts.test.ts fails when it is stale)
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderSeedFacts } from '../test/seed-facts/render';

// scripts/run-ts.mjs passes this file's own path as argv[1].
const root = path.resolve(path.dirname(process.argv[1]!), '..');
fs.writeFileSync(path.join(root, 'docs', 'seed-facts.md'), renderSeedFacts());
console.log('wrote docs/seed-facts.md');
