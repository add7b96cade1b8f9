// Changes the fast path's bundle (scripts/fast-synth.cjs: the default app and `awsvpc-ecs synth-app`)
// makes to cdktf 0.21.0 (pinned exactly). Each one stays only while it earns its place: the synth step
// at 100 services at least 10% slower without it (`npm run bench -- --patches`; docs/adr/0003). Every
// patch names the exact text it replaces and fails the build when that text is not there, so a cdktf
// upgrade cannot silently skip one; none changes a byte of what is written.
import * as fs from 'node:fs';

/**
 * Registers a patch: in files whose path matches `filter`, replace each `from` (which must occur
 * exactly once) by `to`. All registered patches run in one esbuild onLoad callback, so that several
 * patches of one file compose (esbuild uses the first onLoad callback that returns contents), and the
 * build fails when a patch's text is missing or when a patch matched no file at all.
 */
const FILE_PATCHES = [];
function patchFile(name, filter, replacements) {
  FILE_PATCHES.push({ name, filter, replacements, files: 0 });
}

function applyFilePatches(build, omit) {
  const active = FILE_PATCHES.filter((p) => !omit.has(p.name));
  if (active.length === 0) return;
  const anyPatched = new RegExp(active.map((p) => `(?:${p.filter.source})`).join('|'));
  build.onStart(() => {
    for (const p of active) p.files = 0;
  });
  build.onLoad({ filter: anyPatched }, (args) => {
    let text = fs.readFileSync(args.path, 'utf8');
    for (const patch of active) {
      if (!patch.filter.test(args.path)) continue;
      for (const [from, to] of patch.replacements) {
        const at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
          throw new Error(
            `cdktf patch: expected exactly one occurrence of ${JSON.stringify(from.slice(0, 60))} in ${args.path}`,
          );
        }
        text = text.slice(0, at) + to + text.slice(at + from.length);
      }
      patch.files += 1;
    }
    return { contents: text, loader: 'js' };
  });
  build.onEnd((result) => {
    const unused = active.filter((p) => p.files === 0);
    if (result.errors.length === 0 && unused.length > 0) {
      throw new Error(`cdktf patch: no file matched ${unused.map((p) => p.filter).join(', ')}`);
    }
  });
}

// 1. cdktf records a full stack trace each time it creates a token (thousands per synth) only to say
//    where a token was created if resolving it fails later; formatting them was a quarter of the synth
//    time at 100 services. AWSVPC_TOKEN_STACK_TRACES=1 keeps them, for debugging (the fast path
//    then builds a bundle without this patch).
const noTokenStackTraces = (build) => {
  build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
    contents: 'exports.captureStackTrace = function captureStackTrace() { return []; };',
    loader: 'js',
  }));
};

// 2. (Removed.) The bundle used to patch cdktf's HCL renderer (quotes next to references, lifecycle
//    conditions); the library now hands the renderer values it writes correctly (modules/core/hcl.ts),
//    so `cdktf synth --hcl` is valid for any app, with cdktf as published. See docs/adr/0002-hcl-output.md.

// 3. (Removed after measuring: each gained 0 to 2% of the CPU time at 100 services; docs/adr/0003.)
//    A stand-in for `archiver` and English-only zod locales (both also broke apps that use
//    TerraformAsset or another zod locale, now that any app takes this path); lazy `child_process`,
//    `semver` and `assert`; token tests without TokenString when no marker is present; cached
//    snake-casing; one token-key RegExp; one-shot md5 for logical ids; a faster json-stable-stringify;
//    cached construct children and stacks.

