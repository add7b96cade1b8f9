/**
 * The bench's user app: the default app's two stacks (the seeds' lab: account settings with the
 * awsvpcTrunking opt-in; a VPC over 2 AZs with a NAT gateway each, a cluster of c5.large instances,
 * nginx with ECS Exec behind an internal load balancer, the policy pack), written the way a team
 * writes them with the package's constructs, with no configuration file.
 *
 * bench/run.mjs copies it into a project where the packed package is installed, with the imports
 * turned into the package's entry points (`../../modules/network` -> `awsvpc-ecs/network`), and
 * synthesizes it three ways: `cdktf synth` with ts-node (as `cdktf init` sets it up), compiled with tsc
 * and run with node (cdktf as published), and `awsvpc-ecs synth-app main.ts` (the fast path).
 *
 * USER_APP_SERVICES=<n> adds n - 1 small services (the bench's scale: 1000) to nginx, on m5.24xlarge
 * capacity sized to fit them.
 */
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountSettings, ITrunkingOptIn } from '../../modules/account';
import { EcsCluster } from '../../modules/compute';
import { NatGatewayMode, Network } from '../../modules/network';
import { PolicyPack } from '../../modules/policy';
import { Ec2Service, LoadBalancerScheme, TaskDefinition } from '../../modules/service';

const REGION = 'us-east-1';
const SERVICES = Math.max(1, Number(process.env.USER_APP_SERVICES ?? 1));

class AccountStack extends TerraformStack {
  public readonly settings: AccountSettings;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: REGION });
    this.settings = new AccountSettings(this, 'account-settings', { awsvpcTrunking: true });
  }
}

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string, trunkingOptIn: ITrunkingOptIn) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: REGION });
    const network = new Network(this, 'network', {
      namePrefix: 'lab',
      availabilityZoneCount: 2,
      natGatewayMode: NatGatewayMode.PER_AZ,
      ...(SERVICES > 1 ? { privateSubnetCidrs: ['10.0.32.0/19', '10.0.64.0/19'] } : {}),
    });
    const cluster = new EcsCluster(this, 'cluster', { clusterName: 'lab-cluster', network, trunkingOptIn });
    // m5.24xlarge with trunking runs 120 tasks; peak demand is twice the tasks (deployments at 200%).
    const maxSize = SERVICES > 1 ? Math.ceil((SERVICES * 2 * 1.25) / 120) + 1 : 3;
    cluster.addCapacityProvider('linux', {
      capacityProviderName: 'lab-linux',
      instanceType: SERVICES > 1 ? 'm5.24xlarge' : 'c5.large',
      minSize: 1,
      maxSize,
      trunking: true,
    });

    const nginx = new TaskDefinition(this, 'task-nginx', {
      family: 'lab-nginx',
      cpu: 256,
      memoryMiB: 512,
      enableExecuteCommand: true,
      containers: [
        { name: 'nginx', image: 'public.ecr.aws/nginx/nginx:1.27-alpine', portMappings: [{ containerPort: 80 }] },
      ],
    });
    new Ec2Service(this, 'service-nginx', {
      cluster,
      taskDefinition: nginx,
      serviceName: 'lab-nginx',
      desiredCount: 2,
      enableExecuteCommand: true,
      loadBalancer: { scheme: LoadBalancerScheme.INTERNAL, healthCheck: { path: '/' } },
    });
    for (let i = 1; i < SERVICES; i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      const task = new TaskDefinition(this, `task-${name}`, {
        family: `lab-${name}`,
        cpu: 128,
        memoryMiB: 128,
        containers: [
          {
            name,
            image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine',
            user: '101',
            readonlyRootFilesystem: true,
          },
        ],
      });
      new Ec2Service(this, `service-${name}`, {
        cluster,
        taskDefinition: task,
        serviceName: `lab-${name}`,
        desiredCount: 1,
      });
    }
    PolicyPack.applyTo(this);
  }
}

const app = new App();
const account = new AccountStack(app, 'lab-account');
new PlatformStack(app, 'lab-platform', account.settings);
app.synth();
