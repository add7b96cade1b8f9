/**
 * The published JSON Schema of awsvpc.config.json and the README's table of keys, both generated from
 * the one zod schema (scripts/generate-config-docs.ts writes them; a test checks they are current).
 */
import { z } from 'zod';
import { DEPRECATED_CONFIG_KEYS } from './config-aliases';
import { configSchema, type Deviation } from './config-schema';

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  fix?: string;
  deviation?: Deviation;
  [key: string]: unknown;
};

/**
 * Adds each deprecated key beside its new key (same type, no default, `deprecated: true`), so that
 * editors accept a file that still uses one and mark it.
 */
function withDeprecatedKeys(schema: JsonSchema): JsonSchema {
  for (const alias of DEPRECATED_CONFIG_KEYS) {
    let node: JsonSchema | undefined = schema;
    for (const segment of alias.at) node = segment === '*' ? node?.items : node?.properties?.[segment];
    const properties = node?.properties;
    const current = properties?.[alias.key];
    if (!node || !properties || !current) continue;
    const { default: _default, ...withoutDefault } = current;
    node.properties = Object.fromEntries(
      Object.entries(properties).flatMap(([k, v]) =>
        k === alias.key
          ? [
              [k, v],
              [
                alias.old,
                {
                  ...withoutDefault,
                  description: `Deprecated name of ${alias.key} (accepted, with a warning, until the next release).`,
                  deprecated: true,
                },
              ],
            ]
          : [[k, v]],
      ),
    );
  }
  return schema;
}

/** The JSON Schema (draft 2020-12) of the configuration file, as editors consume it. */
export function configJsonSchema(): JsonSchema {
  const schema = withDeprecatedKeys(
    z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as JsonSchema,
  );
  return {
    ...schema,
    $id: 'https://awsvpc-ecs.dev/awsvpc.config.schema.json',
    title: 'awsvpc-ecs default app configuration (awsvpc.config.json)',
  };
}

/** The JSON Schema as the file's text (stable key order, trailing newline). */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const consts = alternatives.filter((a) => a.const !== undefined);
    if (consts.length === alternatives.length) return `one of ${consts.map((a) => JSON.stringify(a.const)).join(', ')}`;
    return alternatives.map(typeOf).join(' \\| ');
  }
  const t = Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
  if (t === 'array' && s.items) return `array of ${typeOf(s.items)}`;
  if (t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map of ${typeOf(s.additionalProperties)}`;
  }
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` (${s.minimum ?? ''}..${s.maximum ?? ''})` : '';
  return `${t}${range}`;
}

function defaultOf(s: JsonSchema): string {
  if (s.default === undefined) return '-';
  const text = JSON.stringify(s.default);
  return text.length > 60 ? '(see below)' : `\`${text.replace(/\|/g, '\\|')}\``;
}

interface Row {
  readonly key: string;
  readonly type: string;
  readonly dflt: string;
  readonly description: string;
  readonly deviation?: Deviation;
}

function rows(s: JsonSchema, prefix: string, out: Row[]): void {
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    if (name === '$schema' || child.deprecated === true) continue;
    const key = prefix ? `${prefix}.${name}` : name;
    out.push({
      key,
      type: typeOf(child),
      dflt: defaultOf(child),
      description: child.description ?? '',
      ...(child.deviation ? { deviation: child.deviation } : {}),
    });
    if (child.properties) rows(child, key, out);
    if (child.items?.properties) rows(child.items, `${key}[]`, out);
    for (const alt of child.anyOf ?? child.oneOf ?? []) {
      const tag = Object.values(alt.properties ?? {}).find((p) => p.const !== undefined)?.const;
      if (alt.properties)
        rows(
          { properties: Object.fromEntries(Object.entries(alt.properties).filter(([k]) => k !== 'type')) },
          `${key}(type=${String(tag)})`,
          out,
        );
      if (alt.items?.properties) rows(alt.items, `${key}[]`, out);
    }
  }
}

/** Every key of the configuration whose default differs from its construct's (see `Deviation`). */
export function configDeviations(): readonly { readonly key: string; readonly deviation: Deviation }[] {
  const out: Row[] = [];
  rows(configJsonSchema(), '', out);
  return out.filter((r) => r.deviation).map((r) => ({ key: r.key, deviation: r.deviation! }));
}

function renderDeviations(all: readonly Row[]): string[] {
  const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    "**Where the default app differs from the constructs.** The constructs carry the library's defaults, and a key",
    'without a default of its own (`-` above) leaves the value to the construct. These keys differ, each for the reason given:',
    '',
    '| key | default app | construct default | why |',
    '|---|---|---|---|',
    ...all
      .filter((r) => r.deviation)
      .map(
        (r) =>
          `| \`${r.key}\` | ${r.deviation!.appDefault !== undefined ? esc(r.deviation!.appDefault) : r.dflt} | ` +
          `\`${r.deviation!.construct}\`: ${esc(r.deviation!.constructDefault)} | ${esc(r.deviation!.reason)} |`,
      ),
  ];
}

/** The README's configuration reference: every key, its type, default and meaning. */
export function renderConfigReference(): string {
  const out: Row[] = [];
  rows(configJsonSchema(), '', out);
  const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '| key | type | default | meaning |',
    '|---|---|---|---|',
    ...out.map((r) => `| \`${r.key}\` | ${r.type} | ${r.dflt} | ${esc(r.description)} |`),
  ];
  const parsed = configSchema.parse({});
  lines.push(
    '',
    "The defaults of the lists (the seeds' lab):",
    '',
    '```json',
    JSON.stringify({ capacityProviders: parsed.capacityProviders, services: parsed.services }, null, 2),
    '```',
  );
  lines.push('', ...renderDeviations(out));
  lines.push(
    '',
    "**Deprecated keys.** The file now uses the constructs' prop names. Until the next release each old key is",
    'still read as its new key, with a warning naming both and the file (strict mode fails on it); giving both is an error:',
    '',
    '| old key | key | construct prop |',
    '|---|---|---|',
    ...DEPRECATED_CONFIG_KEYS.map((a) => {
      const at = a.at
        .map((s) => (s === '*' ? '[]' : `.${s}`))
        .join('')
        .replace(/^\./, '')
        .replace(/\.\[\]/g, '[]');
      return `| \`${at}.${a.old}\` | \`${at}.${a.key}\` | \`${a.prop}\` |`;
    }),
  );
  return lines.join('\n');
}

export const CONFIG_REFERENCE_BEGIN = '<!-- config-reference:begin (generated by scripts/generate-config-docs.ts) -->';
export const CONFIG_REFERENCE_END = '<!-- config-reference:end -->';

/** `readme` with the text between the markers replaced by the current reference. */
export function withConfigReference(readme: string): string {
  const begin = readme.indexOf(CONFIG_REFERENCE_BEGIN);
  const end = readme.indexOf(CONFIG_REFERENCE_END);
  if (begin < 0 || end < begin) return readme;
  return `${readme.slice(0, begin + CONFIG_REFERENCE_BEGIN.length)}\n${renderConfigReference()}\n${readme.slice(end)}`;
}
