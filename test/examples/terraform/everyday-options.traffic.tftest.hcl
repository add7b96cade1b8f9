# examples/everyday-options, traffic part (traffic.ts): a shared internal ALB with two listener rules,
# Service Connect, alarm rollback, scheduled and request-count scaling, a CI-owned task definition.
# Planned under mock_provider by test/examples/synth-examples.test.ts, with the example's other parts'
# files; test/examples/everyday-traffic.test.ts runs it on the traffic part alone.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "traffic_part" {
  command = plan

  assert {
    condition     = aws_lb.shop-alb_load-balancer_EB502E35.internal == true && one(aws_lb.shop-alb_load-balancer_EB502E35.access_logs).prefix == "shop"
    error_message = "one internal ALB, logging under shop/"
  }

  assert {
    condition = (
      aws_lb_listener_rule.storefront_load-balancer_rule_4928A9CD.priority == 100 &&
      aws_lb_listener_rule.catalog_load-balancer_rule_12610909.priority == 10 &&
      anytrue([for c in aws_lb_listener_rule.catalog_load-balancer_rule_12610909.condition : contains(flatten([for h in c.host_header : tolist(h.values)]), "catalog.shop.internal")])
    )
    error_message = "two rules on the shared listener: the catalog by host name first, the storefront on every path"
  }

  assert {
    condition     = aws_lb_target_group.storefront_load-balancer_target-group_13DD8FBB.target_type == "ip" && aws_lb_target_group.catalog_load-balancer_target-group_57348887.target_type == "ip"
    error_message = "ip target groups for awsvpc tasks"
  }

  assert {
    condition = (
      one([for x in one(aws_ecs_service.catalog_service_D9E9BBCC.service_connect_configuration).service : x.port_name]) == "http" &&
      one(aws_ecs_service.worker_service_E1A32E33.service_connect_configuration).enabled == true &&
      length(one(aws_ecs_service.worker_service_E1A32E33.service_connect_configuration).service) == 0
    )
    error_message = "the catalog offers its http port, the worker is a client"
  }

  assert {
    condition = (
      one(aws_ecs_service.storefront_service_79830966.alarms).rollback == true &&
      toset(one(aws_ecs_service.storefront_service_79830966.alarms).alarm_names) == toset(["storefront-5xx"])
    )
    error_message = "the storefront rolls back on its 5xx alarm"
  }

  assert {
    condition = (
      aws_appautoscaling_scheduled_action.storefront_auto-scaling_scheduled-office-hours_78EEAC06.timezone == "Europe/Paris" &&
      one(one(aws_appautoscaling_policy.storefront_auto-scaling_requests_1101606D.target_tracking_scaling_policy_configuration).predefined_metric_specification).predefined_metric_type == "ALBRequestCountPerTarget"
    )
    error_message = "scheduled and request-count scaling on the storefront"
  }
}
