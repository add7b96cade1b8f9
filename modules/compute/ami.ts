/**
 * ECS-optimized AMIs, chosen by factories (house style, like CDK's `EcsOptimizedImage`) and read from
 * the public SSM parameters that AWS keeps up to date.
 *
 * The choice (family + architecture -> SSM parameter) is pure and checked at synth time; the AMI id
 * itself is only known at plan time, so the capacity provider reads it through an
 * `aws_ssm_parameter` data source and guards it with a Terraform precondition.
 */
import { describeValue, isUnresolved, Problem, ValidationError } from '../core';
import { architectureOfInstanceType } from '../capacity/instance-type';
import { CpuArchitecture, OsFamily } from '../core/platform';

/** The ECS-optimized AMI families. */
export enum AmiFamily {
  /** Amazon Linux 2023 ECS-optimized (x86_64 and arm64). */
  AMAZON_LINUX_2023 = 'amazon-linux-2023',
  /** Amazon Linux 2 ECS-optimized (x86_64 and arm64). */
  AMAZON_LINUX_2 = 'amazon-linux-2',
  /** Windows Server 2022 Full ECS-optimized (x86_64 only). */
  WINDOWS_SERVER_2022_FULL = 'windows-server-2022-full',
}

interface FamilyInfo {
  readonly osFamily: OsFamily;
  readonly parameters: Partial<Record<CpuArchitecture, string>>;
  readonly rootDeviceName: string;
  readonly rootVolumeMinGiB: number;
}

const FAMILIES: Record<AmiFamily, FamilyInfo> = {
  [AmiFamily.AMAZON_LINUX_2023]: {
    osFamily: OsFamily.LINUX,
    parameters: {
      [CpuArchitecture.X86_64]: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
      [CpuArchitecture.ARM64]: '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
    },
    rootDeviceName: '/dev/xvda',
    rootVolumeMinGiB: 30,
  },
  [AmiFamily.AMAZON_LINUX_2]: {
    osFamily: OsFamily.LINUX,
    parameters: {
      [CpuArchitecture.X86_64]: '/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id',
      [CpuArchitecture.ARM64]: '/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id',
    },
    rootDeviceName: '/dev/xvda',
    rootVolumeMinGiB: 30,
  },
  [AmiFamily.WINDOWS_SERVER_2022_FULL]: {
    osFamily: OsFamily.WINDOWS,
    parameters: {
      [CpuArchitecture.X86_64]:
        '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id',
    },
    rootDeviceName: '/dev/sda1',
    rootVolumeMinGiB: 50,
  },
};

export interface EcsOptimizedAmiOptions {
  /**
   * CPU architecture of the AMI. When set, it must match the instance type's architecture.
   * @default - picked from the instance type: arm64 for Graviton types, x86_64 otherwise
   */
  readonly architecture?: CpuArchitecture;
}

/** What an AMI choice resolves to for one instance type. */
export interface ResolvedAmi {
  readonly family: AmiFamily;
  readonly osFamily: OsFamily;
  readonly architecture: CpuArchitecture;
  /** The public SSM parameter that holds the AMI id. */
  readonly ssmParameterName: string;
  /** Device name of the root volume. */
  readonly rootDeviceName: string;
  /** Size of the AMI's root snapshot, the smallest root volume it can boot from. */
  readonly rootVolumeMinGiB: number;
}

/** An ECS-optimized AMI choice. */
export class EcsOptimizedAmi {
  /** Amazon Linux 2023, the default. */
  public static amazonLinux2023(options: EcsOptimizedAmiOptions = {}): EcsOptimizedAmi {
    return new EcsOptimizedAmi(AmiFamily.AMAZON_LINUX_2023, options);
  }

  /** Amazon Linux 2. */
  public static amazonLinux2(options: EcsOptimizedAmiOptions = {}): EcsOptimizedAmi {
    return new EcsOptimizedAmi(AmiFamily.AMAZON_LINUX_2, options);
  }

  /** Windows Server 2022 Full (x86_64 only; Windows instances do not support ENI trunking). */
  public static windowsServer2022(options: EcsOptimizedAmiOptions = {}): EcsOptimizedAmi {
    return new EcsOptimizedAmi(AmiFamily.WINDOWS_SERVER_2022_FULL, options);
  }

