/**
 * How container instances depend on the `awsvpcTrunking` opt-in.
 *
 * ECS decides whether an instance gets a trunk ENI once, when the instance registers. An Auto Scaling
 * group created before the opt-in launches instances without trunking, so the group must be created
 * after the opt-in. An `ITrunkingOptIn` gives the compute layer two handles on the opt-in:
 * - `trunkingOptInToken`, a value that references the setting. The capacity provider writes it into a
 *   tag of its Auto Scaling group. A reference is what cdktf turns into a cross-stack dependency (an
 *   output in the account stack, a remote-state read in the compute stack), so the dependency holds
 *   when the account settings live in their own stack.
 * - `trunkingOptInResource`, the setting's resource, for a `depends_on` when both are in one stack.
 */
import type { TerraformResource } from 'cdktf';

export interface ITrunkingOptIn {
  /** Whether the opt-in turns trunking on (known at synth time). */
  readonly trunkingEnabled: boolean;
  /**
   * A string that references the opt-in (a token, e.g. the setting's `value`), or a literal for an
   * opt-in managed outside this app. Put it where the instances' Auto Scaling group reads it.
   */
  readonly trunkingOptInToken: string;
  /** The resource holding the opt-in; undefined when it is managed outside this app. */
  readonly trunkingOptInResource?: TerraformResource;
}

/** Importers for an opt-in that this app does not manage. */
export class TrunkingOptIn {
  /**
   * An opt-in made outside this app (console, `aws ecs put-account-setting-default`, another tool).
   * Instances get no dependency on it: make sure it was made before they launch.
   */
  public static external(): ITrunkingOptIn {
    return { trunkingEnabled: true, trunkingOptInToken: 'enabled' };
  }

  private constructor() {}
}
