using Platform.Contracts.Common.V1;
using Platform.Contracts.Planning.V1;
using StackExchange.Redis;

namespace Platform.Integration.Tests;

/// <summary>The slice through the gateway of a distributed node, with every part a real process or server.</summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class DistributedSliceTests(DistributedNode node)
{
    private SliceScenario Scenario => new(node.Tokens);

    [SkippableFact]
    public async Task Assigned_task_reaches_the_unit_inbox_over_grpc_through_the_gateway()
    {
        node.SkipIfUnavailable();
        await Scenario.RunOverGrpcAsync(node.CreateGatewayChannel());
    }

    [SkippableFact]
    public async Task Assigned_task_reaches_the_unit_inbox_over_rest_through_the_gateway()
    {
        node.SkipIfUnavailable();
        await Scenario.RunOverRestAsync(node.CreateGatewayClient());
    }

    [SkippableFact]
    public async Task Invalid_requests_get_invalid_argument_naming_the_fields_over_grpc()
    {
        node.SkipIfUnavailable();
        await Scenario.RejectsInvalidInputOverGrpcAsync(node.CreateGatewayChannel());
    }

    [SkippableFact]
    public async Task Invalid_requests_get_400_naming_the_fields_over_rest()
    {
        node.SkipIfUnavailable();
        await Scenario.RejectsInvalidInputOverRestAsync(node.CreateGatewayClient());
    }

    [SkippableFact]
    public async Task The_gateway_and_the_services_enforce_tokens_and_roles_over_grpc()
    {
        node.SkipIfUnavailable();
        await Scenario.EnforcesIdentityOverGrpcAsync(node.CreateGatewayChannel());
    }

    [SkippableFact]
    public async Task The_gateway_enforces_tokens_and_roles_over_rest()
    {
        node.SkipIfUnavailable();
        await Scenario.EnforcesIdentityOverRestAsync(node.CreateGatewayClient());
    }

    [SkippableFact]
    public async Task A_service_reached_without_the_gateway_still_requires_a_token()
    {
        node.SkipIfUnavailable();
        var planning = new PlanningService.PlanningServiceClient(node.CreateServiceChannel("planning"));
        var error = await Assert.ThrowsAsync<RpcException>(() => planning.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);

        var units = await planning.ListUnitsAsync(new ListUnitsRequest(), SliceScenario.Bearer(node.Tokens.OfficeStaff()));
        Assert.NotNull(units);
    }

    [SkippableFact]
    public async Task Every_service_runs_on_postgres_and_rabbitmq_and_the_edge_counts_in_redis()
    {
        node.SkipIfUnavailable();
        // A user of its own, so no other test's calls share its counters.
        var operatorId = SliceScenario.UniqueName("operator-");
        var operatorToken = SliceScenario.Bearer(node.Tokens.Issue(operatorId, null, "node_operator"));
        var channel = node.CreateGatewayChannel();
        var descriptions = new[]
        {
            await new PlanningService.PlanningServiceClient(channel).DescribeServiceAsync(new DescribeServiceRequest(), operatorToken),
            await new Contracts.Inspection.V1.InspectionService.InspectionServiceClient(channel).DescribeServiceAsync(new DescribeServiceRequest(), operatorToken),
            await new Contracts.Rectification.V1.RectificationService.RectificationServiceClient(channel).DescribeServiceAsync(new DescribeServiceRequest(), operatorToken),
            await new Contracts.Assessment.V1.AssessmentService.AssessmentServiceClient(channel).DescribeServiceAsync(new DescribeServiceRequest(), operatorToken),
            await new Contracts.Notification.V1.NotificationService.NotificationServiceClient(channel).DescribeServiceAsync(new DescribeServiceRequest(), operatorToken),
        };
        Assert.Equal(["planning", "inspection", "rectification", "assessment", "notification"], descriptions.Select(d => d.Service).ToArray());
        Assert.All(descriptions, d =>
        {
            Assert.Equal("Postgres", d.DatabaseProvider);
            Assert.Equal("RabbitMq", d.MessagingTransport);
            Assert.Equal(DistributedNode.NodeId, d.NodeId);
            // The newest applied migration: a service adds migrations after Initial as its model grows.
            Assert.Matches("^[0-9]{14}_[A-Za-z0-9]+$", d.SchemaVersion);
        });

        await using var redis = await ConnectionMultiplexer.ConnectAsync(node.Infrastructure!.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        // One counter per window: the calls may straddle two windows.
        var counters = server.Keys(pattern: $"platform:rate:user:{operatorId}:*").ToList();
        Assert.NotEmpty(counters);
        var counted = 0L;
        foreach (var counter in counters)
        {
            counted += (long)await redis.GetDatabase().StringGetAsync(counter);
        }
        Assert.Equal(descriptions.Length, counted);
    }
}

/// <summary>Planning's read side on the distributed node: statistics maintained in PostgreSQL, cached in Redis.</summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class DistributedPlanningTests(DistributedNode node)
{
    [SkippableFact]
    public async Task Statistics_follow_reports_and_are_cached_in_redis()
    {
        node.SkipIfUnavailable();
        var planning = new PlanningService.PlanningServiceClient(node.CreateGatewayChannel());
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var units = new List<Contracts.Planning.V1.Unit>();
        for (var i = 0; i < 3; i++)
        {
            units.Add(await planning.CreateUnitAsync(new CreateUnitRequest { Name = SliceScenario.UniqueName($"海安市第{i}局"), Kind = "department", RegionCode = "320685" }, clerk));
        }
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年海安市法治政府建设要点",
            Year = 2026,
            Chapters = { new NewChapter { Title = "依法行政", Tasks = { new NewTask { Title = "推行行政执法三项制度", Deadline = "2099-12-31", LeadUnitIds = { units[0].Id }, CoUnitIds = { units[1].Id, units[2].Id } } } } },
        }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        var assignments = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id }, clerk)).Assignments;
        Assert.Equal(3, assignments.Count);

        foreach (var assignment in assignments.Take(2))
        {
            await planning.ReportProgressAsync(new ReportProgressRequest { AssignmentId = assignment.Id, Text = "按计划推进。", Percent = 50 },
                SliceScenario.Bearer(node.Tokens.Liaison(Guid.Parse(assignment.UnitId))));
        }
        var statistics = await planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, clerk);
        Assert.Equal((3, 2, 2, 0), (statistics.Totals.Assigned, statistics.Totals.Accepted, statistics.Totals.ReportedOnTime, statistics.Totals.Done));
        Assert.Equal(3, statistics.ByUnit.Count);
        Assert.Equal("一、依法行政", Assert.Single(statistics.ByChapter).Name);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(node.Infrastructure!.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        Assert.Contains(server.Keys(pattern: $"platform:cache:planning:statistics:{plan.Id}"), _ => true);
    }

    [SkippableFact]
    public async Task Figures_stay_with_their_unit_and_targets_aggregate_them_on_postgres()
    {
        node.SkipIfUnavailable();
        var planning = new PlanningService.PlanningServiceClient(node.CreateGatewayChannel());
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var a = await planning.CreateUnitAsync(new CreateUnitRequest { Name = SliceScenario.UniqueName("如皋市司法局"), Kind = "department", RegionCode = "320682" }, clerk);
        var b = await planning.CreateUnitAsync(new CreateUnitRequest { Name = SliceScenario.UniqueName("如皋市财政局"), Kind = "department", RegionCode = "320682" }, clerk);
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年如皋市法治政府建设要点",
            Year = 2026,
            Tasks =
            {
                new NewTask
                {
                    Title = "执法人员培训", Deadline = "2099-12-31", LeadUnitIds = { a.Id }, CoUnitIds = { b.Id },
                    Targets =
                    {
                        new NewTarget { Description = "培训人次", Comparison = "at_least", Value = 100, Aggregation = "sum" },
                        new NewTarget { Description = "学法次数", Comparison = "at_least", Value = 4 },
                    },
                },
            },
        }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        var assignments = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id }, clerk)).Assignments;
        var targets = plan.Tasks[0].Targets;
        foreach (var (assignment, trained, studied) in assignments.OrderBy(x => x.UnitId == b.Id).Zip([30.0, 80.0], [5.0, 2.0]))
        {
            await planning.ReportProgressAsync(new ReportProgressRequest
            {
                AssignmentId = assignment.Id, Text = "按计划推进。", Percent = 50,
                Figures = { new TargetFigure { TargetId = targets[0].Id, Value = trained }, new TargetFigure { TargetId = targets[1].Id, Value = studied } },
            }, SliceScenario.Bearer(node.Tokens.Liaison(Guid.Parse(assignment.UnitId))));
        }

        var seen = (await planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id, IncludeAssignments = true },
            SliceScenario.Bearer(node.Tokens.Liaison(Guid.Parse(a.Id))))).Tasks[0];
        Assert.Equal((110.0, true), (seen.Targets[0].AggregateValue, seen.Targets[0].Met));
        // each_unit: a unit gets the counts and met, not the weakest unit's figure.
        Assert.Equal((false, false, 1), (seen.Targets[1].HasAggregateValue, seen.Targets[1].Met, seen.Targets[1].UnitsMeeting));
        Assert.All(seen.Targets, t => Assert.Equal([a.Id], t.UnitFigures.Select(f => f.UnitId)));
        var statistics = await planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, clerk);
        Assert.Equal((4, 1), (statistics.Totals.FiguresReported, statistics.Totals.FiguresMet));
        Assert.Equal([110.0, 2.0], statistics.Targets.Select(t => t.Target.AggregateValue));
    }
}
