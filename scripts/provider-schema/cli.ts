/**
 * Checks Terraform JSON files against the schema a @cdktf/provider-aws package declares.
 *
 *   node scripts/run-ts.mjs scripts/provider-schema/cli.ts <bindings package folder> <cdk.tf.json>...
 *
 * Prints one line per problem and exits 1 when there is any. See schema.ts for what is checked.
 */
import * as fs from 'fs';
import { checkTerraformJson, ProviderSchema } from './schema';

const [packageDir, ...files] = process.argv.slice(2);
if (!packageDir || files.length === 0) {
  console.error('usage: cli.ts <@cdktf/provider-aws folder> <cdk.tf.json>...');
  process.exit(2);
}
const schema = new ProviderSchema(packageDir);
let count = 0;
for (const file of files) {
  const problems = checkTerraformJson(schema, JSON.parse(fs.readFileSync(file, 'utf8')));
  for (const p of problems) console.log(`${file}: ${p.at}: ${p.message}`);
  count += problems.length;
}
console.log(
  `schema of AWS provider ${schema.providerVersion() ?? '(unknown version)'}: ${files.length} file(s), ${count} problem(s)`,
);
process.exit(count > 0 ? 1 : 0);
