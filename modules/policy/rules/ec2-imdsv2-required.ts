import { asNumber, block, isExpression, isPresent } from '../attributes';
import { PolicyRule, RuleResult, Severity, violation, warning } from '../rule';

/** AWSVPC-EC2-001: instances require IMDSv2 tokens, with a response hop limit of 1. */
export const ec2Imdsv2Required: PolicyRule = {
  id: 'AWSVPC-EC2-001',
  industryIds: ['CKV_AWS_79', 'CKV_AWS_341', 'AVD-AWS-0028', 'AVD-AWS-0130'],
  severity: Severity.HIGH,
  summary: 'EC2 instances require IMDSv2 (http_tokens = "required") with a metadata response hop limit of 1.',
  explanation: [
    'IMDSv1 answers any GET request, so a server-side request forgery in any process on the instance hands out the',
    "instance role's credentials. IMDSv2 requires a session token obtained with a PUT, and a hop limit of 1 drops the",
    'token response before it crosses a second network hop, so containers in bridge mode cannot fetch it either.',
    'Launch templates, launch configurations and instances are checked; an instance that takes its settings from a',
    'launch template is checked through the template. Metadata turned off entirely (http_endpoint = "disabled") complies.',
    'The AMI defaults are not relied upon: the settings must be explicit.',
  ].join(' '),
  fix: 'set metadata_options { http_endpoint = "enabled", http_tokens = "required", http_put_response_hop_limit = 1 }',
  appliesTo: ['aws_launch_template', 'aws_launch_configuration', 'aws_instance'],
  check(subject) {
    const a = subject.attributes;
    const options = block(a.metadata_options);
    if (!options && subject.type === 'aws_instance' && isPresent(a.launch_template)) return [];
    if (!options)
      return [violation('has no metadata_options: IMDSv1 stays enabled and the hop limit is the AMI default')];
    if (options.http_endpoint === 'disabled') return [];
    const results: RuleResult[] = [];
    const tokens = options.http_tokens;
    if (isExpression(tokens))
      results.push(
        warning(`metadata_options.http_tokens is an expression (${tokens}) that cannot be checked at synth time`),
      );
    else if (tokens !== 'required')
      results.push(
        violation(
          `metadata_options.http_tokens is ${tokens == null ? 'not set (IMDSv1 allowed)' : JSON.stringify(tokens)}; it must be "required"`,
        ),
      );
    const hop = options.http_put_response_hop_limit;
    if (isExpression(hop))
      results.push(
        warning(
          `metadata_options.http_put_response_hop_limit is an expression (${hop}) that cannot be checked at synth time`,
        ),
      );
    else if (asNumber(hop) !== 1)
      results.push(
        violation(
          `metadata_options.http_put_response_hop_limit is ${hop == null ? 'not set (the AMI default may be 2)' : JSON.stringify(hop)}; it must be 1`,
        ),
      );
    return results;
  },
};
