/**
 * Reads a ready-to-paste AWS CLI command the way a POSIX shell would split it, so that tests check its
 * parts (service, operation, each option's value) instead of comparing whole strings.
 */

export interface ParsedCommand {
  /** The words before the first option, e.g. ['aws', 'ecs', 'run-task']. */
  readonly words: readonly string[];
  /** Each `--option` with its value (`true` for a flag without one), in order. */
  readonly options: ReadonlyMap<string, string | true>;
  /** Every shell word, quotes removed. */
  readonly tokens: readonly string[];
}

/** Splits `line` into shell words: blanks separate words, '...' is literal, "..." honours \" and \\. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      if (current !== undefined) words.push(current);
      current = undefined;
      i++;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      current = (current ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && (line[j + 1] === '"' || line[j + 1] === '\\')) j++;
        text += line[j];
        j++;
      }
      if (j >= line.length) throw new Error(`unterminated " in ${line}`);
      current = (current ?? '') + text;
      i = j + 1;
    } else if (ch === '$' && line[i + 1] === '(') {
      // Command substitution: kept whole as one word ($(...)); read it with substitutedCommand.
      const end = closingParen(line, i + 1);
      current = (current ?? '') + line.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '\n' || ch === ';' || ch === '|' || ch === '&') {
      throw new Error(`a ready-to-paste command must be one simple command, found ${JSON.stringify(ch)} in ${line}`);
    } else {
      current = (current ?? '') + ch;
      i++;
    }
  }
  if (current !== undefined) words.push(current);
  return words;
}

/** Index of the `)` that closes the `(` at `open`, skipping quoted text and nested parentheses. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) break;
      i = end;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unterminated $( in ${line}`);
}

/** The command inside a `$(...)` word, or undefined when the word is not a command substitution. */
export function substitutedCommand(word: string | true | undefined): string | undefined {
  if (typeof word !== 'string' || !word.startsWith('$(') || !word.endsWith(')')) return undefined;
  return word.slice(2, -1);
}

/** Parses an AWS CLI command line; fails on an option given twice. */
export function parseCliCommand(line: string): ParsedCommand {
  const tokens = shellWords(line);
  const firstOption = tokens.findIndex((t) => t.startsWith('--'));
  const words = firstOption < 0 ? tokens : tokens.slice(0, firstOption);
  const options = new Map<string, string | true>();
  for (let i = words.length; i < tokens.length; i++) {
    const name = tokens[i]!;
    if (!name.startsWith('--')) throw new Error(`unexpected word ${JSON.stringify(name)} in ${line}`);
    if (options.has(name)) throw new Error(`option ${name} given twice in ${line}`);
    const next = tokens[i + 1];
    if (next === undefined || next.startsWith('--')) {
      options.set(name, true);
    } else {
      options.set(name, next);
      i++;
    }
  }
  return { words, options, tokens };
}

/** The parts of `awsvpcConfiguration={subnets=[..],securityGroups=[..],assignPublicIp=..}` (the CLI shorthand). */
export function parseAwsvpcConfiguration(
  value: string,
): { subnets: string[]; securityGroups: string[]; assignPublicIp: string } | undefined {
  const m =
    /^awsvpcConfiguration=\{subnets=\[([^\]]*)\],securityGroups=\[([^\]]*)\],assignPublicIp=(ENABLED|DISABLED)\}$/.exec(
      value,
    );
  if (!m) return undefined;
  const list = (s: string) => (s === '' ? [] : s.split(','));
  return { subnets: list(m[1]!), securityGroups: list(m[2]!), assignPublicIp: m[3]! };
}
