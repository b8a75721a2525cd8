using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Rectification;

/// <summary>Items through their paths on the embedded node: accepted, sent back, extended, reopened by look-back.</summary>
[Collection(RectificationNodeCollection.Name)]
public sealed class RectificationWorkflowTests(RectificationNode node)
{
    private RectificationService.RectificationServiceClient Api => node.Rectification;

    [Fact]
    public async Task An_item_is_accepted_the_first_time()
    {
        node.SetToday(RectificationNode.FeedbackDay);
        var unitId = Guid.CreateVersion7();
        var feedback = RectificationNode.Feedback(unitId, "崇川区司法局", [RectificationNode.Finding("行政执法公示制度落实不到位", "serious")]);
        var item = await node.DeliverAsync(feedback);

        Assert.Equal("open", item.State);
        Assert.Equal("serious", item.Severity);
        Assert.Equal("320602", item.RegionCode);
        Assert.Equal(feedback.MissionId.ToString(), item.MissionId);
        // Serious findings get 30 working days on the PRC calendar from the day of feedback.
        Assert.Equal(node.Calendar.AddWorkingDays(RectificationNode.FeedbackDay, 30).ToString("yyyy-MM-dd"), item.Deadline);
        var opened = Assert.Single(await node.EventsAsync<RectificationItemOpened>(Guid.Parse(item.Id)));
        Assert.Equal(feedback.Findings[0].FindingId, opened.FindingId);
        Assert.Equal(unitId, opened.UnitId);

        var liaison = node.LiaisonOf(unitId);
        item = await Api.AssignResponsibilityAsync(new AssignResponsibilityRequest { ItemId = item.Id, ResponsiblePerson = "张建国" }, node.Clerk);
        Assert.Equal("张建国", item.ResponsiblePerson);
        var unitMayNotAssign = await Assert.ThrowsAsync<RpcException>(() => Api.AssignResponsibilityAsync(
            new AssignResponsibilityRequest { ItemId = item.Id, ResponsiblePerson = "李四" }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNotAssign.StatusCode);

        // Completion before a plan is an illegal transition that names the states.
        var early = await Assert.ThrowsAsync<RpcException>(() => Api.SubmitCompletionAsync(
            new SubmitCompletionRequest { ItemId = item.Id, Summary = "已整改", Evidence = { "整改报告" } }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("open", early.Status.Detail);
        Assert.Contains("plan_submitted, in_progress", early.Status.Detail);

        node.SetToday(new DateOnly(2026, 3, 5));
        item = await Api.SubmitPlanAsync(new SubmitPlanRequest
        {
            ItemId = item.Id,
            Measures = { "建立行政执法公示平台", "每月检查公示情况" },
            Milestones = { new Milestone { Text = "平台上线", Due = "2026-03-31" } },
        }, liaison);
        Assert.Equal("plan_submitted", item.State);
        Assert.Equal(2, item.Measures.Count);
        item = await Api.ReportProgressAsync(new ReportProgressRequest { ItemId = item.Id, Percent = 60, Text = "公示平台已试运行" }, liaison);
        Assert.Equal("in_progress", item.State);
        Assert.Equal(60, item.ProgressPercent);
        item = await Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id,
            Summary = "执法公示制度全面落实",
            Evidence = { "公示平台截图", "整改工作报告" },
        }, liaison);
        Assert.Equal("completion_submitted", item.State);

        var unitMayNotVerify = await Assert.ThrowsAsync<RpcException>(() => Api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNotVerify.StatusCode);
        item = await Api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id, Note = "经核查整改到位" }, node.Clerk);
        Assert.Equal("verified", item.State);
        Assert.Equal("clerk", item.ClosedBy);
        Assert.NotEmpty(item.ClosedAt);
        var twice = await Assert.ThrowsAsync<RpcException>(() => Api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        Assert.Contains("verified", twice.Status.Detail);

        var history = await node.HistoryAsync(item.Id);
        Assert.Equal(
            ["opened", "responsibility_assigned", "plan_submitted", "progress_reported", "completion_submitted", "verified"],
            history.Select(h => h.Action));
        Assert.Equal(["inspector-wang", "clerk", "liaison-" + unitId.ToString()[..8]], history.Take(3).Select(h => h.Actor));
        Assert.All(history, h => Assert.Equal(EmbeddedNodeFactory.NodeId, h.NodeId));
        Assert.Single(await node.EventsAsync<RectificationPlanSubmitted>(Guid.Parse(item.Id)));
        Assert.Equal(60, Assert.Single(await node.EventsAsync<RectificationProgressReported>(Guid.Parse(item.Id))).Percent);
        Assert.Single(await node.EventsAsync<RectificationCompletionSubmitted>(Guid.Parse(item.Id)));
        Assert.Equal("clerk", Assert.Single(await node.EventsAsync<RectificationVerified>(Guid.Parse(item.Id))).VerifiedBy);
    }

