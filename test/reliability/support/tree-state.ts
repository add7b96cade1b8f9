/** Snapshots of a folder tree (contents and mtimes), to prove that something left it untouched. */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** One entry of an output tree: a digest of a file's bytes (empty for a folder) and its modification time. */
export interface EntryState {
  readonly sha256: string;
  readonly mtimeMs: number;
}

/**
 * Every file and folder under `dir`, `dir` itself included (relative path -> digest and mtime; folders
 * end with "/"), for before/after comparisons: a folder's mtime changes when anything is added to it
 * or removed from it, even if it was put back.
 */
export function treeState(dir: string): Record<string, EntryState> {
  const out: Record<string, EntryState> = {};
  const walk = (d: string) => {
    out[`${path.relative(dir, d)}/`] = { sha256: '', mtimeMs: fs.statSync(d).mtimeMs };
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        out[path.relative(dir, p)] = {
          sha256: crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'),
          mtimeMs: fs.statSync(p).mtimeMs,
        };
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}
