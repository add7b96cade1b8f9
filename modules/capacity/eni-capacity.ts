/**
 * The ENI facts of one instance type, from the table generated out of AWS's published limits
 * (`eni-table.generated.ts`, refreshed by scripts/generate-eni-table.ts).
 */
import type { CpuArchitecture } from '../core/platform';
import { closestMatches } from '../core/suggest';
import { describeValue, ValidationError } from '../core/validation-error';
import {
  ENI_ROWS,
  ENI_SOURCES,
  TRUNKING_EXCLUDED_FAMILIES,
  TRUNKING_EXCLUDED_TYPES,
  TRUNKING_EXCLUSION_REASONS,
  type EniRow,
} from './eni-table.generated';
import { instanceArchitecture, instanceSizeRank, tryParseInstanceType } from './instance-type';

/** Whether an instance type supports ENI trunking (`awsvpcTrunking`), as far as the table knows. */
export enum TrunkingSupport {
  /** In ECS's trunking table and not excluded. */
  SUPPORTED = 'SUPPORTED',
  /** Excluded by AWS's own list (the exclusion list wins over the table), or a family AWS says never trunks. */
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  /**
   * Not in ECS's trunking table, which AWS published in April 2023: later families (c7i, m7i, 8th
   * generation, ...) are missing. Unknown is not unsupported: capacity is counted without trunking's gain.
   */
  UNKNOWN = 'UNKNOWN',
}

/** The facts of `EniCapacity` as a plain, JSON-serializable object (the CLI's `--json`, the report). */
export interface EniCapacityFacts {
  readonly instanceType: string;
  readonly architecture: CpuArchitecture;
  readonly maxNetworkInterfaces: number;
  readonly ipv4AddressesPerInterface: number | null;
  readonly trunkingSupport: TrunkingSupport;
  readonly trunkingSupported: boolean;
  readonly maxTasksWithoutTrunking: number;
  readonly maxTasksWithTrunking: number | null;
  readonly publishedTasksWithTrunking: number | null;
  readonly multiCard: boolean;
  readonly notes: readonly string[];
  readonly sources: readonly string[];
}

const MULTI_CARD = /MULTI-CARD: .*?(\d+) cards x (\d+)/;

/**
 * ENI facts of one EC2 instance type and the number of awsvpc tasks it runs.
 *
 * Rules (../shared/data/eni/README.md):
 * - without trunking an instance runs `max_enis - 1` awsvpc tasks (the primary interface takes a slot);
 * - with trunking it runs the number of ECS's trunking table, unless the type is excluded;
 * - a published trunked value below the untrunked one (`i4i.large`: -2; `u-18tb1.metal`,
 *   `u-24tb1.metal`: 12 for 14) means "no gain from trunking", as the data's README says: the trunked
 *   limit is the untrunked one, and the pre-flight warns that trunking gains nothing;
 * - for `MULTI-CARD` rows the ENI count is the default network card's, which is what the table gives.
 */
let FAMILIES: Map<string, string[]> | undefined;

/** Known instance types by family, built on first use. */
function familyIndex(): Map<string, string[]> {
  if (!FAMILIES) {
    FAMILIES = new Map();
    for (const t of Object.keys(ENI_ROWS)) {
      const family = tryParseInstanceType(t)?.family;
      if (family === undefined) continue;
      const list = FAMILIES.get(family) ?? [];
      list.push(t);
      FAMILIES.set(family, list);
    }
  }
  return FAMILIES;
}

export class EniCapacity {
  /**
   * The facts of `instanceType`.
   * @throws ValidationError CAPACITY_UNKNOWN_INSTANCE_TYPE when the table does not know the type; the
   *   message suggests the nearest known names.
   */
  public static forInstanceType(instanceType: string, path = 'instanceType'): EniCapacity {
    const found = EniCapacity.tryForInstanceType(instanceType);
    if (found) return found;
    const suggestions = EniCapacity.suggestInstanceTypes(instanceType);
    const excluded = typeof instanceType === 'string' ? EniCapacity.trunkingExclusion(instanceType) : undefined;
    throw new ValidationError({
      code: 'CAPACITY_UNKNOWN_INSTANCE_TYPE',
      path,
      received: describeValue(instanceType),
      allowed:
        `one of the ${Object.keys(ENI_ROWS).length} instance types of AWS's published ENI limits` +
        (suggestions.length > 0 ? `; nearest: ${suggestions.join(', ')}` : ''),
      fix:
        (suggestions.length > 0 ? `did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}? ` : '') +
        'If the type is new, refresh the table (node scripts/run-ts.mjs scripts/generate-eni-table.ts) ' +
        'or let Terraform check it at plan time' +
        (excluded ? ` (note: ${excluded})` : ''),
    });
  }

