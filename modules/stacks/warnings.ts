/**
 * The warnings of a synth: construct warnings (`Annotations.of(x).addWarning`, which cdktf records in
 * manifest.json only) and the policy pack's unsuppressed warnings. The synth prints every one with its
 * code and construct path and counts them; in strict mode they fail the synth like errors.
 */
import { AnnotationMetadataEntryType } from 'cdktf';
import { ValidationError } from '../core';
import { FindingLevel, formatFinding, PolicyFinding } from '../policy';

/** One warning a synth raised. */
export interface SynthWarning {
  /** The code in the message's leading `[CODE]` (e.g. `SERVICE_EXEC_NO_ROUTE_TO_SSM`, or a policy rule id); undefined if it has none. */
  readonly code?: string;
  /** The construct path of what raised it. */
  readonly constructPath: string;
  /** The message without its leading `[CODE]`. */
  readonly message: string;
  /**
   * A construct's warning annotation, the policy pack's finding (already printed in the pack's report),
   * or the configuration file's (a deprecated key; `constructPath` is then the file).
   */
  readonly source: 'construct' | 'policy' | 'configuration';
}

/** The shape of cdktf's manifest.json this module reads. */
export interface ManifestAnnotations {
  readonly stacks: Record<
    string,
    {
      readonly annotations?: readonly {
        readonly constructPath: string;
        readonly level: string;
        readonly message: string;
      }[];
    }
  >;
}

const LEADING_CODE = /^\[([A-Za-z][A-Za-z0-9_-]*)\]\s*/;

/** The warning annotations of every stack in `manifest`, in manifest order. */
export function constructWarnings(manifest: ManifestAnnotations): SynthWarning[] {
  return Object.values(manifest.stacks)
    .flatMap((s) => s.annotations ?? [])
    .filter((a) => a.level === AnnotationMetadataEntryType.WARN)
    .map((a) => {
      const m = LEADING_CODE.exec(a.message);
      return {
        ...(m ? { code: m[1] } : {}),
        constructPath: a.constructPath,
        message: m ? a.message.slice(m[0].length) : a.message,
        source: 'construct' as const,
      };
    });
}

/** The policy pack's unsuppressed warnings among `findings`. */
export function policyWarnings(findings: readonly PolicyFinding[]): SynthWarning[] {
  return findings
    .filter((f) => !f.suppressed && f.level === FindingLevel.WARNING)
    .map((f) => ({
      code: f.ruleId,
      constructPath: f.constructPath,
      message: formatFinding(f).replace(LEADING_CODE, ''),
      source: 'policy' as const,
    }));
}

/** `[CODE] path: message` */
export function formatWarning(w: SynthWarning): string {
  return `${w.code ? `[${w.code}] ` : ''}${w.constructPath}: ${w.message}`;
}

/**
 * Prints each configuration and construct warning (the policy pack's are in its own report already) and a count of all,
 * with `strictHint` saying how to make them fail. Prints nothing when there are none.
 */
export function printWarnings(
  warnings: readonly SynthWarning[],
  print: (line: string) => void,
  strictHint: string,
): void {
  if (warnings.length === 0) return;
  const fromConfiguration = warnings.filter((w) => w.source === 'configuration');
  const fromConstructs = warnings.filter((w) => w.source === 'construct');
  for (const w of [...fromConfiguration, ...fromConstructs]) print(`warning: ${formatWarning(w)}`);
  const fromPolicy = warnings.length - fromConstructs.length - fromConfiguration.length;
  const parts = [
    ...(fromConfiguration.length > 0 ? [`${fromConfiguration.length} from the configuration file, above`] : []),
    ...(fromConstructs.length > 0 ? [`${fromConstructs.length} from constructs, above`] : []),
    ...(fromPolicy > 0 ? [`${fromPolicy} from the policy pack, in its report`] : []),
  ];
  print(`${warnings.length} warning${warnings.length === 1 ? '' : 's'} (${parts.join('; ')}); ${strictHint}`);
}

/** In strict mode: a ValidationError with one problem per warning (`SYNTH_STRICT_WARNING`). */
export function throwOnWarnings(warnings: readonly SynthWarning[]): void {
  if (warnings.length === 0) return;
  throw new ValidationError(
    warnings.map((w) => ({
      code: 'SYNTH_STRICT_WARNING',
      path: w.constructPath,
      received: `the warning ${w.code ? `[${w.code}] ` : ''}${w.message}`,
      allowed: 'no warnings (strict mode is on)',
      fix: 'do what the warning says; or, to accept it, turn strict mode off for this run',
    })),
  );
}

/**
 * Whether strict mode is on for the default app: `--strict` among `argv`, or `AWSVPC_STRICT` set to
 * `true` or `1` (`false`, `0` or empty: off). Any other value is refused (`SYNTH_STRICT_INVALID`).
 */
export function strictModeFrom(env: string | undefined, argv: readonly string[]): boolean {
  const value = (env ?? '').trim().toLowerCase();
  if (!['', 'true', '1', 'false', '0'].includes(value)) {
    throw new ValidationError({
      code: 'SYNTH_STRICT_INVALID',
      path: 'AWSVPC_STRICT',
      received: JSON.stringify(env),
      allowed: '"true" or "1" (warnings fail the synth), "false", "0" or unset',
      fix: 'set AWSVPC_STRICT=true, or unset it',
    });
  }
  return argv.includes('--strict') || value === 'true' || value === '1';
}
