import { TerraformStack } from 'cdktf';
import { Lb, LbConfig } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerConfig } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerCertificate } from '@cdktf/provider-aws/lib/lb-listener-certificate';
import { elbDropInvalidHeaders, elbHttpsWithCertificate } from '../../../modules/policy';
import { CERTIFICATE_ARN } from '../fixtures';
import { findingsOf, messages } from '../support';

function lb(stack: TerraformStack, props: Partial<LbConfig> = {}, id = 'lb'): Lb {
  return new Lb(stack, id, { subnets: ['subnet-1', 'subnet-2'], dropInvalidHeaderFields: true, ...props });
}

const FORWARD = [
  {
    type: 'forward',
    targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
  },
];
const REDIRECT = [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }];

function listener(stack: TerraformStack, id: string, balancer: Lb, props: Partial<LbListenerConfig>): LbListener {
  return new LbListener(stack, id, { loadBalancerArn: balancer.arn, defaultAction: FORWARD, ...props });
}

describe('AWSVPC-ELB-001 drop invalid header fields', () => {
  test('accepts an ALB that drops them, and network load balancers', () => {
    expect(
      findingsOf(elbDropInvalidHeaders, (s) => {
        lb(s);
        lb(s, { loadBalancerType: 'network', dropInvalidHeaderFields: undefined }, 'nlb');
      }),
    ).toEqual([]);
  });

  test('fails an ALB that keeps them', () => {
    expect(
      messages(
        findingsOf(elbDropInvalidHeaders, (s) => {
          lb(s, { dropInvalidHeaderFields: undefined });
          lb(s, { loadBalancerType: 'application', dropInvalidHeaderFields: false }, 'explicit');
        }),
      ),
    ).toEqual([
      'aws_lb.lb: drop_invalid_header_fields is not set (default false)',
      'aws_lb.explicit: drop_invalid_header_fields is false',
    ]);
  });
});

describe('AWSVPC-ELB-002 HTTPS when a certificate is given', () => {
  test('accepts HTTPS with a certificate plus an HTTP listener that redirects, and HTTP-only load balancers', () => {
    expect(
      findingsOf(elbHttpsWithCertificate, (s) => {
        const web = lb(s);
        listener(s, 'https', web, {
          port: 443,
          protocol: 'HTTPS',
          certificateArn: CERTIFICATE_ARN,
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        });
        listener(s, 'http', web, { port: 80, protocol: 'HTTP', defaultAction: REDIRECT });
        listener(s, 'lab-http', lb(s, {}, 'lab'), { port: 80, protocol: 'HTTP' });
      }),
    ).toEqual([]);
  });

  test('fails an HTTP listener with a certificate, and HTTP that does not redirect when a certificate is available', () => {
    expect(
      messages(
        findingsOf(elbHttpsWithCertificate, (s) => {
          listener(s, 'wrong', lb(s, {}, 'a'), { port: 443, protocol: 'HTTP', certificateArn: CERTIFICATE_ARN });
          const b = lb(s, {}, 'b');
          const https = listener(s, 'https', b, {
            port: 443,
            protocol: 'HTTPS',
            sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            certificateArn: CERTIFICATE_ARN,
          });
          listener(s, 'http', b, { port: 80, protocol: 'HTTP' });
          new LbListenerCertificate(s, 'extra', { listenerArn: https.arn, certificateArn: CERTIFICATE_ARN });
        }),
      ),
    ).toEqual([
      'aws_lb_listener.wrong: has certificate_arn but protocol HTTP',
      'aws_lb_listener.http: serves HTTP on a load balancer that has a certificate, without redirecting to HTTPS',
    ]);
  });
});
