using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Rectification.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// The three services working together on the distributed node, every call through the gateway:
/// an inspection's feedback opens a rectification item (FeedbackGiven on RabbitMQ), the unit gets a
/// confidential inbox message and a deadline watch, and an escalation step becomes an urging notice
/// with its 文号 in notification. A sibling unit sees none of it.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class InspectionToRectificationFlowTests(DistributedNode node)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Feedback_opens_an_item_that_notification_watches_and_escalation_becomes_an_urging_notice()
    {
        node.SkipIfUnavailable();
        var channel = node.CreateGatewayChannel();
        var inspection = new InspectionService.InspectionServiceClient(channel);
        var rectification = new RectificationService.RectificationServiceClient(channel);
        var notification = new NotificationService.NotificationServiceClient(channel);
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var unitId = Guid.CreateVersion7();
        var unitName = SliceScenario.UniqueName("崇川区市场监管局");
        var liaison = SliceScenario.Bearer(node.Tokens.Liaison(unitId));

        // Inspection: a mission on one unit, a finding, feedback to that unit.
        var inspectorUser = SliceScenario.UniqueName("insp-");
        var inspector = await inspection.RegisterInspectorAsync(
            new RegisterInspectorRequest { Name = "吴督察", UserId = inspectorUser, Expertise = { "enforcement" } }, clerk);
        var mission = await inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = "2026年市场监管执法专项督察", Kind = "special_topic", Year = 2026, Methods = { "file_checks", "site_visits" },
            StartsOn = "2026-06-01", EndsOn = "2026-06-30",
            Targets = { new Platform.Contracts.Inspection.V1.MissionTarget { UnitId = unitId.ToString(), UnitName = unitName, RegionCode = "320602" } },
        }, clerk);
        await inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, clerk);
        foreach (var state in new[] { "notified", "in_progress" })
        {
            await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = state }, clerk);
        }
        var finding = await inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = unitId.ToString(), Title = "行政处罚案卷未按期归档", Description = "抽查30卷，12卷超期未归档。",
            Category = "行政执法", Severity = "serious",
        }, SliceScenario.Bearer(node.Tokens.Issue(inspectorUser, null, "inspector")));
        await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = "reporting" }, clerk);
        await inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = unitId.ToString() }, clerk);

        // Rectification: the item opens for the unit, which sees it.
        var item = await Eventually.GetAsync(
            async () => (await rectification.ListItemsAsync(new ListItemsRequest(), liaison)).Items.SingleOrDefault(),
            DeliveryTimeout, "the rectification item opened by the feedback");
        Assert.Equal((finding.Id, mission.Id, "serious", "320602"), (item.FindingId, item.MissionId, item.Severity, item.RegionCode));

        // Notification: the confidential feedback message and the deadline watch of the item.
        var feedbackMessage = await Eventually.GetAsync(
            async () => (await notification.ListInboxAsync(new ListInboxRequest { UnitId = unitId.ToString(), Kind = "inspection_feedback" }, liaison)).Messages.SingleOrDefault(),
            DeliveryTimeout, "the feedback message in the unit's inbox");
        Assert.Contains("行政处罚案卷未按期归档", feedbackMessage.Body);
        var watch = await Eventually.GetAsync(
            async () => (await notification.ListDeadlineWatchesAsync(new ListDeadlineWatchesRequest { UnitId = unitId.ToString() }, clerk))
                .Watches.SingleOrDefault(w => w.SourceId == item.Id),
            DeliveryTimeout, "the deadline watch of the item");
        Assert.Equal(("rectification_item", item.Deadline), (watch.SourceType, watch.Deadline));

        // Escalation in order: a reminder, then an urging notice that notification issues with a 文号.
        await rectification.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = "reminder", Reason = "整改进度滞后" }, clerk);
        await rectification.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = "urge", Reason = "提醒后仍未报送整改方案" }, clerk);
        var notice = await Eventually.GetAsync(
            async () => (await notification.ListDocumentsAsync(new ListDocumentsRequest { Kind = "urge_notice", UnitId = unitId.ToString() }, clerk)).Documents.SingleOrDefault(),
            DeliveryTimeout, "the urging notice");
        Assert.Matches(@"〔2026〕\d+号$", notice.Number);
        Assert.Contains(unitName, notice.Addressee);
        Assert.Contains("行政处罚案卷未按期归档", notice.Title + notice.Body);

        // A sibling unit sees neither the item nor the unit's inbox.
        var sibling = SliceScenario.Bearer(node.Tokens.Liaison(Guid.CreateVersion7()));
        Assert.Empty((await rectification.ListItemsAsync(new ListItemsRequest(), sibling)).Items);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => rectification.GetItemAsync(new GetItemRequest { ItemId = item.Id }, sibling).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var inbox = await Assert.ThrowsAsync<RpcException>(() =>
            notification.ListInboxAsync(new ListInboxRequest { UnitId = unitId.ToString() }, sibling).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, inbox.StatusCode);
    }
}
