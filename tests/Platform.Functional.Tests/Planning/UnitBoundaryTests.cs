using Google.Protobuf;
using Platform.Contracts.Planning.V1;
using Platform.Testing;

namespace Platform.Functional.Tests.Planning;

/// <summary>
/// A unit sees other units' names, never their figures, contacts or case data; asking for
/// another unit's thing reads exactly like asking for a missing one. Over gRPC and REST.
/// </summary>
[Collection(PlanningNodeCollection.Name)]
public sealed class UnitBoundaryTests(PlanningNode node)
{
    private static readonly byte[] PdfBytes = TestFiles.Pdf;

    private async Task<(Unit A, Unit B, Plan Plan, PlanTask Task, Assignment OfA, Assignment OfB)> AssignedToTwoUnitsAsync()
    {
        node.SetToday(2026, 9, 1);
        var a = await node.CreateUnitAsync("南通市司法局");
        var b = await node.CreateUnitAsync("南通市财政局");
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年法治政府建设工作要点",
            Year = 2026,
            Tasks =
            {
                new NewTask
                {
                    Title = "组织学法并开展执法人员培训",
                    Deadline = "2026-12-31",
                    LeadUnitIds = { a.Id },
                    CoUnitIds = { b.Id },
                    Targets =
                    {
                        new NewTarget { Description = "常务会议学法次数", Comparison = "at_least", Value = 4, UnitOfMeasure = "次" },
                        new NewTarget { Description = "培训执法人员", Comparison = "at_least", Value = 100, UnitOfMeasure = "人次", Aggregation = "sum" },
                        new NewTarget { Description = "案卷合格率", Comparison = "at_least", Value = 90, UnitOfMeasure = "%", Aggregation = "average" },
                    },
                },
            },
        }, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);
        // Read before the assignment: the plan's tallies are counted (and cached) with no unit yet.
        var before = (await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id }, node.Clerk)).Tasks[0].Targets[0];
        Assert.Equal((0, 0, false), (before.AssignedUnits, before.ReportingUnits, before.HasAggregateValue));
        var assigned = (await node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id }, node.Clerk)).Assignments;
        return (a, b, plan, plan.Tasks[0], assigned.Single(x => x.UnitId == a.Id), assigned.Single(x => x.UnitId == b.Id));
    }

    private Task<ProgressReport> ReportAsync(Assignment assignment, PlanTask task, params double[] figures)
    {
        var request = new ReportProgressRequest { AssignmentId = assignment.Id, Text = "按计划推进。", Percent = 50 };
        request.Figures.AddRange(figures.Select((v, i) => new TargetFigure { TargetId = task.Targets[i].Id, Value = v }));
        return node.Planning.ReportProgressAsync(request, node.LiaisonOf(assignment.UnitId)).ResponseAsync;
    }

    [Fact]
    public async Task Figures_belong_to_the_unit_that_reported_them_and_targets_show_their_aggregate()
    {
        var (a, b, plan, task, ofA, ofB) = await AssignedToTwoUnitsAsync();
        await ReportAsync(ofA, task, 5, 30, 95);
        await ReportAsync(ofB, task, 2, 80, 80);
        node.SetToday(2026, 10, 9);
        await ReportAsync(ofA, task, 6, 30, 96);

        // The office: every target's aggregate by its own rule, and every unit's figure.
        var office = (await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id, IncludeAssignments = true }, node.Clerk)).Tasks[0];
        var (each, sum, average) = (office.Targets[0], office.Targets[1], office.Targets[2]);
        Assert.Equal(("each_unit", 2.0, false, 2, 2, 1), (each.Aggregation, each.AggregateValue, each.Met, each.AssignedUnits, each.ReportingUnits, each.UnitsMeeting));
        Assert.Equal(("sum", 110.0, true), (sum.Aggregation, sum.AggregateValue, sum.Met));
        Assert.Equal(("average", 88.0, false), (average.Aggregation, average.AggregateValue, average.Met));
        var figuresOfA = each.UnitFigures.Single(f => f.UnitId == a.Id);
        Assert.Equal((6.0, true, 2, "2026-10-09"), (figuresOfA.Value, figuresOfA.Met, figuresOfA.Reports, figuresOfA.ReportedAt[..10]));
        Assert.Equal(EmbeddedNodeFactory.NodeId, figuresOfA.ReportedOnNode);
        Assert.Equal((2.0, false), each.UnitFigures.Where(f => f.UnitId == b.Id).Select(f => (f.Value, f.Met)).Single());
        // Without assignments embedded, the office gets the aggregates only (a province plan has 80,000 assignments).
        var summary = (await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id }, node.Clerk)).Tasks[0];
        Assert.Equal(2.0, summary.Targets[0].AggregateValue);
        Assert.All(summary.Targets, t => Assert.Empty(t.UnitFigures));

        // Unit A: the sum and the average, its own figures only; never B's, however it asks.
        foreach (var include in new[] { false, true })
        {
            var seen = (await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id, IncludeAssignments = include }, node.LiaisonOf(a.Id))).Tasks[0];
            // each_unit's figure is the weakest unit's own (here B's 2): a unit gets the counts and met only.
            Assert.Equal((false, 2, 1, false), (seen.Targets[0].HasAggregateValue, seen.Targets[0].ReportingUnits, seen.Targets[0].UnitsMeeting, seen.Targets[0].Met));
            Assert.Equal([110.0, 88.0], seen.Targets.Skip(1).Select(t => t.AggregateValue));
            Assert.All(seen.Targets, t => Assert.Equal([a.Id], t.UnitFigures.Select(f => f.UnitId)));
            Assert.Equal([6.0, 30.0, 96.0], seen.Targets.Select(t => t.UnitFigures[0].Value));
        }
        var listed = await node.Planning.ListTargetFiguresAsync(new ListTargetFiguresRequest { PlanId = plan.Id }, node.LiaisonOf(a.Id));
        Assert.Equal(3, listed.Figures.Count);
        Assert.All(listed.Figures, f => Assert.Equal(a.Id, f.UnitId));
        var asking = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ListTargetFiguresAsync(
            new ListTargetFiguresRequest { TaskId = task.Id, UnitId = b.Id }, node.LiaisonOf(a.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, asking.StatusCode);
        Assert.Equal(6, (await node.Planning.ListTargetFiguresAsync(new ListTargetFiguresRequest { TaskId = task.Id }, node.Clerk)).Figures.Count);

        // The history: every report keeps its own figures, who, when and on which node.
        var history = await node.Planning.ListProgressReportsAsync(new ListProgressReportsRequest { TaskId = task.Id }, node.LiaisonOf(a.Id));
        Assert.Equal([6.0, 5.0], history.Reports.Select(r => r.Figures[0].Value));
        Assert.All(history.Reports, r => Assert.Equal(EmbeddedNodeFactory.NodeId, r.ReportedOnNode));

        // The same over REST.
        using var rest = node.CreateClient();
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.Parse(a.Id), "liaison-a"));
        var body = JsonDocument.Parse(await rest.GetStringAsync($"/api/planning/v1/plans/{plan.Id}?includeAssignments=true")).RootElement;
        var targets = body.GetProperty("tasks")[0].GetProperty("targets").EnumerateArray().ToList();
        Assert.False(targets[0].TryGetProperty("aggregateValue", out _));
        Assert.Equal([110.0, 88.0], targets.Skip(1).Select(t => t.GetProperty("aggregateValue").GetDouble()));
        Assert.All(targets, t => Assert.Equal([a.Id], t.GetProperty("unitFigures").EnumerateArray().Select(f => f.GetProperty("unitId").GetString())));
        Assert.DoesNotContain("reportedValue", body.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.GetAsync($"/api/planning/v1/figures?planId={plan.Id}&unitId={b.Id}")).StatusCode);

        // Statistics (the office's) count figures per unit and show every target's aggregate.
        var statistics = await node.Planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, node.Clerk);
        Assert.Equal([(110.0, true), (88.0, false), (2.0, false)],
            statistics.Targets.Select(t => t.Target).OrderByDescending(t => t.AggregateValue).Select(t => (t.AggregateValue, t.Met)));
        var byUnit = statistics.ByUnit.ToDictionary(r => r.Id);
        Assert.Equal((3, 2), (byUnit[a.Id].FiguresReported, byUnit[a.Id].FiguresMet));
        Assert.Equal((3, 0), (byUnit[b.Id].FiguresReported, byUnit[b.Id].FiguresMet));
        Assert.Equal((6, 2), (statistics.Totals.FiguresReported, statistics.Totals.FiguresMet));
    }

    [Fact]
    public async Task Aggregates_follow_assignments_reports_and_returns_at_once()
    {
        var (a, b, plan, task, ofA, ofB) = await AssignedToTwoUnitsAsync();
        async Task<QuantitativeTarget> Each() => (await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id }, node.LiaisonOf(a.Id))).Tasks[0].Targets[0];
        Assert.Equal((2, 0, 0, false), await Tally());

        await ReportAsync(ofA, task, 4);
        Assert.Equal((2, 1, 1, false), await Tally());

        // B sends the task back: every remaining unit meets the target.
        await node.Planning.ReturnAssignmentAsync(new ReturnAssignmentRequest { AssignmentId = ofB.Id, Reason = "不属于本单位职责" }, node.LiaisonOf(b.Id));
        Assert.Equal((1, 1, 1, true), await Tally());

        async Task<(int, int, int, bool)> Tally()
        {
            var target = await Each();
            return (target.AssignedUnits, target.ReportingUnits, target.UnitsMeeting, target.Met);
        }
    }

    [Fact]
    public async Task Aggregation_and_figures_are_validated_by_field()
    {
        var unit = await node.CreateUnitAsync("南通市教育局");
        var bad = await Assert.ThrowsAsync<RpcException>(() => node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年工作要点",
            Year = 2026,
            Tasks =
            {
                new NewTask
                {
                    Title = "培训", Deadline = "2026-12-31", LeadUnitIds = { unit.Id },
                    Targets = { new NewTarget { Description = "人次", Comparison = "at_least", Value = 1, Aggregation = "median" } },
                },
            },
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(bad, "tasks[0].targets[0].aggregation");

        var (_, _, _, task, ofA, _) = await AssignedToTwoUnitsAsync();
        var twice = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ReportProgressAsync(new ReportProgressRequest
        {
            AssignmentId = ofA.Id, Text = "进展", Percent = 10,
            Figures = { new TargetFigure { TargetId = task.Targets[0].Id, Value = 1 }, new TargetFigure { TargetId = task.Targets[0].Id, Value = 2 } },
        }, node.LiaisonOf(ofA.UnitId)).ResponseAsync);
        SliceScenario.AssertBadRequest(twice, "figures[1].target_id");
        var foreignTarget = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ReportProgressAsync(new ReportProgressRequest
        {
            AssignmentId = ofA.Id, Text = "进展", Percent = 10, Figures = { new TargetFigure { TargetId = Guid.CreateVersion7().ToString(), Value = 1 } },
        }, node.LiaisonOf(ofA.UnitId)).ResponseAsync);
        SliceScenario.AssertBadRequest(foreignTarget, "figures[0].target_id");
    }

    [Fact]
    public async Task A_unit_sees_other_units_names_but_not_their_contacts()
    {
        var name = SliceScenario.UniqueName("南通市审计局");
        var other = await node.Planning.CreateUnitAsync(new CreateUnitRequest
        {
            Name = name, Kind = "department", RegionCode = "320600",
            Liaison = new Liaison { Name = "李联络", Phone = "0513-85550001", Email = "li@audit.example.cn" },
        }, node.Clerk);
        var own = await node.Planning.CreateUnitAsync(new CreateUnitRequest
        {
            Name = SliceScenario.UniqueName("南通市统计局"), Kind = "department", RegionCode = "320600",
            Liaison = new Liaison { Name = "王联络", Phone = "0513-85550002", Email = "wang@stats.example.cn" },
        }, node.Clerk);

        var seen = (await node.Planning.ListUnitsAsync(new ListUnitsRequest { PageSize = 500 }, node.LiaisonOf(own.Id))).Units.ToDictionary(u => u.Id);
        Assert.Equal(name, seen[other.Id].Name);
        Assert.Null(seen[other.Id].Liaison);
        Assert.Equal("0513-85550002", seen[own.Id].Liaison.Phone);
        var byOffice = (await node.Planning.ListUnitsAsync(new ListUnitsRequest { PageSize = 500 }, node.Clerk)).Units.Single(u => u.Id == other.Id);
        Assert.Equal(("0513-85550001", "li@audit.example.cn"), (byOffice.Liaison.Phone, byOffice.Liaison.Email));

        using var rest = node.CreateClient();
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.Parse(own.Id), "liaison-own"));
        var body = await rest.GetStringAsync($"/api/planning/v1/units?pageSize=500&query={Uri.EscapeDataString(name)}");
        Assert.Contains(name, body);
        Assert.DoesNotContain("0513-85550001", body);
        Assert.DoesNotContain("li@audit.example.cn", body);
        Assert.DoesNotContain("李联络", body);
    }

    [Fact]
    public async Task Another_units_attachment_and_assignment_read_like_missing_ones()
    {
        var (a, b, _, task, ofA, _) = await AssignedToTwoUnitsAsync();
        var report = await node.Planning.ReportProgressAsync(new ReportProgressRequest
        {
            AssignmentId = ofA.Id, Text = "学法记录见附件。", Percent = 30,
            Attachments = { new NewAttachment { FileName = "学法记录.pdf", Content = ByteString.CopyFrom(PdfBytes) } },
        }, node.LiaisonOf(a.Id));
        var attachment = report.Attachments[0].Id;
        var liaisonB = node.LiaisonOf(b.Id);

        await NotFoundShape.AssertGrpcHidesAsync(
            id => node.Planning.GetAttachmentAsync(new GetAttachmentRequest { AttachmentId = id }, liaisonB).ResponseAsync, attachment, a.Id, ofA.Id, report.Id);
        await NotFoundShape.AssertGrpcHidesAsync(
            id => node.Planning.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = id }, liaisonB).ResponseAsync, ofA.Id, a.Id, task.Id);
        await NotFoundShape.AssertGrpcHidesAsync(
            id => node.Planning.RequestExtensionAsync(
                new RequestExtensionRequest { AssignmentId = id, RequestedDeadline = "2027-01-31", Reason = "需延期" }, liaisonB).ResponseAsync, ofA.Id, a.Id);

        using var rest = node.CreateClient();
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.Parse(b.Id), "liaison-b"));
        await NotFoundShape.AssertRestHidesAsync(rest, id => $"/api/planning/v1/attachments/{id}/content", attachment, a.Id, ofA.Id, report.Id);
        await NotFoundShape.AssertRestHidesAsync(rest, id => $"/api/planning/v1/attachments/{id}", attachment, a.Id, ofA.Id, report.Id);

        // Its own unit and the office still download it.
        rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.Parse(a.Id), "liaison-a"));
        Assert.Equal(PdfBytes, await rest.GetByteArrayAsync($"/api/planning/v1/attachments/{attachment}/content"));
        Assert.Equal(PdfBytes, (await node.Planning.GetAttachmentAsync(new GetAttachmentRequest { AttachmentId = attachment }, node.Clerk)).Content.ToByteArray());
    }
}
