// Changes the app's bundle makes to cdktf 0.21.0 (pinned exactly), each for a measured cost or a
// known bug. Every patch names the exact text it replaces and fails the build when that text is not
// there, so a cdktf upgrade cannot silently skip one.
import * as fs from 'node:fs';

/** esbuild onLoad patch: in files matching `filter`, replace each `from` (which must occur once) by `to`. */
function patchFile(filter, replacements) {
  return (build) => {
    build.onLoad({ filter }, (args) => {
      let text = fs.readFileSync(args.path, 'utf8');
      for (const [from, to] of replacements) {
        const at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
          throw new Error(`cdktf patch: expected exactly one occurrence of ${JSON.stringify(from.slice(0, 60))} in ${args.path}`);
        }
        text = text.slice(0, at) + to + text.slice(at + from.length);
      }
      return { contents: text, loader: 'js' };
    });
  };
}

// 1. cdktf records a full stack trace each time it creates a token (thousands per synth) only to say
//    where a token was created if resolving it fails later; formatting them was a quarter of the synth
//    time at 100 services. AWSVPC_TOKEN_STACK_TRACES=1 keeps them, for debugging.
const noTokenStackTraces = (build) => {
  if (process.env.AWSVPC_TOKEN_STACK_TRACES === '1') return;
  build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
    contents: 'exports.captureStackTrace = function captureStackTrace() { return []; };',
    loader: 'js',
  }));
};

// 2. `cdktf synth --hcl` wrote invalid HCL for two shapes our stacks use:
//    - a string holding both a Terraform reference and double quotes (container definitions and IAM
//      documents are JSON with references inside): cdktf escaped no quote at all in such strings
//      (hashicorp/terraform-cdk#3911). The fix escapes the quotes outside `${ ... }` only.
//    - lifecycle pre- and postconditions: rendered as `precondition = [{...}]` attributes instead of
//      blocks ("Unsupported argument").
const ESCAPE_QUOTES_OLD = `function escapeQuotes(str) {
    // Don't attempt to escape if we have an expression
    if (str.match(/\\$\\{/)) {
        return str;
    }
    return str.replace(/(?<!\\\\)"/g, '\\\\"');
}`;
const ESCAPE_QUOTES_NEW = `function escapeQuotes(str) {
    // Escape the quotes of the literal parts; leave \${ ... } expressions (and $\${ escapes) as they are.
    let out = "";
    let depth = 0;
    for (let i = 0; i < str.length; i++) {
        const c = str[i];
        if (depth === 0 && c === "$" && str[i + 1] === "$") { out += "$$"; i++; continue; }
        if (depth === 0 && c === "$" && str[i + 1] === "{") { depth = 1; out += "\${"; i++; continue; }
        if (depth > 0) {
            if (c === "{") depth++;
            else if (c === "}") depth--;
            out += c;
            continue;
        }
        out += c === '"' && str[i - 1] !== "\\\\" ? '\\\\"' : c;
    }
    return out;
}`;
const FUZZY_OLD = `        if (jsonExpression.includes("\${")) {
            return \`"\${jsonExpression}"\`;
        }`;
const FUZZY_NEW = `        if (jsonExpression.includes("\${")) {
            return \`"\${escapeQuotes(jsonExpression)}"\`;
        }`;
const META_OLD = `            if (metaBlocks.includes(name)) {
                return \`\${name} {
\${renderSimpleAttributes(v)}
}\`;
            }`;
const META_NEW = `            if (metaBlocks.includes(name)) {
                const { precondition, postcondition, ...simple } = v;
                const conditions = [
                    ...(precondition || []).map((c) => \`precondition {\\n\${renderSimpleAttributes(c)}\\n}\`),
                    ...(postcondition || []).map((c) => \`postcondition {\\n\${renderSimpleAttributes(c)}\\n}\`),
                ];
                return \`\${name} {\\n\${[renderSimpleAttributes(simple), ...conditions].filter((s) => s).join("\\n")}\\n}\`;
            }`;
const hclRenderer = patchFile(/[\\/]cdktf[\\/]lib[\\/]hcl[\\/]render\.js$/, [
  [ESCAPE_QUOTES_OLD, ESCAPE_QUOTES_NEW],
  [FUZZY_OLD, FUZZY_NEW],
  [META_OLD, META_NEW],
]);

// 3. cdktf loads `archiver` (and its 0.9 MB of streams, globbing and zip code) at start-up, for
//    TerraformAsset only; our stacks have no assets. The bundle gets a stand-in that says so if used.
const noArchiver = (build) => {
  build.onResolve({ filter: /^archiver$/ }, () => ({ path: 'archiver', namespace: 'awsvpc-stub' }));
  build.onLoad({ filter: /^archiver$/, namespace: 'awsvpc-stub' }, () => ({
    contents: 'module.exports = function archiver() { throw new Error("TerraformAsset (archiver) is not part of the awsvpc-ecs app bundle"); };',
    loader: 'js',
  }));
};

/** The esbuild plugin the app's bundle is built with. */
export const cdktfPatches = {
  name: 'cdktf-patches',
  setup(build) {
    noTokenStackTraces(build);
    hclRenderer(build);
    noArchiver(build);
  },
};

/** What, besides its inputs, the bundle depends on (a change rebuilds it). */
export function patchFlavor() {
  return process.env.AWSVPC_TOKEN_STACK_TRACES === '1' ? 'token-stack-traces' : 'default';
}
