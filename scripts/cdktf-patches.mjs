// Changes the app's bundle makes to cdktf 0.21.0 (pinned exactly), each for a measured cost or a
// known bug. Every patch names the exact text it replaces and fails the build when that text is not
// there, so a cdktf upgrade cannot silently skip one.
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

// 3. cdktf loads `archiver` (and its 0.9 MB of streams, globbing and zip code) at start-up, for
//    TerraformAsset only; our stacks have no assets. The bundle gets a stand-in that says so if used.
const noArchiver = (build) => {
  build.onResolve({ filter: /^archiver$/ }, () => ({ path: 'archiver', namespace: 'awsvpc-stub' }));
  build.onLoad({ filter: /^archiver$/, namespace: 'awsvpc-stub' }, () => ({
    contents:
      'module.exports = function archiver() { throw new Error("TerraformAsset (archiver) is not part of the awsvpc-ecs app bundle"); };',
    loader: 'js',
  }));
};

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

// 4b. Deciding whether a string holds a token takes cdktf a TokenString object and a regular
//     expression, for every attribute set on every resource (provider setters ask) and every object
//     key resolved. A string without the marker that opens every token of the kind asked about
//     cannot match the expression, so the answer is given without them. Whether a number is one
//     is read from its bits through views made once, not three new objects per number.
patchFile('token-test', /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]encoding\.js$/, [
  // Reading a number's bits took three new objects per number; one pair of views serves every call.
  [
    'function extractTokenDouble(encoded, list) {\n    const buf = new ArrayBuffer(8);\n    new Float64Array(buf)[0] = encoded;\n    const ints = new Uint32Array(buf);',
    'const EXTRACT_FLOAT = new Float64Array(1);\nconst EXTRACT_INTS = new Uint32Array(EXTRACT_FLOAT.buffer);\nfunction extractTokenDouble(encoded, list) {\n    EXTRACT_FLOAT[0] = encoded;\n    const ints = EXTRACT_INTS;',
  ],
  [
    '    if (typeof obj === "string") {\n        return TokenString.forString(obj).test();',
    '    if (typeof obj === "string") {\n        return obj.indexOf(exports.BEGIN_STRING_TOKEN_MARKER) !== -1 && TokenString.forString(obj).test();',
  ],
  [
    'return xs.some((x) => typeof x === "string" && TokenString.forListToken(x).test());',
    'return xs.some((x) => typeof x === "string" && x.indexOf(exports.BEGIN_LIST_TOKEN_MARKER) !== -1 && TokenString.forListToken(x).test());',
  ],
  [
    'return Object.keys(xs).some((x) => typeof x === "string" && TokenString.forMapToken(x).test());',
    'return Object.keys(xs).some((x) => typeof x === "string" && x.indexOf(exports.BEGIN_MAP_TOKEN_MARKER) !== -1 && TokenString.forMapToken(x).test());',
  ],
]);

// 5. cdktf snake-cases every attribute name of every element on each render, with three regular
//    expressions per name; the names repeat (a few hundred distinct ones), so the result is kept.
patchFile('snake-case', /[\\/]cdktf[\\/]lib[\\/]util\.js$/, [
  [
    'function snakeCase(str) {\n    if (!str)\n        return "";',
    `const SNAKE_CASE_CACHE = new Map();
function snakeCase(str) {
    if (typeof str !== "string") return snakeCaseUncached(str);
    let cased = SNAKE_CASE_CACHE.get(str);
    if (cased === undefined) {
        cased = snakeCaseUncached(str);
        SNAKE_CASE_CACHE.set(str, cased);
    }
    return cased;
}
function snakeCaseUncached(str) {
    if (!str)
        return "";`,
  ],
]);

// 5b. cdktf compiles a regular expression for every token it creates (thousands per synth), to
//     turn the token's display hint into a key; the expression never changes, so it is compiled once.
patchFile('token-key-regexp', /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]token-map\.js$/, [
  [
    'const representation = (displayHint || `TOKEN`).replace(new RegExp(`[^${encoding_1.VALID_KEY_CHARS}]`, "g"), ".");',
    'const representation = displayHint ? displayHint.replace(INVALID_KEY_CHARS, ".") : "TOKEN";',
  ],
  [
    'class TokenMap {',
    'const INVALID_KEY_CHARS = new RegExp(`[^${encoding_1.VALID_KEY_CHARS}]`, "g");\nclass TokenMap {',
  ],
]);

// 5c. cdktf hashes every element's construct path (its logical id's suffix) with createHash, whose
//     hash object costs more than the hashing for such short input; Node's one-shot crypto.hash gives
//     the same digest in half the time.
patchFile('md5-hash', /[\\/]cdktf[\\/]lib[\\/]private[\\/]unique\.js$/, [
  [
    `    const md5 = crypto
        .createHash("md5")
        .update(path.join(PATH_SEP))
        .digest("hex");`,
    `    const md5 = typeof crypto.hash === "function"
        ? crypto.hash("md5", path.join(PATH_SEP), "hex")
        : crypto.createHash("md5").update(path.join(PATH_SEP)).digest("hex");`,
  ],
]);

