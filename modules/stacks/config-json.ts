/**
 * Reading the configuration file's JSON strictly (pure): what `JSON.parse` lets through silently is
 * refused here, with the key path and the line. A byte-order mark is accepted (editors on Windows write
 * one); a key given twice in one object (JSON.parse keeps the last, silently), a `__proto__` key (which
 * would reach object spreads as a prototype), and a number beyond what a double holds (`1e400` reads
 * as Infinity) are problems.
 */
import { Problem } from '../core';

/** The byte-order mark some editors write at the start of UTF-8 files. */
const BOM = '\uFEFF';

/** `text` without a leading byte-order mark. */
export function stripByteOrderMark(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** Renders a key path the way users write it: `services[0].loadBalancer.scheme`. */
export function keyPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out || '(root)';
}

function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

const LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

type Frame =
  | { readonly kind: 'object'; readonly keys: Map<string, number>; key?: string; expectingKey: boolean }
  | { readonly kind: 'array'; index: number };

/**
 * The problems JSON.parse does not report in `text`, which must already be valid JSON (call it after
 * JSON.parse succeeded). A single pass over the tokens with an explicit stack (JSON.parse accepts
 * nesting deeper than the call stack would).
 */
export function strictJsonProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  const stack: Frame[] = [];
  const here = (): (string | number)[] => stack.map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index));
  let i = 0;
  while (i < text.length) {
    const at = i;
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ':') {
      i++;
    } else if (c === '{') {
      stack.push({ kind: 'object', keys: new Map(), expectingKey: true });
      i++;
    } else if (c === '[') {
      stack.push({ kind: 'array', index: 0 });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1]!;
      if (top.kind === 'object') top.expectingKey = true;
      else top.index++;
      i++;
    } else if (c === '"') {
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      const top = stack[stack.length - 1];
      if (top?.kind !== 'object' || !top.expectingKey) continue;
      const key = JSON.parse(text.slice(at, i)) as string;
      top.expectingKey = false;
      top.key = key;
      const first = top.keys.get(key);
      if (key === '__proto__') {
        problems.push({
          code: 'CONFIG_PROTO_KEY',
          path: keyPath(here()),
          received: `the key "__proto__" (${lineAndColumn(text, at)})`,
          allowed: 'the keys of the schema, and names of your own in tags and environment; never "__proto__"',
          fix: 'remove the "__proto__" entry',
        });
      } else if (first !== undefined) {
        problems.push({
          code: 'CONFIG_DUPLICATE_KEY',
          path: keyPath(here()),
          received: `the key "${key}" twice in one object (${lineAndColumn(text, first)} and ${lineAndColumn(text, at)})`,
          allowed: 'each key once per object (JSON parsers keep one of the values without a word)',
          fix: 'keep one of the two entries and delete the other',
        });
      } else {
        top.keys.set(key, at);
      }
    } else {
      LITERAL.lastIndex = i;
      const token = LITERAL.exec(text)?.[0] ?? c;
      i += token.length;
      if (/^-?\d/.test(token) && !Number.isFinite(Number(token))) {
        problems.push({
          code: 'CONFIG_NUMBER_TOO_LARGE',
          path: keyPath(here()),
          received: `${token} (${lineAndColumn(text, at)})`,
          allowed: 'a number of magnitude at most 1.7976931348623157e308 (larger ones read as Infinity)',
          fix: "write a number in the key's range (awsvpc.config.schema.json lists it)",
        });
      }
    }
  }
  return problems;
}
