/**
 * Escaping literal text for Terraform (pure). Terraform reads every string of its JSON syntax as a
 * template: `${...}` is an interpolation and `%{...}` a directive, so a literal `${file("/etc/hostname")}`
 * in a tag value would be evaluated. `$${` and `%%{` are their escapes. cdktf tokens (`${TfToken[...]}`)
 * are references the library made, not text, and stay as they are.
 */

const TEMPLATE_START = /\$\{(?!TfToken\[)/g;
const DIRECTIVE_START = /%\{/g;

/** `text` with every literal `${` written `$${` and every `%{` written `%%{`; cdktf tokens untouched. */
export function escapeTerraformTemplate(text: string): string {
  // '$$' in a replacement is one '$': these write `$${` and `%%{`.
  return text.includes('{') ? text.replace(TEMPLATE_START, '$$$${').replace(DIRECTIVE_START, '%%{') : text;
}

/** `value` with `escapeTerraformTemplate` applied to every string in it, object keys included. */
export function escapeTerraformTemplates<T>(value: T): T {
  if (typeof value === 'string') return escapeTerraformTemplate(value) as T;
  if (Array.isArray(value)) return value.map(escapeTerraformTemplates) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value))
      out[escapeTerraformTemplate(k)] = escapeTerraformTemplates((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}
