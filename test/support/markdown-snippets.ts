/**
 * The code blocks of the user documentation (README.md and docs/*.md), as the doc tests read them.
 *
 * A block may be preceded (on the line before its opening fence) by an HTML comment that tells the tests
 * what it is, invisible on GitHub:
 * - `<!-- snippet: fragment -->`: not a program (a few lines that only make sense inside one); the
 *   doc-snippet test skips it. Keep these rare: every other TypeScript block is compiled and run.
 * - `<!-- snippet: <name> -->`: a program with a name other tests find it by (the getting-started
 *   guide's `main.ts` is compiled against the packed package).
 */
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface MarkdownSnippet {
  /** The file, relative to the repository root (`docs/network.md`). */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language (`ts`, `sh`, ...). */
  readonly lang: string;
  /** The marker of the HTML comment on the line before the fence (`fragment`, `main.ts`), if any. */
  readonly marker?: string;
  readonly code: string;
}

/** The documentation users read: README.md and every page of docs/ (not the generated API docs). */
export function documentationFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/** Every fenced code block of `file` (relative to the repository root). */
export function codeBlocks(file: string): MarkdownSnippet[] {
  const lines = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
  const blocks: MarkdownSnippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+)\s*([\w+-]*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const previous = i > 0 ? /^\s*<!--\s*snippet:\s*([^\s]+)\s*-->\s*$/.exec(lines[i - 1]!) : null;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[j]!); j++) {
      body.push(lines[j]!.startsWith(indent!) ? lines[j]!.slice(indent!.length) : lines[j]!);
    }
    blocks.push({ file, line: i + 1, lang: lang!.toLowerCase(), marker: previous?.[1], code: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

const TYPESCRIPT = new Set(['ts', 'typescript', 'tsx']);

/** The TypeScript blocks of README.md and docs/*.md. */
export function typescriptSnippets(): MarkdownSnippet[] {
  return documentationFiles()
    .flatMap(codeBlocks)
    .filter((b) => TYPESCRIPT.has(b.lang));
}

/** The one TypeScript block of `file` marked `<!-- snippet: <name> -->`; throws when there is none or several. */
export function namedSnippet(file: string, name: string): MarkdownSnippet {
  const found = codeBlocks(file).filter((b) => b.marker === name);
  if (found.length !== 1)
    throw new Error(`${file}: expected one code block marked <!-- snippet: ${name} -->, found ${found.length}`);
  return found[0]!;
}