  /** The facts of `instanceType`, or undefined when the table does not know it. */
  public static tryForInstanceType(instanceType: string): EniCapacity | undefined {
    if (typeof instanceType !== 'string' || !Object.prototype.hasOwnProperty.call(ENI_ROWS, instanceType))
      return undefined;
    let cached = CACHE.get(instanceType);
    if (!cached) {
      cached = new EniCapacity(instanceType, ENI_ROWS[instanceType]!);
      CACHE.set(instanceType, cached);
    }
    return cached;
  }

  /** Every instance type the table knows, sorted. */
  public static knownInstanceTypes(): string[] {
    return Object.keys(ENI_ROWS);
  }

  /** The known instance types nearest to `instanceType` by edit distance, best first (at most `limit`). */
  public static suggestInstanceTypes(instanceType: string, limit = 3): string[] {
    if (typeof instanceType !== 'string' || instanceType === '') return [];
    const known = Object.keys(ENI_ROWS);
    const near = closestMatches(instanceType, known, limit);
    return near.length > 0 ? near : closestMatches(instanceType, known, limit, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Whether the table knows the family of `instanceType` (`m5` of `m5.lrage`), whether or not it knows
   * the size.
   */
  public static isKnownFamily(instanceType: string): boolean {
    const family = tryParseInstanceType(instanceType)?.family;
    return family !== undefined && familyIndex().has(family);
  }

  /**
   * For a type whose family the table knows but whose size it does not (`m5.lrage`): the known types
   * of that family nearest by edit distance, best first. Empty for a known type or an unknown family.
   */
  public static suggestSizes(instanceType: string, limit = 3): string[] {
    const family = tryParseInstanceType(instanceType)?.family;
    if (family === undefined || EniCapacity.tryForInstanceType(instanceType)) return [];
    const members = familyIndex().get(family) ?? [];
    const near = closestMatches(instanceType, members, limit);
    return near.length > 0 ? near : closestMatches(instanceType, members, limit, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Why AWS says `instanceType` does not support trunking (its own name or its whole family is on the
   * exclusion list), or undefined. Works for types the table does not know (e.g. `g3s.xlarge`).
   */
  public static trunkingExclusion(instanceType: string): string | undefined {
    const family = tryParseInstanceType(instanceType)?.family;
    const byType = Object.prototype.hasOwnProperty.call(TRUNKING_EXCLUDED_TYPES, instanceType)
      ? TRUNKING_EXCLUDED_TYPES[instanceType]
      : undefined;
    if (byType !== undefined) return `${instanceType}: ${TRUNKING_EXCLUSION_REASONS[byType]}`;
    const byFamily =
      family !== undefined && Object.prototype.hasOwnProperty.call(TRUNKING_EXCLUDED_FAMILIES, family)
        ? TRUNKING_EXCLUDED_FAMILIES[family]
        : undefined;
    if (byFamily !== undefined) return `the ${family} family: ${TRUNKING_EXCLUSION_REASONS[byFamily]}`;
    return undefined;
  }

  /**
   * Known instance types of the same family as `instanceType` that run more awsvpc tasks than it in
   * the given trunking state, smallest size first.
   */
  public static largerInFamily(instanceType: string, trunking: boolean): EniCapacity[] {
    const parsed = tryParseInstanceType(instanceType);
    if (!parsed) return [];
    const own = EniCapacity.tryForInstanceType(instanceType)?.maxAwsvpcTasks(trunking) ?? 0;
    return Object.keys(ENI_ROWS)
      .filter((t) => t !== instanceType && tryParseInstanceType(t)?.family === parsed.family)
      .map((t) => EniCapacity.tryForInstanceType(t)!)
      .filter((c) => c.maxAwsvpcTasks(trunking) > own)
      .sort(
        (a, b) =>
          instanceSizeRank(tryParseInstanceType(a.instanceType)!.size) -
            instanceSizeRank(tryParseInstanceType(b.instanceType)!.size) || (a.instanceType < b.instanceType ? -1 : 1),
      );
  }

  /** The instance type, e.g. `c5.large`. */
  public readonly instanceType: string;
  /** CPU architecture, from the name. */
  public readonly architecture: CpuArchitecture;
  /** Maximum network interfaces (for `MULTI-CARD` types: of the default network card). */
  public readonly maxNetworkInterfaces: number;
  /** Private IPv4 addresses per interface; undefined where only ECS's trunking table knows the type. */
  public readonly ipv4AddressesPerInterface?: number;
  /** Whether trunking is supported, unsupported, or not known (not in the April 2023 table). */
  public readonly trunkingSupport: TrunkingSupport;
  /** True only when the table says trunking works (`TrunkingSupport.SUPPORTED`). */
  public readonly trunkingSupported: boolean;
  /** awsvpc tasks per instance without trunking: `maxNetworkInterfaces - 1`. */
  public readonly maxTasksWithoutTrunking: number;
  /** awsvpc tasks per instance with trunking; undefined where trunking is not supported or not known. */
  public readonly maxTasksWithTrunking?: number;
  /** The trunked task limit exactly as ECS's table publishes it (even when excluded or odd); undefined without a row. */
  public readonly publishedTasksWithTrunking?: number;
  /** Whether the type has several network cards (the ENI count is then the default card's). */
  public readonly multiCard: boolean;
  /** Caveats that apply to this type: exclusion reason, odd rows, multi-card, unknown trunking. */
  public readonly notes: readonly string[];
  /** Where the facts come from (the CSV rows' `source`), limits first. */
  public readonly sources: readonly string[];

  private constructor(instanceType: string, row: EniRow) {
    const [maxEnis, ipv4, limitsSource, published, trunkingSource, exclusion] = row;
    this.instanceType = instanceType;
    this.architecture = instanceArchitecture(instanceType);
    this.maxNetworkInterfaces = maxEnis;
    this.ipv4AddressesPerInterface = ipv4 ?? undefined;
    this.maxTasksWithoutTrunking = maxEnis - 1;
    this.publishedTasksWithTrunking = published ?? undefined;
    const limitsText = ENI_SOURCES[limitsSource]!;
    const sources = [limitsText];
    if (trunkingSource !== undefined && trunkingSource !== null && trunkingSource !== limitsSource) {
      sources.push(ENI_SOURCES[trunkingSource]!);
    }
    this.sources = sources;
    const notes: string[] = [];
    const cards = MULTI_CARD.exec(limitsText);
    this.multiCard = cards !== null;
    if (cards) {
      notes.push(
        `${cards[1]} network cards x ${cards[2]} interfaces; the limits count the default card's ${maxEnis} only`,
      );
    }
    if (ipv4 === null)
      notes.push("IPv4 addresses per interface are not published for this type (it is only in ECS's trunking table)");

    if (exclusion !== undefined && exclusion !== null) {
      this.trunkingSupport = TrunkingSupport.NOT_SUPPORTED;
      notes.push(
        `trunking not supported: ${TRUNKING_EXCLUSION_REASONS[exclusion]}` +
          (published !== undefined && published !== null
            ? ` (ECS's table publishes ${published} tasks with trunking)`
            : ''),
      );
    } else if (published === undefined || published === null) {
      this.trunkingSupport = TrunkingSupport.UNKNOWN;
      notes.push(
        "trunking support unknown: not in ECS's trunking table (published April 2023); " + 'counted without trunking',
      );
    } else {
      this.trunkingSupport = TrunkingSupport.SUPPORTED;
      if (published < this.maxTasksWithoutTrunking) {
        this.maxTasksWithTrunking = this.maxTasksWithoutTrunking;
        notes.push(
          `ECS's table publishes ${published} tasks with trunking, below the ${this.maxTasksWithoutTrunking} ` +
            `without: treated as no gain from trunking (${this.maxTasksWithoutTrunking} tasks either way)`,
        );
      } else {
        this.maxTasksWithTrunking = published;
      }
    }
    this.trunkingSupported = this.trunkingSupport === TrunkingSupport.SUPPORTED;
    this.notes = notes;
  }

  /**
   * awsvpc tasks one instance runs. With `trunking` on, the trunked limit where the table says
   * trunking works; otherwise (trunking off, not supported, or not known) `maxNetworkInterfaces - 1`.
   */
  public maxAwsvpcTasks(trunking: boolean): number {
    return trunking && this.maxTasksWithTrunking !== undefined
      ? this.maxTasksWithTrunking
      : this.maxTasksWithoutTrunking;
  }

  /** The facts as a plain object (undefined becomes null, so the keys are always there). */
  public toJSON(): EniCapacityFacts {
    return {
      instanceType: this.instanceType,
      architecture: this.architecture,
      maxNetworkInterfaces: this.maxNetworkInterfaces,
      ipv4AddressesPerInterface: this.ipv4AddressesPerInterface ?? null,
      trunkingSupport: this.trunkingSupport,
      trunkingSupported: this.trunkingSupported,
      maxTasksWithoutTrunking: this.maxTasksWithoutTrunking,
      maxTasksWithTrunking: this.maxTasksWithTrunking ?? null,
      publishedTasksWithTrunking: this.publishedTasksWithTrunking ?? null,
      multiCard: this.multiCard,
      notes: this.notes,
      sources: this.sources,
    };
  }
}

const CACHE = new Map<string, EniCapacity>();
