/** Fixed-width text tables for terminals (the capacity report and the `capacity` command). */

/** Which side a column's cells are aligned to. */
export enum ColumnAlign {
  LEFT = 'LEFT',
  RIGHT = 'RIGHT',
}

/** One column: its header and alignment. */
export interface TextColumn {
  readonly header: string;
  /** @default ColumnAlign.LEFT */
  readonly align?: ColumnAlign;
}

/**
 * Renders rows under their headers, columns two spaces apart, each as wide as its widest cell;
 * trailing spaces are trimmed.
 */
export function formatTextTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        return c.align === ColumnAlign.RIGHT ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}
