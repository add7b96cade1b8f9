/**
 * The DOT text the picture is written in: colors, font, quoting, HTML-like labels, attribute lists
 * and the tables below the picture. Pure.
 */
import type { LoadBalancerModel } from './topology-model';

/** Colors close to the AWS architecture icons, chosen to stay readable on white and in print. */
export const COLOR = {
  text: '#232F3E',
  muted: '#687078',
  edge: '#545B64',
  vpc: '#8C4FFF',
  vpcText: '#5A2FC2',
  az: '#147EBA',
  publicLine: '#7AA116',
  publicFill: '#F2F8E9',
  publicText: '#3B5A0A',
  privateLine: '#00A4A6',
  privateFill: '#E6F6F6',
  privateText: '#00686A',
  unknownLine: '#879596',
  unknownFill: '#F4F5F5',
  computeLine: '#ED7100',
  computeFill: '#FFF1E3',
  computeText: '#9A4A00',
  networkFill: '#F1EBFF',
  securityGroup: '#C7293D',
  request: '#6B3FD4',
  white: '#FFFFFF',
} as const;

/** Graphviz measures text with its built-in Helvetica (= Arial) metrics only when the name is exactly this. */
export const FONT = 'Helvetica';

/** Escapes text for a Graphviz HTML-like label. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Quotes a DOT identifier or plain string. */
export function quoteId(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/** One line of an HTML-like label: text (escaped here) with optional bold, size and color. */
export interface Line {
  readonly text: string;
  readonly bold?: boolean;
  readonly size?: number;
  readonly color?: string;
}

/** An HTML-like label of the lines, `<...>`. */
export function htmlLabel(lines: readonly Line[]): string {
  const body = lines
    .map((l) => {
      let t = escapeHtml(l.text);
      if (l.bold) t = `<b>${t}</b>`;
      const attrs = [l.size ? `point-size="${l.size}"` : '', l.color ? `color="${l.color}"` : '']
        .filter(Boolean)
        .join(' ');
      return attrs ? `<font ${attrs}>${t}</font>` : t;
    })
    .join('<br/>');
  return `<${body}>`;
}

/** ` [k="v", ...]` for the defined values; an HTML-like label is written as is. */
export function attrs(values: Record<string, string | number | undefined>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      k === 'label' && typeof v === 'string' && v.startsWith('<') ? `${k}=${v}` : `${k}=${quoteId(String(v))}`,
    );
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

/** `1 task`, `2 tasks`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ALB, NLB or GWLB. */
export function loadBalancerKind(lb: LoadBalancerModel): string {
  return lb.type === 'network' ? 'NLB' : lb.type === 'gateway' ? 'GWLB' : 'ALB';
}

/** An HTML-like table with a colored title row, optional header row and the given rows. */
export function table(title: string, color: string, headers: readonly string[], rows: readonly string[]): string {
  const span = Math.max(1, headers.length);
  const head =
    headers.length > 0
      ? `<tr>${headers.map((h) => `<td align="left"><font point-size="9" color="${COLOR.muted}">${escapeHtml(h)}</font></td>`).join('')}</tr>`
      : '';
  return (
    `<table border="1" cellborder="0" cellspacing="2" cellpadding="5" color="${color}" bgcolor="${COLOR.white}">` +
    `<tr><td align="left" colspan="${span}"><font color="${color}"><b>${escapeHtml(title)}</b></font></td></tr>${head}${rows.join('')}</table>`
  );
}
