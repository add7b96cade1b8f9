/**
 * Every resource and data source of one stack, as synthesized, with the references between them
 * (pure; built from the stack's Terraform JSON, no constructs). The subjects rules inspect are defined
 * here, next to the index that produces them.
 *
 * Rules that need context use it: which security groups a load balancer uses and on which ports its
 * listeners listen, which IAM roles a task definition names, whether a VPC has a flow log. The
 * document is read, and references found, by core's Terraform JSON reader (the diagram uses the same):
 * an attribute that holds `${aws_lb.web.arn}` refers to `aws_lb.web`.
 */
import {
  referencedAddresses,
  terraformBlocks,
  type TerraformAttributes,
  type TerraformDocument,
} from '../core/terraform-json';

export { referencedAddresses } from '../core/terraform-json';
export type { TerraformAttributes, TerraformDocument } from '../core/terraform-json';

/** One Terraform resource or data source, as a rule sees it. */
export interface PolicySubject {
  /** The Terraform type, e.g. `aws_vpc` or `aws_iam_policy_document`. */
  readonly type: string;
  /** True for a data source (`data.<type>.<name>`). */
  readonly isDataSource: boolean;
  /** What rules list in `appliesTo`: the type, prefixed with `data.` for a data source. */
  readonly typeKey: string;
  /** The logical name in the Terraform configuration. */
  readonly name: string;
  /** The Terraform address: `aws_vpc.main` or `data.aws_iam_policy_document.trust`. */
  readonly address: string;
  /** The synthesized attributes (what `cdk.tf.json` holds for this block). */
  readonly attributes: TerraformAttributes;
}

export class StackIndex {
  /** Indexes a synthesized stack (what `TerraformStack.toTerraform()` returns, or a parsed `cdk.tf.json`). */
  public static fromTerraformJson(doc: TerraformDocument): StackIndex {
    const subjects = terraformBlocks(doc, { data: true }).map(({ type, name, isDataSource, body }): PolicySubject => {
      const typeKey = isDataSource ? `data.${type}` : type;
      return { type, isDataSource, typeKey, name, address: `${typeKey}.${name}`, attributes: body };
    });
    return new StackIndex(subjects);
  }

  /** Every resource and data source, resources first, in document order. */
  public readonly subjects: readonly PolicySubject[];
  private readonly byAddress = new Map<string, PolicySubject>();
  /** Resources, then data sources: type, then name, to subject (`element`: no address string to build per lookup). */
  private readonly byKind = [
    new Map<string, Map<string, PolicySubject>>(),
    new Map<string, Map<string, PolicySubject>>(),
  ] as const;
  private readonly byType = new Map<string, PolicySubject[]>();
  /** Each subject's position in `subjects`, to merge referrers of several types in document order. */
  private readonly position = new Map<PolicySubject, number>();
  /** What each subject refers to, found on first request (`references`). */
  private readonly outgoing = new Map<PolicySubject, readonly string[]>();
  /** Per type key, the subjects of that type referring to each address, found on first request (`referrers`). */
  private readonly incomingByType = new Map<string, Map<string, PolicySubject[]>>();
  /** Per function, what it derived from each text (`derived`). */
  private readonly derivedByFunction = new Map<(text: string) => unknown, Map<string, unknown>>();

  // References are found lazily: rules ask for the referrers of a few types (the flow logs of a VPC,
  // the services of a task definition), and scanning every attribute of every subject up front was a
  // third of the pack's time at 1000 services.
  private constructor(subjects: readonly PolicySubject[]) {
    this.subjects = subjects;
    subjects.forEach((s, i) => {
      this.byAddress.set(s.address, s);
      const byName = this.byKind[s.isDataSource ? 1 : 0];
      let names = byName.get(s.type);
      if (!names) byName.set(s.type, (names = new Map()));
      names.set(s.name, s);
      this.position.set(s, i);
      const list = this.byType.get(s.typeKey) ?? [];
      list.push(s);
      this.byType.set(s.typeKey, list);
    });
  }

