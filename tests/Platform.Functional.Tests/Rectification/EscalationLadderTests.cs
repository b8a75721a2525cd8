using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Rectification;

/// <summary>A lagging item climbs the ladder one step at a time, from a reminder to the referral with its whole file.</summary>
[Collection(RectificationNodeCollection.Name)]
public sealed class EscalationLadderTests(RectificationNode node)
{
    private RectificationService.RectificationServiceClient Api => node.Rectification;

    [Fact]
    public async Task A_lagging_item_is_escalated_step_by_step_to_referral()
    {
        var (unitId, item) = await node.OpenItemAsync("崇川区住建局", RectificationNode.Finding("违法建设查处不力", "serious", "城市管理"));
        var itemId = Guid.Parse(item.Id);
        var deadline = DateOnly.Parse(item.Deadline, System.Globalization.CultureInfo.InvariantCulture);
        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "开展专项整治" } }, node.LiaisonOf(unitId));

        // On the deadline itself nothing happens.
        node.SetToday(deadline);
        await node.EvaluateAsync();
        item = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
        Assert.False(item.Overdue);
        Assert.Empty(item.ProposedStep);

        // One working day late: overdue once, and the reminder is proposed.
        node.SetToday(node.Calendar.AddWorkingDays(deadline, 1));
        await node.EvaluateAsync();
        await node.EvaluateAsync();
        item = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
        Assert.True(item.Overdue);
        Assert.Equal("reminder", item.ProposedStep);
        Assert.Contains("逾期", item.ProposalReason);
        var overdue = Assert.Single(await node.EventsAsync<RectificationOverdue>(itemId));
        Assert.Equal(deadline, overdue.Deadline);
        var proposals = await Api.ListEscalationProposalsAsync(new ListEscalationProposalsRequest { UnitId = unitId.ToString() }, node.Clerk);
        Assert.Equal(item.Id, Assert.Single(proposals.Items).Id);

        // Skipping a step is refused; the reminder may be applied by an inspector.
        var skip = await Assert.ThrowsAsync<RpcException>(() => Api.ApplyEscalationAsync(
            new ApplyEscalationRequest { ItemId = item.Id, Step = "urge", Reason = "跳级" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, skip.StatusCode);
        Assert.Contains("reminder", skip.Status.Detail);
        item = await Api.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = "reminder", Reason = "已逾期，提醒尽快整改" }, node.Inspector);
        Assert.Equal(("reminder", 1, ""), (item.EscalationStep, item.EscalationOrder, item.ProposedStep));
        var twice = await Assert.ThrowsAsync<RpcException>(() => Api.ApplyEscalationAsync(
            new ApplyEscalationRequest { ItemId = item.Id, Step = "reminder", Reason = "再提醒" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var unitMayNot = await Assert.ThrowsAsync<RpcException>(() => Api.ApplyEscalationAsync(
            new ApplyEscalationRequest { ItemId = item.Id, Step = "urge", Reason = "x" }, node.LiaisonOf(unitId)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNot.StatusCode);

        // Each further step is proposed when its default threshold of overdue working days is reached.
        var ladder = (await Api.GetEscalationLadderAsync(new GetEscalationLadderRequest(), node.Clerk)).Steps;
        Assert.Equal(["reminder", "urge", "supervision_letter", "interview", "listed_supervision", "public_criticism", "referral"], ladder.Select(s => s.Step));
        foreach (var step in ladder.Skip(1))
        {
            // The day before the threshold the step is not proposed yet.
            node.SetToday(node.Calendar.AddWorkingDays(deadline, step.OverdueWorkingDays - 1));
            await node.EvaluateAsync();
            Assert.Empty((await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk)).ProposedStep);

            node.SetToday(node.Calendar.AddWorkingDays(deadline, step.OverdueWorkingDays));
            await node.EvaluateAsync();
            item = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
            Assert.Equal(step.Step, item.ProposedStep);
            if (!step.Roles.Contains("inspector"))
            {
                var wrongRole = await Assert.ThrowsAsync<RpcException>(() => Api.ApplyEscalationAsync(
                    new ApplyEscalationRequest { ItemId = item.Id, Step = step.Step, Reason = "督察专员越权" }, node.Inspector).ResponseAsync);
                Assert.Equal(StatusCode.PermissionDenied, wrongRole.StatusCode);
            }
            item = await Api.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = step.Step, Reason = $"逾期{step.OverdueWorkingDays}个工作日，{step.Name}" }, node.Clerk);
            Assert.Equal((step.Step, step.Order), (item.EscalationStep, item.EscalationOrder));
        }

        var escalated = await node.EventsAsync<RectificationEscalated>(itemId);
        Assert.Equal(Enumerable.Range(1, 7), escalated.Select(e => e.StepOrder));
        Assert.Equal(ladder.Select(s => s.Step), escalated.Select(e => e.Step));
        Assert.Equal(ladder.Select(s => (s.CopyToDiscipline, s.CopyToOrganisation)), escalated.Select(e => (e.CopyToDiscipline, e.CopyToOrganisation)));
        Assert.False(escalated[0].CopyToDiscipline || escalated[0].CopyToOrganisation);
        Assert.True(escalated[6].CopyToDiscipline && escalated[6].CopyToOrganisation);
        Assert.All(escalated.Take(6), e => Assert.Empty(e.File));
        var referral = escalated[6];
        Assert.Equal("referral", referral.Step);
        Assert.Equal(["opened", "plan_submitted", "overdue", "escalated", "escalated", "escalated", "escalated", "escalated", "escalated", "escalated"],
            referral.File.Select(f => f.Action));
        Assert.Contains("移送纪检监察", referral.File[^1].Detail);
        Assert.Equal("inspector-wang", referral.File[0].Actor);
        Assert.Equal(referral.File.Count, (await node.HistoryAsync(item.Id)).Count);

        // The ladder is complete: nothing more to propose or apply.
        node.SetToday(node.Calendar.AddWorkingDays(deadline, 100));
        await node.EvaluateAsync();
        Assert.Empty((await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk)).ProposedStep);
        var beyond = await Assert.ThrowsAsync<RpcException>(() => Api.ApplyEscalationAsync(
            new ApplyEscalationRequest { ItemId = item.Id, Step = "referral", Reason = "再次移送" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, beyond.StatusCode);
        Assert.Single(await node.EventsAsync<RectificationOverdue>(itemId));
    }

    [Fact]
    public async Task Evaluators_running_at_once_mark_each_item_overdue_once()
    {
        node.SetToday(RectificationNode.FeedbackDay);
        var unitId = Guid.CreateVersion7();
        var findings = Enumerable.Range(1, 40).Select(n => RectificationNode.Finding($"第{n}项：执法文书不规范")).ToList();
        await node.DeliverAsync(RectificationNode.Feedback(unitId, "崇川区农业农村局", findings));
        var items = new List<RectificationItem>();
        foreach (var finding in findings)
        {
            items.Add(await node.WaitForItemAsync(finding.FindingId));
        }

        // Three replicas' passes at the same moment, two working days after the deadline.
        node.SetToday(node.Calendar.AddWorkingDays(DateOnly.Parse(items[0].Deadline, System.Globalization.CultureInfo.InvariantCulture), 2));
        await Task.WhenAll(node.EvaluateAsync(), node.EvaluateAsync(), node.EvaluateAsync());
        await node.EvaluateAsync();

        foreach (var item in items)
        {
            Assert.Single(await node.EventsAsync<RectificationOverdue>(Guid.Parse(item.Id)));
            var stored = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
            Assert.Equal((true, "reminder"), (stored.Overdue, stored.ProposedStep));
            Assert.Equal(["opened", "overdue"], (await node.HistoryAsync(item.Id)).Select(h => h.Action));
        }
    }

    [Fact]
    public async Task The_office_configures_when_a_step_is_proposed()
    {
        var reminder = (await Api.GetEscalationLadderAsync(new GetEscalationLadderRequest(), node.Clerk)).Steps[0];
        var unitMayNot = await Assert.ThrowsAsync<RpcException>(() => Api.UpdateEscalationStepAsync(
            new UpdateEscalationStepRequest { Step = "reminder", OverdueWorkingDays = 1, Roles = { "office_staff" } }, node.LiaisonOf(Guid.CreateVersion7())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNot.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Api.UpdateEscalationStepAsync(
            new UpdateEscalationStepRequest { Step = "warning", OverdueWorkingDays = -1, SendBacks = 0, Roles = { "janitor" } }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(bad, "step", "overdue_working_days", "roles[0]");

        try
        {
            // Two send-backs now propose a reminder, even before the deadline.
            var updated = await Api.UpdateEscalationStepAsync(new UpdateEscalationStepRequest
            {
                Step = "reminder", OverdueWorkingDays = 3, SendBacks = 2, Roles = { "office_staff" },
            }, node.Clerk);
            Assert.Equal((3, 2, "clerk"), (updated.OverdueWorkingDays, updated.SendBacks, updated.UpdatedBy));

            var (unitId, item) = await node.OpenItemAsync("崇川区卫健委", RectificationNode.Finding("行政复议纠错后未整改"));
            var liaison = node.LiaisonOf(unitId);
            await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "逐案整改" } }, liaison);
            for (var i = 0; i < 2; i++)
            {
                await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "已整改", Evidence = { "材料" } }, liaison);
                await node.EvaluateAsync();
                Assert.Empty((await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk)).ProposedStep);
                await Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = $"第{i + 1}次：整改不彻底" }, node.Clerk);
            }
            await node.EvaluateAsync();
            item = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
            Assert.Equal("reminder", item.ProposedStep);
            Assert.Contains("退回2次", item.ProposalReason);
            Assert.False(item.Overdue);
        }
        finally
        {
            await Api.UpdateEscalationStepAsync(new UpdateEscalationStepRequest
            {
                Step = "reminder", OverdueWorkingDays = reminder.OverdueWorkingDays, SendBacks = reminder.SendBacks, Roles = { reminder.Roles },
                CopyToDiscipline = reminder.CopyToDiscipline, CopyToOrganisation = reminder.CopyToOrganisation,
            }, node.Clerk);
        }
    }
}
