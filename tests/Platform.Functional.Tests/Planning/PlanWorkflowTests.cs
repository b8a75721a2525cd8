using Google.Protobuf;
using Platform.Contracts.Planning.V1;
using Platform.Testing;

namespace Platform.Functional.Tests.Planning;

/// <summary>A plan's year on the embedded node: chapters, assignment, acceptance, reports, extensions, statistics.</summary>
[Collection(PlanningNodeCollection.Name)]
public sealed class PlanWorkflowTests(PlanningNode node)
{
    private static readonly byte[] PdfBytes = TestFiles.Pdf;

    [Fact]
    public async Task A_plan_runs_from_draft_to_statistics()
    {
        node.SetToday(2026, 9, 1);
        var planning = node.Planning;
        var justice = await node.CreateUnitAsync("南通市司法局");
        var finance = await node.CreateUnitAsync("南通市财政局");
        var education = await node.CreateUnitAsync("南通市教育局");
        var allDepartments = await planning.CreateUnitGroupAsync(
            new CreateUnitGroupRequest { Name = SliceScenario.UniqueName("市政府各部门"), UnitIds = { finance.Id, education.Id } }, node.Clerk);

        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年法治政府建设工作要点",
            Year = 2026,
            Chapters =
            {
                new NewChapter
                {
                    Title = "依法全面履行政府职能",
                    Tasks =
                    {
                        new NewTask
                        {
                            Title = "组织政府常务会议学法",
                            Deadline = "2026-09-30",
                            LeadUnitIds = { justice.Id },
                            UnitGroupIds = { allDepartments.Id },
                            Targets = { new NewTarget { Description = "常务会议学法次数", Comparison = "at_least", Value = 4, UnitOfMeasure = "次" } },
                        },
                    },
                },
                new NewChapter { Title = "健全依法行政制度体系", Tasks = { new NewTask { Title = "开展规范性文件清理", Deadline = "2026-12-31", LeadUnitIds = { finance.Id } } } },
            },
        }, node.Clerk);
        Assert.Equal(["依法全面履行政府职能", "健全依法行政制度体系"], plan.Chapters.Select(c => c.Title));
        Assert.Equal([1, 2], plan.Tasks.Select(t => t.Number));
        var study = plan.Tasks[0];
        Assert.Equal(plan.Chapters[0].Id, study.ChapterId);
        Assert.Equal("at_least", study.Targets[0].Comparison);

        // Assignment waits for the plan to be issued.
        var early = await Assert.ThrowsAsync<RpcException>(() => planning.AssignTaskAsync(new AssignTaskRequest { TaskId = study.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);

        // Assigned as planned: the lead unit, and the catch-all group expanded to co-units.
        var assigned = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = study.Id }, node.Clerk)).Assignments;
        Assert.Equal([(justice.Id, "lead"), (finance.Id, "co"), (education.Id, "co")],
            assigned.Select(a => (a.UnitId, a.Role)).OrderBy(x => x.Role == "co").ThenBy(x => x.UnitId == education.Id).ToList());
        Assert.All(assigned, a => Assert.Equal("2026-09-30", a.Deadline));
        var again = await Assert.ThrowsAsync<RpcException>(() => planning.AssignTaskAsync(new AssignTaskRequest { TaskId = study.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        var lead = assigned.Single(a => a.UnitId == justice.Id);
        var coFinance = assigned.Single(a => a.UnitId == finance.Id);
        var coEducation = assigned.Single(a => a.UnitId == education.Id);

        // Each unit signs for its own assignment only.
        var foreign = await Assert.ThrowsAsync<RpcException>(() =>
            planning.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = lead.Id }, node.LiaisonOf(finance.Id)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("accepted", (await planning.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = lead.Id }, node.LiaisonOf(justice.Id))).Status);
        await planning.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = coFinance.Id }, node.LiaisonOf(finance.Id));

        // The lead unit reports on time with a figure and a PDF.
        node.SetToday(2026, 9, 15);
        var report = await planning.ReportProgressAsync(new ReportProgressRequest
        {
            AssignmentId = lead.Id,
            Text = "已组织常务会议学法3次。",
            Percent = 75,
            Figures = { new TargetFigure { TargetId = study.Targets[0].Id, Value = 3 } },
            Attachments = { new NewAttachment { FileName = "学法记录.pdf", Content = ByteString.CopyFrom(PdfBytes) } },
        }, node.LiaisonOf(justice.Id));
        Assert.False(report.Late);
        Assert.Equal("2026-09-30", report.Due);
        var attachment = Assert.Single(report.Attachments);
        Assert.Equal("application/pdf", attachment.ContentType);
        var file = await planning.GetAttachmentAsync(new GetAttachmentRequest { AttachmentId = attachment.Id }, node.Clerk);
        Assert.Equal(PdfBytes, file.Content.ToByteArray());
        Assert.Equal(attachment.Sha256, file.Sha256);
        var peek = await Assert.ThrowsAsync<RpcException>(() =>
            planning.GetAttachmentAsync(new GetAttachmentRequest { AttachmentId = attachment.Id }, node.LiaisonOf(education.Id)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, peek.StatusCode);
        var target = (await planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id }, node.Clerk)).Tasks[0].Targets[0];
        Assert.Equal(3, target.AggregateValue);
        Assert.Equal("each_unit", target.Aggregation);
        Assert.False(target.Met);

        // The lead unit's final report, before the deadline, closes the task; a co-unit's would not.
        node.SetToday(2026, 9, 28);
        await planning.ReportProgressAsync(new ReportProgressRequest
        {
            AssignmentId = lead.Id, Text = "全年学法4次，任务完成。", Percent = 100, Final = true,
            Figures = { new TargetFigure { TargetId = study.Targets[0].Id, Value = 4 } },
        }, node.LiaisonOf(justice.Id));
        var closed = (await planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id }, node.Clerk)).Tasks[0];
        Assert.Equal("done", closed.Status);
        // Every unit must meet the target: the lead unit has, the two co-units have not reported a figure.
        Assert.False(closed.Targets[0].Met);
        Assert.Equal((3, 1, 1), (closed.Targets[0].AssignedUnits, closed.Targets[0].ReportingUnits, closed.Targets[0].UnitsMeeting));
        var afterDone = await Assert.ThrowsAsync<RpcException>(() => planning.ReportProgressAsync(
            new ReportProgressRequest { AssignmentId = lead.Id, Text = "补充", Percent = 100 }, node.LiaisonOf(justice.Id)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, afterDone.StatusCode);

        // Finance and education have not reported by the deadline: overdue, once each.
        // The scans see every plan on the (shared) node; what they did to this plan is in its events.
        node.SetToday(2026, 9, 30);
        await node.ScanOverdueAsync();
        Assert.Empty(await node.OverdueEventsAsync(plan.Id));
        node.SetToday(2026, 10, 8);
        Assert.True(await node.ScanOverdueAsync() >= 2);
        await node.ScanOverdueAsync();
        Assert.Equal(
            new[] { coFinance.Id, coEducation.Id }.Order(StringComparer.Ordinal),
            (await node.OverdueEventsAsync(plan.Id)).Select(e => e.AssignmentId.ToString()).Order(StringComparer.Ordinal));
        var waiting = await planning.ListAssignmentsAsync(new ListAssignmentsRequest { PlanId = plan.Id, Status = "assigned" }, node.Clerk);
        Assert.True(Assert.Single(waiting.Assignments).Overdue);

        // A late report is accepted and marked late.
        var late = await planning.ReportProgressAsync(new ReportProgressRequest { AssignmentId = coFinance.Id, Text = "配合完成学法安排。", Percent = 100, Final = true }, node.LiaisonOf(finance.Id));
        Assert.True(late.Late);
        Assert.Equal("2026-09-30", late.Due);

        // Statistics from the read side, per unit and per chapter.
        var statistics = await planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, SliceScenario.Bearer(node.Tokens.Observer()));
        var byUnit = statistics.ByUnit.ToDictionary(r => r.Id);
        Assert.Equal((1, 1, 1, 0, 0, 1), Counts(byUnit[justice.Id]));
        Assert.Equal((1, 1, 0, 1, 0, 1), Counts(byUnit[finance.Id]));
        Assert.Equal((1, 0, 0, 0, 1, 0), Counts(byUnit[education.Id]));
        Assert.Equal((3, 2, 1, 1, 1, 2), Counts(statistics.Totals));
        Assert.Equal(Math.Round(1.0 / 3, 4), statistics.Totals.OnTimeRate);
        Assert.Equal(Math.Round(2.0 / 3, 4), statistics.Totals.CompletionRate);
        var chapterRow = Assert.Single(statistics.ByChapter);
        Assert.Equal(plan.Chapters[0].Id, chapterRow.Id);
        Assert.Equal("一、依法全面履行政府职能", chapterRow.Name);
        Assert.Equal((3, 2, 1, 1, 1, 2), Counts(chapterRow));
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, node.LiaisonOf(justice.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        // Every step left its event in the outbox for the other services.
        var events = await node.OutboxEventTypesAsync();
        foreach (var name in new[] { "task_assigned", "assignment_accepted", "progress_reported", "assignment_overdue", "task_completed" })
        {
            Assert.Contains($"planning.{name}.v1", events);
        }

        // The export opens as a workbook with the plan's task.
        var export = await planning.ExportPlanAsync(new ExportPlanRequest { PlanId = plan.Id }, node.Clerk);
        Assert.Equal("2026年法治政府建设工作要点.xlsx", export.FileName);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(export.Content.ToByteArray()), false);
        Assert.Contains("任务清单", workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public async Task A_unit_returns_an_assignment_with_a_reason()
    {
        var (unit, _, assignment) = await AssignedTaskAsync("南通市民政局", "推进社会组织登记规范化", "2026-11-30");

        var noReason = await Assert.ThrowsAsync<RpcException>(() =>
            node.Planning.ReturnAssignmentAsync(new ReturnAssignmentRequest { AssignmentId = assignment.Id }, node.LiaisonOf(unit.Id)).ResponseAsync);
        SliceScenario.AssertBadRequest(noReason, "reason");
        var returned = await node.Planning.ReturnAssignmentAsync(
            new ReturnAssignmentRequest { AssignmentId = assignment.Id, Reason = "该事项不属于本单位职责，建议交市委社会工作部。" }, node.LiaisonOf(unit.Id));
        Assert.Equal("returned", returned.Status);
        Assert.Equal("该事项不属于本单位职责，建议交市委社会工作部。", returned.ReturnReason);
        var accept = await Assert.ThrowsAsync<RpcException>(() =>
            node.Planning.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = assignment.Id }, node.LiaisonOf(unit.Id)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, accept.StatusCode);
        Assert.Contains("planning.assignment_returned.v1", await node.OutboxEventTypesAsync());
    }

    [Fact]
    public async Task An_extension_moves_the_deadline_only_when_approved_and_keeps_both_dates()
    {
        var (unit, _, assignment) = await AssignedTaskAsync("南通市生态环境局", "完成行政执法案卷评查", "2026-09-30");
        var liaison = node.LiaisonOf(unit.Id);

        var notLater = await Assert.ThrowsAsync<RpcException>(() => node.Planning.RequestExtensionAsync(
            new RequestExtensionRequest { AssignmentId = assignment.Id, RequestedDeadline = "2026-09-20", Reason = "案卷较多" }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(notLater, "requested_deadline");

        var first = await node.Planning.RequestExtensionAsync(
            new RequestExtensionRequest { AssignmentId = assignment.Id, RequestedDeadline = "2026-10-31", Reason = "案卷数量较多，需增加评查时间。" }, liaison);
        Assert.Equal("pending", first.Status);
        var twice = await Assert.ThrowsAsync<RpcException>(() => node.Planning.RequestExtensionAsync(
            new RequestExtensionRequest { AssignmentId = assignment.Id, RequestedDeadline = "2026-11-30", Reason = "再延" }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);

        var refuseSilently = await Assert.ThrowsAsync<RpcException>(() =>
            node.Planning.DecideExtensionAsync(new DecideExtensionRequest { ExtensionId = first.Id, Approve = false }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(refuseSilently, "note");
        var refused = await node.Planning.DecideExtensionAsync(new DecideExtensionRequest { ExtensionId = first.Id, Approve = false, Note = "理由不充分" }, node.Clerk);
        Assert.Equal("refused", refused.Status);
        Assert.Equal("2026-09-30", (await AssignmentAsync(assignment)).Deadline);

        var second = await node.Planning.RequestExtensionAsync(
            new RequestExtensionRequest { AssignmentId = assignment.Id, RequestedDeadline = "2026-10-20", Reason = "涉及跨部门案卷调阅，需协调。" }, liaison);
        var approved = await node.Planning.DecideExtensionAsync(new DecideExtensionRequest { ExtensionId = second.Id, Approve = true }, node.Clerk);
        Assert.Equal("approved", approved.Status);
        Assert.Equal("2026-09-30", approved.OriginalDeadline);
        Assert.Equal("2026-10-20", approved.RequestedDeadline);
        Assert.Equal("2026-10-20", approved.GrantedDeadline);
        var moved = await AssignmentAsync(assignment);
        Assert.Equal("2026-10-20", moved.Deadline);
        Assert.Equal("2026-09-30", moved.OriginalDeadline);
        Assert.Contains("planning.extension_approved.v1", await node.OutboxEventTypesAsync());

        // After the deadline has passed, it is too late to ask.
        node.SetToday(2026, 10, 21);
        var tooLate = await Assert.ThrowsAsync<RpcException>(() => node.Planning.RequestExtensionAsync(
            new RequestExtensionRequest { AssignmentId = assignment.Id, RequestedDeadline = "2026-11-30", Reason = "再延" }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, tooLate.StatusCode);
        var listed = await node.Planning.ListExtensionsAsync(new ListExtensionsRequest { UnitId = unit.Id }, node.Clerk);
        Assert.Equal(["approved", "refused"], listed.Extensions.Select(e => e.Status).ToArray());
        var refusedOnly = await node.Planning.ListExtensionsAsync(new ListExtensionsRequest { UnitId = unit.Id, Status = "refused" }, node.Clerk);
        Assert.Equal("refused", Assert.Single(refusedOnly.Extensions).Status);
    }

    [Fact]
    public async Task The_office_may_grant_a_date_other_than_the_one_asked_for_if_it_lies_after_the_current_deadline()
    {
        var (unit, _, assignment) = await AssignedTaskAsync("南通市水利局", "完成河道管理行政执法案卷整理", "2026-09-30");
        var extension = await node.Planning.RequestExtensionAsync(
            new RequestExtensionRequest { AssignmentId = assignment.Id, RequestedDeadline = "2026-11-30", Reason = "汛期执法任务重，需延后整理。" }, node.LiaisonOf(unit.Id));

        foreach (var (granted, approve) in new[] { ("2026-09-30", true), ("2026-09-01", true), ("十月底", true), ("2026-10-31", false) })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => node.Planning.DecideExtensionAsync(
                new DecideExtensionRequest { ExtensionId = extension.Id, Approve = approve, Note = "理由不充分", GrantedDeadline = granted }, node.Clerk).ResponseAsync);
            SliceScenario.AssertBadRequest(refused, "granted_deadline");
        }
        Assert.Equal("pending", (await node.Planning.ListExtensionsAsync(new ListExtensionsRequest { UnitId = unit.Id }, node.Clerk)).Extensions.Single().Status);

        var approved = await node.Planning.DecideExtensionAsync(
            new DecideExtensionRequest { ExtensionId = extension.Id, Approve = true, Note = "同意延至十月底", GrantedDeadline = "2026-10-31" }, node.Clerk);
        Assert.Equal(("approved", "2026-09-30", "2026-11-30", "2026-10-31"), (approved.Status, approved.OriginalDeadline, approved.RequestedDeadline, approved.GrantedDeadline));
        var moved = await AssignmentAsync(assignment);
        Assert.Equal(("2026-10-31", "2026-09-30"), (moved.Deadline, moved.OriginalDeadline));
        Assert.Equal("2026-10-31", (await node.Planning.ListExtensionsAsync(new ListExtensionsRequest { UnitId = unit.Id }, node.Clerk)).Extensions.Single().GrantedDeadline);
    }

    [Fact]
    public async Task An_issued_plans_tasks_change_only_by_revision_with_who_and_why()
    {
        node.SetToday(2026, 9, 1);
        var unit = await node.CreateUnitAsync("南通市市场监管局");
        var task = await IssuedTaskAsync("开展公平竞争审查", "2026-10-31", unit.Id);

        var silent = await Assert.ThrowsAsync<RpcException>(() =>
            node.Planning.ReviseTaskAsync(new ReviseTaskRequest { TaskId = task.Id, Deadline = "2026-12-31" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(silent, "reason");
        var revised = await node.Planning.ReviseTaskAsync(
            new ReviseTaskRequest { TaskId = task.Id, Deadline = "2026-12-31", Reason = "根据省里部署调整时限" }, node.Clerk);
        Assert.Equal("2026-12-31", revised.Deadline);
        Assert.Equal(1, revised.Revision);
        var history = Assert.Single((await node.Planning.ListTaskRevisionsAsync(new ListTaskRevisionsRequest { TaskId = task.Id }, node.Clerk)).Revisions);
        Assert.Equal(("2026-10-31", "2026-12-31", "根据省里部署调整时限", "clerk"), (history.PreviousDeadline, history.NewDeadline, history.Reason, history.ChangedBy));
    }

    [Fact]
    public async Task Attachments_are_checked_for_type_and_content()
    {
        var (unit, task, assignment) = await AssignedTaskAsync("南通市住建局", "规范城市管理执法", "2026-12-31");

        var error = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ReportProgressAsync(new ReportProgressRequest
        {
            AssignmentId = assignment.Id,
            Text = "进展",
            Percent = 10,
            Attachments =
            {
                new NewAttachment { FileName = "setup.exe", Content = ByteString.CopyFrom([0x4D, 0x5A]) },
                new NewAttachment { FileName = "伪装.pdf", Content = ByteString.CopyFromUtf8("not a pdf") },
            },
        }, node.LiaisonOf(unit.Id)).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "attachments[0].file_name", "attachments[1].content");
        var none = await node.Planning.ListProgressReportsAsync(new ListProgressReportsRequest { TaskId = task.Id }, node.Clerk);
        Assert.Empty(none.Reports);
    }

    [Fact]
    public async Task A_task_on_a_reporting_rule_gets_its_deadline_from_the_rule_and_the_calendar()
    {
        node.SetToday(2026, 9, 5);
        var rules = await node.Planning.ListReportingRulesAsync(new ListReportingRulesRequest(), node.Clerk);
        Assert.Superset(new HashSet<string> { "meeting_or_document", "annual_key_work_quarterly", "leader_instruction", "npc_cppcc_proposal" },
            rules.Rules.Select(r => r.Code).ToHashSet());

        var unit = await node.CreateUnitAsync("南通市交通运输局");
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "市政府领导批示交办事项",
            Year = 2026,
            Tasks = { new NewTask { Title = "落实批示要求，整改执法问题", ReportingRule = "leader_instruction", RuleStartDate = "2026-09-05", LeadUnitIds = { unit.Id } } },
        }, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);
        var assignment = Assert.Single((await node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id }, node.Clerk)).Assignments);
        // 30 days after 5 September is 5 October, inside the National Day holiday: due on the next working day.
        Assert.Equal("2026-10-08", assignment.Deadline);
    }

    [Fact]
    public async Task Concurrent_assignments_to_the_same_units_are_all_counted()
    {
        node.SetToday(2026, 9, 1);
        var units = new List<Unit>();
        for (var i = 0; i < 20; i++)
        {
            units.Add(await node.CreateUnitAsync($"如东县第{i}局"));
        }
        var group = await node.Planning.CreateUnitGroupAsync(
            new CreateUnitGroupRequest { Name = SliceScenario.UniqueName("如东县各部门"), UnitIds = { units.Select(u => u.Id) } }, node.Clerk);
        var request = new CreatePlanRequest { Title = SliceScenario.UniqueName("如东县要点"), Year = 2026 };
        request.Tasks.AddRange(Enumerable.Range(1, 6).Select(i => new NewTask { Title = $"第{i}项任务", Deadline = "2026-12-31", UnitGroupIds = { group.Id } }));
        var plan = await node.Planning.CreatePlanAsync(request, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);

        var results = await Task.WhenAll(plan.Tasks.Select(t => node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = t.Id }, node.Clerk).ResponseAsync));
        Assert.All(results, r => Assert.Equal(20, r.Assignments.Count));

        var statistics = await node.Planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, node.Clerk);
        Assert.Equal(120, statistics.Totals.Assigned);
        Assert.Equal(20, statistics.ByUnit.Count);
        Assert.All(statistics.ByUnit, r => Assert.Equal(6, r.Assigned));
    }

    private async Task<PlanTask> IssuedTaskAsync(string title, string deadline, string leadUnitId)
    {
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = SliceScenario.UniqueName("专项工作"),
            Year = 2026,
            Tasks = { new NewTask { Title = title, Deadline = deadline, LeadUnitIds = { leadUnitId } } },
        }, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);
        return plan.Tasks[0];
    }

    /// <summary>On 1 September: a unit, an issued task led by it and the task's one assignment.</summary>
    private async Task<(Unit Unit, PlanTask Task, Assignment Assignment)> AssignedTaskAsync(string unitName, string title, string deadline)
    {
        node.SetToday(2026, 9, 1);
        var unit = await node.CreateUnitAsync(unitName);
        var task = await IssuedTaskAsync(title, deadline, unit.Id);
        var assignment = Assert.Single((await node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id }, node.Clerk)).Assignments);
        return (unit, task, assignment);
    }

    private async Task<Assignment> AssignmentAsync(Assignment assignment) =>
        Assert.Single((await node.Planning.ListAssignmentsAsync(new ListAssignmentsRequest { TaskId = assignment.TaskId }, node.Clerk)).Assignments, a => a.Id == assignment.Id);

    private static (int, int, int, int, int, int) Counts(StatisticsRow row) =>
        (row.Assigned, row.Accepted, row.ReportedOnTime, row.ReportedLate, row.Overdue, row.Done);
}