  /**
   * A family given by name (from a configuration file): one of the `AmiFamily` values
   * (`amazon-linux-2023`, `amazon-linux-2`, `windows-server-2022-full`).
   */
  public static fromFamilyName(
    name: string,
    options: EcsOptimizedAmiOptions = {},
    path = 'EcsOptimizedAmi.family',
  ): EcsOptimizedAmi {
    const families = Object.values(AmiFamily) as string[];
    if (!families.includes(name)) {
      throw new ValidationError({
        code: 'COMPUTE_AMI_FAMILY_UNKNOWN',
        path,
        received: describeValue(name),
        allowed: families.map((f) => JSON.stringify(f)).join(', '),
        fix: 'Use one of the allowed family names, or the EcsOptimizedAmi.amazonLinux2023() / amazonLinux2() / windowsServer2022() factories.',
      });
    }
    return new EcsOptimizedAmi(name as AmiFamily, options);
  }

  /** The SSM parameter name for a family and architecture; undefined when AWS publishes none. */
  public static ssmParameterName(family: AmiFamily, architecture: CpuArchitecture): string | undefined {
    return FAMILIES[family]?.parameters[architecture];
  }

  /** The operating system of this family. */
  public readonly osFamily: OsFamily;

  private constructor(
    /** The AMI family. */
    public readonly family: AmiFamily,
    private readonly options: EcsOptimizedAmiOptions,
  ) {
    this.osFamily = FAMILIES[family].osFamily;
  }

  /** The architecture asked for explicitly, if any. */
  public get requestedArchitecture(): CpuArchitecture | undefined {
    return this.options.architecture;
  }

  /**
   * Resolves the choice for `instanceType` (pure). Throws a ValidationError when the architecture
   * asked for does not match the instance type, or when the family has no AMI for it (Windows on
   * Graviton). For an instance type that is a token, the architecture asked for (else x86_64) is used.
   */
  public resolve(instanceType: string, path = 'EcsOptimizedAmi'): ResolvedAmi {
    const problems = this.problemsFor(instanceType, path);
    if (problems.length > 0) throw new ValidationError(problems);
    const info = FAMILIES[this.family];
    const architecture = this.architectureFor(instanceType);
    return {
      family: this.family,
      osFamily: info.osFamily,
      architecture,
      ssmParameterName: info.parameters[architecture]!,
      rootDeviceName: info.rootDeviceName,
      rootVolumeMinGiB: info.rootVolumeMinGiB,
    };
  }

  private architectureFor(instanceType: string): CpuArchitecture {
    const fromType = isUnresolved(instanceType) ? undefined : architectureOfInstanceType(instanceType);
    return this.options.architecture ?? fromType ?? CpuArchitecture.X86_64;
  }

  private problemsFor(instanceType: string, path: string): Problem[] {
    const requested = this.options.architecture;
    if (requested !== undefined && !(Object.values(CpuArchitecture) as string[]).includes(requested)) {
      return [
        {
          code: 'COMPUTE_AMI_ARCHITECTURE_INVALID',
          path: `${path}.architecture`,
          received: describeValue(requested),
          allowed: Object.values(CpuArchitecture).join(', '),
          fix: 'Use a CpuArchitecture enum member, or leave it unset to follow the instance type.',
        },
      ];
    }
    const fromType = isUnresolved(instanceType) ? undefined : architectureOfInstanceType(instanceType);
    if (requested !== undefined && fromType !== undefined && requested !== fromType) {
      return [
        {
          code: 'COMPUTE_AMI_ARCHITECTURE_MISMATCH',
          path: `${path}.architecture`,
          received: `${requested} with instance type ${describeValue(instanceType)} (${fromType})`,
          allowed: `the instance type's architecture, ${fromType}`,
          fix: `Leave the architecture unset to follow the instance type, or choose a ${requested === CpuArchitecture.ARM64 ? 'Graviton (e.g. c7g.large)' : 'x86_64 (e.g. c5.large)'} instance type.`,
        },
      ];
    }
    const architecture = this.architectureFor(instanceType);
    if (FAMILIES[this.family].parameters[architecture] === undefined) {
      return [
        {
          code: 'COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED',
          path: `${path}.architecture`,
          received: `${this.family} on ${architecture}${fromType ? ` (instance type ${describeValue(instanceType)})` : ''}`,
          allowed: `${this.family} on ${Object.keys(FAMILIES[this.family].parameters).join(', ')}`,
          fix:
            this.osFamily === OsFamily.WINDOWS
              ? 'Windows ECS-optimized AMIs exist for x86_64 only: choose an x86_64 instance type (e.g. m5.large) for Windows capacity.'
              : 'Choose an instance type whose architecture this AMI family supports.',
        },
      ];
    }
    return [];
  }
}