// 4. cdktf's `resolve` walks every value of every element and, for each value (object keys
//    included), builds three TokenString scanners, a resolution context with closures and a copy of
//    its options before finding that it holds no token: most of the synth time at scale.
//    - A leaf that cannot hold a token resolves to itself and is returned at once: a string without
//      the marker every token kind shares ("{TfToken[") and without the shape of an encoded number
//      (what NUMBER_TOKEN_REGEX matches, tested here in an equivalent form that does not backtrack),
//      booleans, null, and numbers that encode no token. The undefined attributes every provider
//      resource has are skipped, as cdktf skips them.
//    - A plain array or object (no list, map or resolvable token, not a construct) is walked directly:
//      each child is resolved with the same options and a longer path, and with the enclosing
//      context's flags, which is what the context cdktf would create for it carries and all it is used
//      for. Everything else (tokens, strings with tokens, keys with tokens, errors) takes cdktf's path
//      unchanged, except that the path in error messages is joined when an error needs it.
const PLAIN_STRING = `
// Holds a match of NUMBER_TOKEN_REGEX (/[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)/) exactly when it holds one of this.
const PLAIN_NUMBER_TOKEN_REGEX = /[-|\\d.+]e[-|\\d.eE+]/;
function isPlainString(s) {
    return typeof s === "string" && s.indexOf("{TfToken[") === -1 &&
        s !== token_1.Token.STRING_MAP_TOKEN_VALUE && s !== token_1.Token.ANY_MAP_TOKEN_VALUE &&
        !PLAIN_NUMBER_TOKEN_REGEX.test(s);
}
function isPlainLeaf(x) {
    return typeof x === "boolean" || x === null || isPlainString(x) ||
        // A number token is a double near -2^960: no safe integer is one.
        (typeof x === "number" && x !== token_1.Token.NUMBER_MAP_TOKEN_VALUE && (Number.isSafeInteger(x) || tokenMap.lookupNumberToken(x) === undefined));
}
function childOptions(options, prefix, key) {
    return { scope: options.scope, preparing: options.preparing, resolver: options.resolver,
        prefix: prefix.concat([key]), previousContext: options.previousContext };
}
function resolve(obj, options) {
    if (isPlainLeaf(obj)) return obj;
    if (typeof obj !== "object" || obj === null || obj instanceof Date) return resolveGeneral(obj, options);
    const prefix = options.prefix || [];
    if (prefix.length > 200) return resolveGeneral(obj, options);
    if (Array.isArray(obj)) {
        if ((0, encoding_1.containsStringListTokenElement)(obj) || (0, encoding_1.containsNumberListTokenElement)(obj)) {
            return resolveGeneral(obj, options);
        }
        const arr = [];
        for (let i = 0; i < obj.length; i++) {
            const x = obj[i];
            const value = isPlainLeaf(x) ? x : resolve(x, childOptions(options, prefix, \`\${i}\`));
            if (typeof value !== "undefined") arr.push(value);
        }
        return arr;
    }
    if ((0, encoding_1.containsMapToken)(obj) || (0, encoding_1.unresolved)(obj) || isConstruct(obj)) {
        return resolveGeneral(obj, options);
    }
    const result = {};
    for (const key of Object.keys(obj)) {
        const x = obj[key];
        let resolvedKey = key;
        if (!isPlainString(key)) {
            resolvedKey = resolve(key, options);
            if (typeof resolvedKey !== "string") {
                throw (0, errors_1.mapKeyMustResolveToString)("/" + prefix.join("/"), key, resolvedKey);
            }
        } else if (x === undefined) {
            continue;
        }
        const value = isPlainLeaf(x) ? x : resolve(x, childOptions(options, prefix, key));
        if (typeof value === "undefined") continue;
        result[resolvedKey] = value;
    }
    return result;
}`;
patchFile('resolve', /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]resolve\.js$/, [
  ['function resolve(obj, options) {\n', 'function resolveGeneral(obj, options) {\n'],
  [
    'const tokenMap = token_map_1.TokenMap.instance();',
    `const tokenMap = token_map_1.TokenMap.instance();${PLAIN_STRING}`,
  ],
  ['const pathName = "/" + prefix.join("/");', 'const pathName = { toString: () => "/" + prefix.join("/") };'],
]);

/**
 * The patches by name: what `omit` (below) and the bench's `--patches` mode (one bundle per patch left
 * out) refer to. The file patches of one name (several files each) come and go together.
 */
const PLUGIN_PATCHES = {
  'token-stack-traces': noTokenStackTraces,
};
export const PATCH_NAMES = [...new Set([...Object.keys(PLUGIN_PATCHES), ...FILE_PATCHES.map((p) => p.name)])];

/**
 * The esbuild plugin a bundle is built with: every patch but those named in `omit` (`['all']`: none,
 * cdktf as published). An unknown name fails, so that a typo cannot measure the wrong bundle.
 */
export function cdktfPatchesPlugin(omit = []) {
  if (omit.includes('all')) omit = PATCH_NAMES;
  const unknown = omit.filter((name) => !PATCH_NAMES.includes(name));
  if (unknown.length > 0) {
    throw new Error(`cdktf patch: unknown patch ${unknown.join(', ')} (known: ${PATCH_NAMES.join(', ')})`);
  }
  const left = new Set(omit);
  return {
    name: 'cdktf-patches',
    setup(build) {
      for (const [name, setup] of Object.entries(PLUGIN_PATCHES)) if (!left.has(name)) setup(build);
      applyFilePatches(build, left);
    },
  };
}

/** The esbuild plugin with every patch. */
export const cdktfPatches = cdktfPatchesPlugin();
