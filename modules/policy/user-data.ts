/**
 * Reading EC2 user data and the ECS agent settings in it (pure; no constructs).
 *
 * Launch templates carry user data base64-encoded; cloud-init also accepts it gzip-compressed and as
 * MIME multi-part, whose parts may be base64-encoded again. `userDataText` undoes all of that.
 * `inspectEcsAgentSettings` then says whether the text configures an ECS container instance and
 * whether it closes the instance metadata to awsvpc tasks.
 */
import type * as Zlib from 'zlib';

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/** Result of decoding user data. */
export interface DecodedUserData {
  /** The readable text; undefined when it could not be decoded. */
  readonly text?: string;
  /** Why it could not be decoded. */
  readonly problem?: string;
}

function decodeMimeParts(text: string): string {
  const boundary = /boundary="?([^"\s;]+)"?/i.exec(text)?.[1];
  if (!/^\s*Content-Type:\s*multipart\//im.test(text) || !boundary) return text;
  const parts = text.split(`--${boundary}`);
  const decoded = parts.map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) return part;
    const headers = part.slice(0, split);
    const body = part.slice(split).trim();
    if (/Content-Transfer-Encoding:\s*base64/i.test(headers) && BASE64.test(body)) {
      return `${headers}\n\n${Buffer.from(body, 'base64').toString('utf8')}`;
    }
    return part;
  });
  return decoded.join(`--${boundary}`);
}

function bytesToText(bytes: Buffer): DecodedUserData {
  let raw = bytes;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      // zlib loads here, for gzip-compressed user data only: every synth would pay for it otherwise.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      raw = (require('zlib') as typeof Zlib).gunzipSync(raw);
    } catch {
      return { problem: 'it looks gzip-compressed but does not decompress' };
    }
  }
  return { text: decodeMimeParts(raw.toString('utf8')) };
}

/**
 * The readable text of user data.
 * @param value the attribute value (no Terraform expressions: check `isExpression` first)
 * @param base64 true for attributes that hold base64 (`aws_launch_template.user_data`, `user_data_base64`)
 */
export function userDataText(value: string, base64: boolean): DecodedUserData {
  if (!base64) return bytesToText(Buffer.from(value, 'utf8'));
  if (!BASE64.test(value)) return { problem: 'it is not valid base64' };
  return bytesToText(Buffer.from(value, 'base64'));
}

/** What the user data does with the ECS agent. */
export interface EcsAgentSettings {
  /** True when the text configures an ECS container instance (ecs.config, ECS_CLUSTER, Initialize-ECSAgent). */
  readonly configuresEcs: boolean;
  /** True for Windows (PowerShell) user data. */
  readonly windows: boolean;
  /** Settings with a wrong value (e.g. `ECS_AWSVPC_BLOCK_IMDS=false`). */
  readonly wrong: readonly string[];
  /** Settings that are missing (the agent's default then applies, which is the unsafe one). */
  readonly missing: readonly string[];
}

const ECS_MARKERS =
  /ECS_CLUSTER|\/etc\/ecs\/ecs\.config|ECS_AWSVPC_BLOCK_IMDS|ECS_ENABLE_TASK_IAM_ROLE|Initialize-ECSAgent/i;
const WINDOWS_MARKERS = /<powershell>|Initialize-ECSAgent/i;

function assignments(text: string, name: string): string[] {
  const re = new RegExp(`${name}\\s*=\\s*["']?([A-Za-z0-9_]+)`, 'g');
  return [...text.matchAll(re)].map((m) => m[1]!);
}

function checkSetting(
  text: string,
  name: string,
  expected: string,
  defaultValue: string,
  wrong: string[],
  missing: string[],
): void {
  const values = assignments(text, name);
  if (values.length === 0) {
    missing.push(`${name}=${expected} is not set (the agent's default is ${defaultValue})`);
  } else {
    for (const v of values.filter((x) => x.toLowerCase() !== expected))
      wrong.push(`${name}=${v} (must be ${expected})`);
  }
}

/**
 * Inspects user data text (or the literal parts of a Terraform expression that builds it) for the ECS
 * agent settings that close the instance metadata to awsvpc tasks:
 * - Linux: `ECS_AWSVPC_BLOCK_IMDS=true` and `ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false` (agent defaults
 *   `false` and `true`).
 * - Windows: `Initialize-ECSAgent ... -AwsvpcBlockIMDS` (host-network task roles do not exist there).
 */
export function inspectEcsAgentSettings(text: string): EcsAgentSettings {
  const configuresEcs = ECS_MARKERS.test(text);
  const windows = WINDOWS_MARKERS.test(text);
  const wrong: string[] = [];
  const missing: string[] = [];
  if (windows) {
    const flag = /-AwsvpcBlockIMDS\b(\s*:\s*\$(true|false))?/i.exec(text);
    if (!flag) missing.push('Initialize-ECSAgent is not called with -AwsvpcBlockIMDS');
    else if (flag[2]?.toLowerCase() === 'false')
      wrong.push('Initialize-ECSAgent is called with -AwsvpcBlockIMDS:$false');
  } else {
    checkSetting(text, 'ECS_AWSVPC_BLOCK_IMDS', 'true', 'false', wrong, missing);
    checkSetting(text, 'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST', 'false', 'true', wrong, missing);
  }
  return { configuresEcs, windows, wrong, missing };
}
