/**
 * Reliability: facts that cannot be known at synth time are Terraform preconditions with actionable
 * messages, so that `terraform plan` stops before anything is created:
 * - the AMI id, read from a public SSM parameter: a precondition on each launch template;
 * - the ENI count of an instance type the library's ENI table does not know: a postcondition on an
 *   `aws_ec2_instance_type` data source (the cluster's capacity checks, modules/compute/cluster-capacity.ts).
 * The real engine proves both fail the plan, with these messages, when the facts are wrong.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MOCKS_DIR, runTerraform } from '../engine/terraform';
import { synthDefaultApp, type SynthesizedApp, type TerraformJson } from './support/default-app';
import { type TerraformBlock, valueAt } from '../support/synth';

/** The seeds' lab on an instance type the ENI table does not know, without trunking, in two named AZs. */
const UNKNOWN_INSTANCE_TYPE_CONFIG = {
  account: { awsvpcTrunking: false },
  network: { availabilityZones: ['us-east-1a', 'us-east-1b'] },
  capacityProviders: [{ name: 'linux', instanceType: 'c9i.large' }],
};

/** The addresses the .tftest.hcl files name. */
const ENI_CHECK = 'cluster_eni-check-lab-linux_854D64A3';
const AMI_PARAMETER = 'cluster_capacity-linux_ami_435A0951';
const LAUNCH_TEMPLATE = 'cluster_capacity-linux_launch-template_F4AE86C4';

const TERRAFORM_DIR = path.join(__dirname, 'terraform');

function eniChecks(json: TerraformJson): Record<string, TerraformBlock> {
  return json.data?.aws_ec2_instance_type ?? {};
}

function warnings(app: SynthesizedApp, stack: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
  return (manifest.stacks[stack].annotations as { level: string; message: string }[])
    .filter((a) => a.level === '@cdktf/warn')
    .map((a) => a.message);
}

describe('plan-time facts are Terraform preconditions', () => {
  test('the default app guards the AMI id it reads from SSM with a precondition on the launch template', () => {
    const platform = synthDefaultApp({}).stacks.get('lab-platform')!;
    const parameter = platform.data?.aws_ssm_parameter?.[AMI_PARAMETER];
    expect(parameter?.name).toBe('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id');
    expect(valueAt(platform.resource?.aws_launch_template?.[LAUNCH_TEMPLATE], 'lifecycle', 'precondition')).toEqual([
      {
        condition: `\${can(regex("^ami-[0-9a-f]+$", data.aws_ssm_parameter.${AMI_PARAMETER}.insecure_value))}`,
        error_message: expect.stringMatching(
          /^The public SSM parameter \/aws\/service\/ecs\/optimized-ami\/amazon-linux-2023\/recommended\/image_id did not hold an AMI id \("ami-\.\.\."\)\. .*ssm:GetParameter/,
        ),
      },
    ]);
  });

  test('an instance type the ENI table knows is checked at synth time: no plan-time ENI check', () => {
    const platform = synthDefaultApp({ capacityProviders: [{ name: 'linux', instanceType: 'c7i.large' }] }).stacks.get(
      'lab-platform',
    )!;
    expect(eniChecks(platform)).toEqual({});
  });

  test('an instance type the ENI table does not know gets a postcondition on maximum_network_interfaces, and one warning', () => {
    const app = synthDefaultApp(UNKNOWN_INSTANCE_TYPE_CONFIG);
    expect(eniChecks(app.stacks.get('lab-platform')!)).toEqual({
      [ENI_CHECK]: {
        '//': expect.anything(),
        instance_type: 'c9i.large',
        lifecycle: {
          postcondition: [
            {
              condition: '${self.maximum_network_interfaces >= 3}',
              error_message:
                'capacity provider "lab-linux": instance type c9i.large has too few network interfaces for the ' +
                'services placed on it: each instance must run 2 awsvpc tasks (peak demand of 4 awsvpc tasks over an ASG ' +
                'maximum of 2 instances), which takes at least 3 network interfaces (one per task plus the primary interface). ' +
                "This type is not in the library's ENI table, so this was checked at plan time. Use an instance type with more " +
                "network interfaces, turn ENI trunking on, raise the ASG maximum, or lower the services' desired counts or " +
                'maximum percent.',
            },
          ],
        },
      },
    });
    expect(warnings(app, 'lab-platform').filter((w) => w.includes('CAPACITY_UNKNOWN_INSTANCE_TYPE'))).toEqual([
      expect.stringMatching(
        /c9i\.large is not in the ENI table.*Terraform checks at plan time that it has at least 3 network interfaces/,
      ),
    ]);
  });

  test('with trunking on, an unknown instance type is a synth warning only: no data Terraform reads has its trunked limit', () => {
    const app = synthDefaultApp({ capacityProviders: [{ name: 'linux', instanceType: 'c9i.large' }] });
    expect(eniChecks(app.stacks.get('lab-platform')!)).toEqual({});
    expect(warnings(app, 'lab-platform')).toContainEqual(
      expect.stringMatching(
        /CAPACITY_UNKNOWN_INSTANCE_TYPE .*c9i\.large .*with trunking on, the trunked limit of an unknown type is not published/,
      ),
    );
  });

  test("terraform plan passes with enough interfaces and an AMI id, and fails with the constructs' messages otherwise", () => {
    const app = synthDefaultApp(UNKNOWN_INSTANCE_TYPE_CONFIG);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-plan-time-'));
    try {
      fs.copyFileSync(path.join(app.outdir, 'stacks', 'lab-platform', 'cdk.tf.json'), path.join(work, 'cdk.tf.json'));
      for (const f of fs.readdirSync(TERRAFORM_DIR).filter((n) => n.endsWith('.tftest.hcl'))) {
        fs.copyFileSync(path.join(TERRAFORM_DIR, f), path.join(work, f));
      }
      // The shared mock values, and this folder's own (the unknown instance type's interfaces).
      fs.cpSync(MOCKS_DIR, path.join(work, 'mocks'), { recursive: true });
      fs.cpSync(path.join(TERRAFORM_DIR, 'mocks'), path.join(work, 'mocks'), { recursive: true });
      const init = runTerraform(work, ['init', '-backend=false', '-input=false']);
      if (!init.ok) throw new Error(init.output);

      // One `terraform test` for the three files: a failing file does not stop the others.
      const test = runTerraform(work, ['test']);
      const output = test.output.replace(/\s+/g, ' ');
      const file = (name: string) =>
        output.match(
          new RegExp(`${name}\\.tftest\\.hcl\\.\\.\\. (?:tearing down ${name}\\.tftest\\.hcl\\.\\.\\. )?(pass|fail)`),
        )?.[1];
      expect({ result: file('plan-time-checks'), output }).toEqual({ result: 'pass', output });
      expect(output).toMatch(/Failure! 3 passed, 2 failed\./);

      expect(file('plan-time-eni-message')).toBe('fail');
      expect(output).toContain('Error: Resource postcondition failed');
      expect(output).toContain(
        'self.maximum_network_interfaces is 2 capacity provider "lab-linux": instance type c9i.large has too ' +
          'few network interfaces for the services placed on it: each instance must run 2 awsvpc tasks',
      );

      expect(file('plan-time-ami-message')).toBe('fail');
      expect(output).toContain('Error: Resource precondition failed');
      expect(output).toContain(
        'The public SSM parameter /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id ' +
          'did not hold an AMI id ("ami-..."). Check that the region publishes this ECS-optimized AMI family',
      );
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