    [Fact]
    public async Task An_item_sent_back_twice_reopens_each_time_with_a_new_deadline()
    {
        var (unitId, item) = await node.OpenItemAsync("崇川区市场监管局", RectificationNode.Finding("行政处罚裁量基准未公开"));
        var liaison = node.LiaisonOf(unitId);
        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "制定并公开裁量基准" } }, liaison);
        await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "已公开", Evidence = { "网站截图" } }, liaison);

        var noReason = await Assert.ThrowsAsync<RpcException>(() => Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = " " }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(noReason, "reason");

        var today = new DateOnly(2026, 4, 1);
        node.SetToday(today);
        item = await Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = "裁量基准未覆盖全部执法事项" }, node.Clerk);
        Assert.Equal("in_progress", item.State);
        Assert.Equal(1, item.SendBackCount);
        Assert.Equal(node.Calendar.AddWorkingDays(today, 15).ToString("yyyy-MM-dd"), item.Deadline);

        await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "已补充全部事项", Evidence = { "补充文件" } }, liaison);
        item = await Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = "佐证材料不足", NewDeadline = "2026-05-29" }, node.Clerk);
        Assert.Equal(2, item.SendBackCount);
        Assert.Equal("2026-05-29", item.Deadline);
        Assert.Equal(node.Calendar.AddWorkingDays(RectificationNode.FeedbackDay, 40).ToString("yyyy-MM-dd"), item.OriginalDeadline);

        await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "材料齐全", Evidence = { "执法案卷", "公开记录" } }, liaison);
        item = await Api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id }, node.Clerk);
        Assert.Equal("verified", item.State);

        var sentBack = await node.EventsAsync<RectificationSentBack>(Guid.Parse(item.Id));
        Assert.Equal([1, 2], sentBack.Select(e => e.SendBackCount));
        Assert.Equal(["裁量基准未覆盖全部执法事项", "佐证材料不足"], sentBack.Select(e => e.Reason));
        Assert.Equal(new DateOnly(2026, 5, 29), sentBack[1].NewDeadline);
        Assert.Equal(
            ["opened", "plan_submitted", "completion_submitted", "sent_back", "completion_submitted", "sent_back", "completion_submitted", "verified"],
            (await node.HistoryAsync(item.Id)).Select(h => h.Action));
    }

    [Fact]
    public async Task An_extension_requested_in_time_moves_the_deadline_and_keeps_both_dates()
    {
        var (unitId, item) = await node.OpenItemAsync("崇川区城管局", RectificationNode.Finding("执法记录仪使用不规范", "severe"));
        var liaison = node.LiaisonOf(unitId);
        var original = DateOnly.Parse(item.Deadline, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(node.Calendar.AddWorkingDays(RectificationNode.FeedbackDay, 20), original);

        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => Api.RequestExtensionAsync(new RequestExtensionRequest
        {
            ItemId = item.Id, RequestedDeadline = original.AddDays(-1).ToString("yyyy-MM-dd"), Reason = "设备采购周期长",
        }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(tooEarly, "requested_deadline");
        var otherUnit = await Assert.ThrowsAsync<RpcException>(() => Api.RequestExtensionAsync(new RequestExtensionRequest
        {
            ItemId = item.Id, RequestedDeadline = "2026-06-30", Reason = "x",
        }, node.LiaisonOf(Guid.CreateVersion7())).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, otherUnit.StatusCode);

        var extension = await Api.RequestExtensionAsync(new RequestExtensionRequest
        {
            ItemId = item.Id, RequestedDeadline = "2026-06-30", Reason = "执法记录仪需政府采购，周期较长",
        }, liaison);
        Assert.Equal("pending", extension.Status);
        var again = await Assert.ThrowsAsync<RpcException>(() => Api.RequestExtensionAsync(new RequestExtensionRequest
        {
            ItemId = item.Id, RequestedDeadline = "2026-07-31", Reason = "再延",
        }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);

        var refuseWithoutReason = await Assert.ThrowsAsync<RpcException>(() => Api.DecideExtensionAsync(
            new DecideExtensionRequest { ExtensionId = extension.Id, Approve = false }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(refuseWithoutReason, "note");
        extension = await Api.DecideExtensionAsync(new DecideExtensionRequest { ExtensionId = extension.Id, Approve = true, Note = "同意" }, node.Clerk);
        Assert.Equal("approved", extension.Status);
        Assert.Equal(original.ToString("yyyy-MM-dd"), extension.PreviousDeadline);
        Assert.Equal("2026-06-30", extension.RequestedDeadline);
        Assert.Equal("clerk", extension.DecidedBy);

        item = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, liaison);
        Assert.Equal("2026-06-30", item.Deadline);
        Assert.Equal(original.ToString("yyyy-MM-dd"), item.OriginalDeadline);
        Assert.Equal(1, item.ExtensionCount);
        var approved = Assert.Single(await node.EventsAsync<RectificationExtensionApproved>(Guid.Parse(item.Id)));
        Assert.Equal((original, new DateOnly(2026, 6, 30)), (approved.PreviousDeadline, approved.NewDeadline));
        var listed = await Api.ListExtensionsAsync(new ListExtensionsRequest { ItemId = item.Id }, liaison);
        Assert.Equal(extension.Id, Assert.Single(listed.Extensions).Id);
        // The unit and status filters (shared with planning's list) narrow the list.
        Assert.Empty((await Api.ListExtensionsAsync(new ListExtensionsRequest { ItemId = item.Id, Status = "pending" }, liaison)).Extensions);
        var byStatus = await Api.ListExtensionsAsync(new ListExtensionsRequest { UnitId = item.UnitId, Status = "approved" }, liaison);
        Assert.Equal(extension.Id, Assert.Single(byStatus.Extensions).Id);

        // After the (new) deadline has passed, no more extensions: the unit must ask in time.
        node.SetToday(new DateOnly(2026, 7, 1));
        var late = await Assert.ThrowsAsync<RpcException>(() => Api.RequestExtensionAsync(new RequestExtensionRequest
        {
            ItemId = item.Id, RequestedDeadline = "2026-07-31", Reason = "仍需时间",
        }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Equal(["opened", "extension_requested", "extension_approved"], (await node.HistoryAsync(item.Id)).Select(h => h.Action));
    }

    [Fact]
    public async Task A_failed_look_back_reopens_a_verified_item_and_counts_against_the_unit()
    {
        var (unitId, item) = await node.OpenItemAsync("崇川区教育局", RectificationNode.Finding("规范性文件未备案"));
        var liaison = node.LiaisonOf(unitId);
        var lookBackMission = Guid.CreateVersion7().ToString();

        var notClosed = await Assert.ThrowsAsync<RpcException>(() => Api.RecordLookBackAsync(new RecordLookBackRequest
        {
            ItemId = item.Id, LookBackMissionId = lookBackMission, Passed = true,
        }, node.Inspector).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notClosed.StatusCode);

        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "补报备案" } }, liaison);
        await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "已备案", Evidence = { "备案回执" } }, liaison);
        await Api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id }, node.Clerk);

        item = await Api.RecordLookBackAsync(new RecordLookBackRequest { ItemId = item.Id, LookBackMissionId = lookBackMission, Passed = true, Note = "已备案" }, node.Inspector);
        Assert.Equal("verified", item.State);
        var unitMayNot = await Assert.ThrowsAsync<RpcException>(() => Api.RecordLookBackAsync(new RecordLookBackRequest
        {
            ItemId = item.Id, LookBackMissionId = lookBackMission, Passed = true,
        }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNot.StatusCode);
        var noFinding = await Assert.ThrowsAsync<RpcException>(() => Api.RecordLookBackAsync(new RecordLookBackRequest
        {
            ItemId = item.Id, LookBackMissionId = "mission?", Passed = false,
        }, node.Inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(noFinding, "look_back_mission_id", "note");

        var today = new DateOnly(2026, 9, 1);
        node.SetToday(today);
        item = await Api.RecordLookBackAsync(new RecordLookBackRequest
        {
            ItemId = item.Id, LookBackMissionId = lookBackMission, Passed = false, Note = "新制定的文件仍未备案，问题反弹",
        }, node.Inspector);
        Assert.Equal("in_progress", item.State);
        Assert.Equal(1, item.ReopenCount);
        Assert.Empty(item.ClosedAt);
        Assert.Equal(node.Calendar.AddWorkingDays(today, 20).ToString("yyyy-MM-dd"), item.Deadline);
        var reopened = Assert.Single(await node.EventsAsync<RectificationReopened>(Guid.Parse(item.Id)));
        Assert.Equal("look_back", reopened.Cause);
        Assert.Equal(Guid.Parse(lookBackMission), reopened.LookBackMissionId);
        Assert.Equal("inspector-li", reopened.ReopenedBy);

        // The unit fixes it again and the office closes it again.
        await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "全部备案", Evidence = { "备案清单" } }, liaison);
        item = await Api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id }, node.Clerk);
        Assert.Equal(("verified", 1), (item.State, item.ReopenCount));
        Assert.Equal(
            ["opened", "plan_submitted", "completion_submitted", "verified", "look_back_passed", "reopened", "completion_submitted", "verified"],
            (await node.HistoryAsync(item.Id)).Select(h => h.Action));
    }
}
