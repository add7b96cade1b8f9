# examples/everyday-options, workers part (workers.ts): the Spot capacity provider, the worker spread
# over on-demand and Spot by weight, and the daemon log agent, planned under mock_provider.
# test/examples/synth-examples.test.ts runs it, with the other parts' everyday-options.<part>.tftest.hcl
# files, on the stack `npm run synth:examples` writes. Addresses are those of the example's stack.

mock_provider "aws" {
  source = "./mocks" # test/engine/mocks: realistic data sources and ARNs
}

run "workers" {
  command = plan

  assert {
    condition = (
      aws_autoscaling_group.cluster_spot_asg_D772FFAE.capacity_rebalance == true &&
      length(aws_autoscaling_group.cluster_spot_asg_D772FFAE.launch_template) == 0 &&
      [for o in aws_autoscaling_group.cluster_spot_asg_D772FFAE.mixed_instances_policy[0].launch_template[0].override : o.instance_type] == ["c5.xlarge", "m5.xlarge", "c5.large"]
    )
    error_message = "the Spot group launches three types through a mixed instances policy, with capacity rebalance"
  }

  assert {
    condition = (
      aws_autoscaling_group.cluster_spot_asg_D772FFAE.mixed_instances_policy[0].instances_distribution[0].on_demand_base_capacity == 0 &&
      aws_autoscaling_group.cluster_spot_asg_D772FFAE.mixed_instances_policy[0].instances_distribution[0].on_demand_percentage_above_base_capacity == 0 &&
      aws_autoscaling_group.cluster_spot_asg_D772FFAE.mixed_instances_policy[0].instances_distribution[0].spot_allocation_strategy == "price-capacity-optimized"
    )
    error_message = "every instance of the Spot group may be Spot, from the pools least likely to be interrupted"
  }

  assert {
    condition     = strcontains(base64decode(aws_launch_template.cluster_spot_launch-template_06F68441.user_data), "ECS_ENABLE_SPOT_INSTANCE_DRAINING=true")
    error_message = "the Spot instances' agent drains them on an interruption notice"
  }

  assert {
    condition     = !strcontains(base64decode(aws_launch_template.cluster_on-demand_launch-template_AFA9C77D.user_data), "SPOT")
    error_message = "the on-demand instances have no Spot draining"
  }

  assert {
    condition = (
      toset([for s in aws_ecs_service.workers_worker_service_CEE4C04D.capacity_provider_strategy : "${s.capacity_provider} base ${s.base} weight ${s.weight}"]) ==
      toset(["everyday-on-demand base 2 weight 1", "everyday-spot base 0 weight 3"])
    )
    error_message = "the worker keeps a base of 2 on on-demand and puts 3 in 4 of the rest on Spot"
  }

  assert {
    condition = (
      [for s in aws_ecs_service.workers_worker_service_CEE4C04D.ordered_placement_strategy : "${s.type}:${s.field}"] ==
      ["spread:attribute:ecs.availability-zone", "binpack:memory"]
    )
    error_message = "the worker spreads across AZs, then packs instances by memory"
  }

  assert {
    condition = (
      aws_ecs_service.workers_log-agent_service_9964845D.scheduling_strategy == "DAEMON" &&
      aws_ecs_service.workers_log-agent_service_9964845D.launch_type == "EC2" &&
      length(aws_ecs_service.workers_log-agent_service_9964845D.capacity_provider_strategy) == 0 &&
      length(aws_ecs_service.workers_log-agent_service_9964845D.ordered_placement_strategy) == 0
    )
    error_message = "the log agent is a daemon on the EC2 launch type, with no capacity provider or placement strategy"
  }

  assert {
    condition = (
      [for v in aws_ecs_task_definition.workers_log-agent-task_task-definition_9FABA2F4.volume : v.host_path if v.name == "host-logs"] == ["/var/log"]
    )
    error_message = "the log agent reads the instance's /var/log through a bind mount"
  }
}
