import { block, blocks, isPresent, scalarText } from '../attributes';
import { PolicyRule, Severity, violation } from '../rule';
import type { PolicySubject } from '../stack-index';
import type { StackIndex } from '../stack-index';

const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];

function protocolOf(listener: PolicySubject): string {
  const p = listener.attributes.protocol;
  return typeof p === 'string' ? p.toUpperCase() : 'HTTP';
}

/** The load balancers (addresses) a listener belongs to. */
function loadBalancersOf(listener: PolicySubject, index: StackIndex): string[] {
  return index
    .subjectsIn(listener.attributes.load_balancer_arn)
    .filter((s) => s.type === 'aws_lb' || s.type === 'aws_alb')
    .map((s) => s.address);
}

/** True when a certificate is available on the same load balancer (another listener has one, or an aws_lb_listener_certificate). */
function certificateAvailable(listener: PolicySubject, index: StackIndex): boolean {
  return loadBalancersOf(listener, index).some((lb) =>
    index
      .referrers(lb, ...LISTENER_TYPES)
      .some(
        (other) =>
          other.address !== listener.address &&
          index.refersTo(other.attributes.load_balancer_arn, lb) &&
          (isPresent(other.attributes.certificate_arn) ||
            protocolOf(other) === 'HTTPS' ||
            index.referrers(other.address, 'aws_lb_listener_certificate').length > 0),
      ),
  );
}

function redirectsToHttps(listener: PolicySubject): boolean {
  const actions = blocks(listener.attributes.default_action);
  return (
    actions.length > 0 &&
    actions.every((a) => a.type === 'redirect' && scalarText(block(a.redirect)?.protocol).toUpperCase() === 'HTTPS')
  );
}

/** AWSVPC-ELB-002: when a certificate is given, clients talk HTTPS. */
export const elbHttpsWithCertificate: PolicyRule = {
  id: 'AWSVPC-ELB-002',
  industryIds: ['CKV_AWS_2', 'AVD-AWS-0054'],
  severity: Severity.HIGH,
  summary:
    'A listener with a certificate uses HTTPS, and an HTTP listener on a load balancer that has a certificate only redirects to HTTPS.',
  explanation: [
    'Once a certificate exists, plain HTTP only serves to leak cookies, tokens and content to anyone on the path.',
    'A listener with certificate_arn must use protocol HTTPS; an HTTP listener on a load balancer where another',
    'listener has a certificate (or an aws_lb_listener_certificate) must have only redirect actions to protocol HTTPS.',
    'Load balancers without any certificate are left alone (a lab without a domain can only serve HTTP), and so are',
    'network load balancer protocols (TCP, TLS, UDP).',
  ].join(' '),
  fix: 'use protocol = "HTTPS" with an ssl_policy on listeners that have a certificate, and make the HTTP listener a default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } }',
  appliesTo: LISTENER_TYPES,
  check(subject, index) {
    const protocol = protocolOf(subject);
    if (protocol !== 'HTTP') return [];
    if (isPresent(subject.attributes.certificate_arn)) {
      return [violation('has certificate_arn but protocol HTTP')];
    }
    if (certificateAvailable(subject, index) && !redirectsToHttps(subject)) {
      return [violation('serves HTTP on a load balancer that has a certificate, without redirecting to HTTPS')];
    }
    return [];
  },
};