  /** The subject at `address` (`aws_vpc.main`, `data.aws_iam_policy_document.trust`). */
  public get(address: string): PolicySubject | undefined {
    return this.byAddress.get(address);
  }

  /** The resource (or, with `isDataSource`, data source) of Terraform type `type` named `name`. */
  public element(type: string, name: string, isDataSource = false): PolicySubject | undefined {
    return this.byKind[isDataSource ? 1 : 0].get(type)?.get(name);
  }

  /** Every subject of one type key (`aws_lb`, `data.aws_iam_policy_document`). */
  public ofType(...typeKeys: string[]): readonly PolicySubject[] {
    return typeKeys.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Addresses of subjects in this stack that `value` refers to. */
  public addressesIn(value: unknown): string[] {
    return referencedAddresses(value).filter((a) => this.byAddress.has(a));
  }

  /** The subjects in this stack that `value` refers to. */
  public subjectsIn(value: unknown): PolicySubject[] {
    return this.addressesIn(value).map((a) => this.byAddress.get(a)!);
  }

  /** True when `value` refers to the subject at `address`. */
  public refersTo(value: unknown, address: string): boolean {
    return this.addressesIn(value).includes(address);
  }

  /**
   * Subjects whose attributes refer to `address`, in document order, optionally only those of the
   * given type keys. Only the subjects of the requested types are scanned (once per type key); with no
   * type keys, every subject is.
   */
  public referrers(address: string, ...typeKeys: string[]): readonly PolicySubject[] {
    if (typeKeys.length === 1) return this.incomingOfType(typeKeys[0]!).get(address) ?? [];
    const keys = typeKeys.length === 0 ? [...this.byType.keys()] : [...new Set(typeKeys)];
    const lists = keys
      .map((t) => this.incomingOfType(t).get(address))
      .filter((l): l is PolicySubject[] => l !== undefined);
    if (lists.length <= 1) return lists[0] ?? [];
    return lists.flat().sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  /**
   * `referrers(address, ...typeKeys)` whose attribute `attribute` is what refers to `address` (the flow
   * logs whose `vpc_id` is a VPC's, not those that only mention it elsewhere).
   */
  public referrersThrough(address: string, attribute: string, ...typeKeys: string[]): PolicySubject[] {
    return this.referrers(address, ...typeKeys).filter((s) => this.refersTo(s.attributes[attribute], address));
  }

  /** Addresses that the subject at `address` refers to. */
  public references(address: string): readonly string[] {
    const subject = this.byAddress.get(address);
    return subject ? [...this.outgoingOf(subject)] : [];
  }

  /**
   * `derive(text)`, computed once per index for each function and text: the rules that read the same
   * JSON document (a task definition's container definitions, a trust policy that a thousand roles
   * share) parse it once per synth. `derive` must be pure, and callers must not change what it returns:
   * the result is shared.
   */
  public derived<T>(derive: (text: string) => T, text: string): T {
    let cache = this.derivedByFunction.get(derive);
    if (!cache) {
      cache = new Map();
      this.derivedByFunction.set(derive, cache);
    }
    if (cache.has(text)) return cache.get(text) as T;
    const value = derive(text);
    cache.set(text, value);
    return value;
  }

  private outgoingOf(subject: PolicySubject): readonly string[] {
    let refs = this.outgoing.get(subject);
    if (!refs) {
      refs = this.addressesIn(subject.attributes);
      this.outgoing.set(subject, refs);
    }
    return refs;
  }

  private incomingOfType(typeKey: string): Map<string, PolicySubject[]> {
    let incoming = this.incomingByType.get(typeKey);
    if (!incoming) {
      incoming = new Map();
      for (const s of this.byType.get(typeKey) ?? []) {
        for (const target of this.outgoingOf(s)) {
          const list = incoming.get(target) ?? [];
          list.push(s);
          incoming.set(target, list);
        }
      }
      this.incomingByType.set(typeKey, incoming);
    }
    return incoming;
  }
}