// 6. cdktf writes cdk.tf.json with json-stable-stringify 1.3.0 (keys sorted, `{ space: 2 }`), whose
//    generic machinery (bound array methods, an indent string rebuilt for every value) took 5% of a
//    1000-service synth. The same algorithm, written plainly, for the one option cdktf passes: same
//    bytes (toJSON, undefined members skipped, undefined array items as null, empty containers as
//    "{" + newline + indent + "}", a TypeError on cycles). For `{ space: 2 }` the string itself is
//    built by the engine's JSON.stringify, twice as fast, from a copy whose keys are inserted in
//    sorted order; it would order keys that look like array indices first and write empty
//    containers as "{}", so documents with such keys, or with toJSON methods or NUL characters,
//    take the plain path, and empty containers are written through a placeholder.
const STABLE_STRINGIFY = fs.readFileSync(new URL('./patches/stable-stringify.cjs', import.meta.url), 'utf8');
const fastStableStringify = (build) => {
  build.onLoad({ filter: /[\\/]json-stable-stringify[\\/]index\.js$/ }, (args) => {
    const pkg = JSON.parse(fs.readFileSync(args.path.replace(/index\.js$/, 'package.json'), 'utf8'));
    if (pkg.version !== '1.3.0') {
      throw new Error(`cdktf patch: expected json-stable-stringify 1.3.0 at ${args.path}, found ${pkg.version}`);
    }
    return { contents: STABLE_STRINGIFY, loader: 'js' };
  });
};

// 7. zod 4's root API (`import { z } from 'zod'`) exports every translation of its error messages
//    (`z.locales`, 60 languages, half of zod's size in the bundle) although only English is used,
//    and the bundle reads all of it at every start. The bundle keeps English; another locale fails
//    with a message saying so. (Checked against zod's list: a new locale is covered by the same stub.)
const ZOD_LOCALE = /export \{ default as ([A-Za-z][A-Za-z0-9]*) \} from "\.\/[A-Za-z-]+\.js";/g;
const zodEnglishOnly = (build) => {
  build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => {
    const text = fs.readFileSync(args.path, 'utf8');
    const names = [...text.matchAll(ZOD_LOCALE)].map((m) => m[1]);
    if (!names.includes('en')) throw new Error(`zod patch: no English locale in ${args.path}`);
    const others = names
      .filter((n) => n !== 'en')
      .map(
        (n) => `export function ${n}() {
    throw new Error("zod locale ${n} is not part of the awsvpc-ecs app bundle (scripts/cdktf-patches.mjs)");
}`,
      );
    return {
      contents: ['export { default as en } from "./en.js";', ...others].join('\n'),
      loader: 'js',
      resolveDir: args.path.replace(/[\\/][^\\/]+$/, ''),
    };
  });
};

// 8. cdktf loads `child_process` and `semver` (for `terraform version` checks, a copy helper and the
//    testing matchers, none of which a synth of ours runs) and `assert` (for checks that pass) at
//    start-up: 15 ms on every run. The bundle loads each on first use; the behaviour, errors included, is Node's.
const LAZY_EXEC_SYNC = 'const child_process_1 = { execSync: (...args) => require("child_process").execSync(...args) };';
patchFile('lazy-requires', /[\\/]cdktf[\\/]lib[\\/]validations[\\/]validate-binary-version\.js$/, [
  ['const child_process_1 = require("child_process");', LAZY_EXEC_SYNC],
  [
    'const semver = require("semver");',
    'const semver = { satisfies: (...args) => require("semver").satisfies(...args) };',
  ],
]);
patchFile('lazy-requires', /[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/, [
  ['const child_process_1 = require("child_process");', LAZY_EXEC_SYNC],
]);
patchFile('lazy-requires', /[\\/]cdktf[\\/]lib[\\/]testing[\\/]matchers\.js$/, [
  ['const child_process_1 = require("child_process");', LAZY_EXEC_SYNC],
]);
patchFile('lazy-requires', /[\\/]cdktf[\\/]lib[\\/]terraform-(resource|data-source)\.js$/, [
  [
    'const assert = require("assert");',
    'const assert = (value, message) => { if (!value) require("assert")(value, message); };',
  ],
]);
patchFile('lazy-requires', /[\\/]cdktf[\\/]lib[\\/]terraform-element\.js$/, [
  [
    'const assert_1 = require("assert");',
    'const assert_1 = { ok: (value, message) => { if (!value) require("assert").ok(value, message); } };',
  ],
]);

// 9. The construct tree is walked about ten times per synth (aspects, validations, annotations, the
//    stacks' elements, the policy pack), and every walk asked each node for its children, a new array
//    each time. A node keeps the array until a child is added or removed; it is frozen, so that a
//    caller that tried to change it would fail instead of changing the tree's order. Likewise an
//    element's stack (found by walking up its scopes, for every reference and logical id) is looked up
//    once: a construct never changes scope.
patchFile('children-cache', /[\\/]constructs[\\/]lib[\\/]construct\.js$/, [
  ['        this._children = {};', '        this._children = {};\n        this._childrenCache = undefined;'],
  [
    '    get children() {\n        return Object.values(this._children);',
    '    get children() {\n        return this._childrenCache ??= Object.freeze(Object.values(this._children));',
  ],
  [
    '        delete this._children[childName];',
    '        delete this._children[childName];\n        this._childrenCache = undefined;',
  ],
  [
    '        this._children[childName] = child;',
    '        this._children[childName] = child;\n        this._childrenCache = undefined;',
  ],
]);
patchFile('children-cache', /[\\/]cdktf[\\/]lib[\\/]terraform-element\.js$/, [
  [
    '    get cdktfStack() {\n        return terraform_stack_1.TerraformStack.of(this);',
    '    get cdktfStack() {\n        return this._cdktfStackCache ??= terraform_stack_1.TerraformStack.of(this);',
  ],
]);

/**
 * The patches by name: what `omit` (below) and the bench's `--patches` mode (one bundle per patch left
 * out) refer to. The file patches of one name (several files each) come and go together.
 */
const PLUGIN_PATCHES = {
  'token-stack-traces': noTokenStackTraces,
  archiver: noArchiver,
  'stable-stringify': fastStableStringify,
  'zod-english': zodEnglishOnly,
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
