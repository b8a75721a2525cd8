using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Inspection.V1;

namespace Platform.Functional.Tests.Inspection;

/// <summary>The inspector pool, missions and their state machine, team formation, findings, feedback and the events.</summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class MissionTests(InspectionNode node)
{
    [Fact]
    public async Task A_mission_runs_from_planned_to_closed_and_publishes_its_events()
    {
        var justice = InspectionNode.NewUnit("崇川区司法局", "320602");
        var market = InspectionNode.NewUnit("海门区市场监管局", "320614");
        var (mission, inspector) = await node.MissionInProgressAsync(justice, market);
        Assert.Equal("in_progress", mission.State);
        Assert.Equal(["reporting"], mission.AllowedNextStates);

        var first = await node.RecordAsync(mission.Id, justice.Id, "行政处罚案卷未载明听证告知", inspector, "severe", "行政执法");
        await node.RecordAsync(mission.Id, justice.Id, "规范性文件未按期清理", inspector, "general", "制度建设");
        await node.RecordAsync(mission.Id, market.Id, "执法全过程记录缺失", inspector, "serious", "行政执法");
        var stored = await node.Inspection.GetFindingAsync(new GetFindingRequest { FindingId = first.Id }, node.Clerk);
        Assert.StartsWith("insp-", stored.RecordedBy);
        Assert.Equal("severe", stored.Severity);
        Assert.Empty(stored.FeedbackId);

        // Feedback waits for the reporting state; feedback_given waits for every unit with findings.
        var early = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.GiveFeedbackAsync(
            new GiveFeedbackRequest { MissionId = mission.Id, UnitId = justice.Id.ToString() }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        await node.MoveAsync(mission.Id, "reporting");

        var feedback = await node.Inspection.GiveFeedbackAsync(
            new GiveFeedbackRequest { MissionId = mission.Id, UnitId = justice.Id.ToString(), Note = "请于30日内报送整改方案" }, node.Clerk);
        Assert.Equal(2, feedback.FindingIds.Count);
        Assert.Equal("clerk", feedback.GivenBy);
        var waiting = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TransitionMissionAsync(
            new TransitionMissionRequest { MissionId = mission.Id, ToState = "feedback_given" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, waiting.StatusCode);
        Assert.Contains(market.Name, waiting.Status.Detail);
        var twice = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.GiveFeedbackAsync(
            new GiveFeedbackRequest { MissionId = mission.Id, UnitId = justice.Id.ToString() }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);

        await node.Inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = market.Id.ToString() }, node.Clerk);
        await node.MoveAsync(mission.Id, "feedback_given", "closed");
        var closed = await node.Inspection.GetMissionAsync(new GetMissionRequest { MissionId = mission.Id }, node.Clerk);
        Assert.Equal("closed", closed.State);
        Assert.Empty(closed.AllowedNextStates);
        Assert.All(closed.Targets, t => Assert.True(t.FeedbackGiven));

        var notified = Assert.Single(await node.OutboxEventsAsync<MissionNotified>(), e => e.MissionId.ToString() == mission.Id);
        Assert.Equal("special_topic", notified.Kind);
        Assert.Equal([justice.Id, market.Id], notified.Targets.Select(t => t.UnitId).OrderBy(id => id == market.Id));
        Assert.Equal(new DateOnly(2026, 5, 11), notified.StartsOn);
        Assert.Equal(EmbeddedNodeFactory.NodeId, notified.NodeId);

        var recorded = (await node.OutboxEventsAsync<FindingRecorded>()).Where(e => e.MissionId.ToString() == mission.Id).ToList();
        Assert.Equal(3, recorded.Count);
        Assert.Contains(recorded, e => e.Severity == "severe" && e.ResponsibleUnitId == justice.Id);

        // One FeedbackGiven per unit, each with that unit's findings only, and its region code.
        var given = (await node.OutboxEventsAsync<FeedbackGiven>()).Where(e => e.MissionId.ToString() == mission.Id).ToList();
        Assert.Equal(2, given.Count);
        var toJustice = given.Single(e => e.UnitId == justice.Id);
        Assert.Equal("320602", toJustice.UnitRegionCode);
        Assert.Equal(justice.Name, toJustice.UnitName);
        Assert.Equal("special_topic", toJustice.MissionKind);
        Assert.Equal(["行政处罚案卷未载明听证告知", "规范性文件未按期清理"], toJustice.Findings.Select(f => f.Title).Order(StringComparer.Ordinal));
        Assert.All(toJustice.Findings, f => Assert.Equal("执法案卷室", f.Location));
        // Each carries the mission's team, so rectification lets exactly these inspectors read the items.
        Assert.All(given, e => Assert.Equal([stored.RecordedBy], e.MissionTeam));
        var toMarket = given.Single(e => e.UnitId == market.Id);
        Assert.Equal("320614", toMarket.UnitRegionCode);
        Assert.Equal(["执法全过程记录缺失"], toMarket.Findings.Select(f => f.Title));
    }

    [Fact]
    public async Task Illegal_transitions_name_the_current_and_the_allowed_next_states()
    {
        var mission = await node.CreateMissionAsync(InspectionNode.NewUnit("通州区人民政府", "320612"));
        Assert.Equal("planned", mission.State);
        Assert.Equal(["notified"], mission.AllowedNextStates);

        await AssertRefusedAsync(mission.Id, "in_progress", "planned", "notified");

        // Notifying needs a team.
        var noTeam = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TransitionMissionAsync(
            new TransitionMissionRequest { MissionId = mission.Id, ToState = "notified" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, noTeam.StatusCode);

        var inspector = await node.RegisterInspectorAsync("李专员");
        await node.Inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, node.Clerk);
        await node.MoveAsync(mission.Id, "notified");
        await AssertRefusedAsync(mission.Id, "planned", "notified", "in_progress");

        var unknown = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TransitionMissionAsync(
            new TransitionMissionRequest { MissionId = mission.Id, ToState = "finished" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(unknown, "to_state");

        var notOffice = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TransitionMissionAsync(
            new TransitionMissionRequest { MissionId = mission.Id, ToState = "in_progress" }, node.InspectorToken(inspector.UserId)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notOffice.StatusCode);

        var missing = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TransitionMissionAsync(
            new TransitionMissionRequest { MissionId = Guid.CreateVersion7().ToString(), ToState = "notified" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Team_formation_refuses_conflicts_of_interest_unavailable_inspectors_and_a_leader_off_the_team()
    {
        var haimen = InspectionNode.NewUnit("海门区人民政府", "320614");
        var mission = await node.CreateMissionAsync(haimen, InspectionNode.NewUnit("启东市人民政府", "320681"));
        var insider = await node.RegisterInspectorAsync("王律师", haimen.Id, haimen.Name);
        var busy = await node.RegisterInspectorAsync("赵教授");
        await node.Inspection.SetInspectorAvailabilityAsync(new SetInspectorAvailabilityRequest { InspectorId = busy.Id, Available = false }, node.Clerk);
        var free = await node.RegisterInspectorAsync("钱检察官");

        var conflict = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.FormTeamAsync(
            new FormTeamRequest { MissionId = mission.Id, InspectorIds = { free.Id, insider.Id }, LeaderInspectorId = free.Id }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(conflict, "inspector_ids[1]");
        Assert.Contains("conflict of interest", conflict.Status.Detail);
        Assert.Contains("王律师", conflict.Status.Detail);
        Assert.Contains(haimen.Name, conflict.Status.Detail);

        var unavailable = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.FormTeamAsync(
            new FormTeamRequest { MissionId = mission.Id, InspectorIds = { busy.Id, free.Id }, LeaderInspectorId = free.Id }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(unavailable, "inspector_ids[0]");
        Assert.Contains("not available", unavailable.Status.Detail);

        var leaderOff = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.FormTeamAsync(
            new FormTeamRequest { MissionId = mission.Id, InspectorIds = { free.Id }, LeaderInspectorId = insider.Id }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(leaderOff, "leader_inspector_id");

        // Nothing was stored by the refused attempts; a clean team is accepted.
        Assert.Empty((await node.Inspection.GetMissionAsync(new GetMissionRequest { MissionId = mission.Id }, node.Clerk)).Team);
        var formed = await node.Inspection.FormTeamAsync(
            new FormTeamRequest { MissionId = mission.Id, InspectorIds = { free.Id }, LeaderInspectorId = free.Id }, node.Clerk);
        var member = Assert.Single(formed.Team);
        Assert.True(member.Leader);
        Assert.Equal("钱检察官", member.Name);

        // The insider may inspect a mission that does not target their unit.
        var elsewhere = await node.CreateMissionAsync(InspectionNode.NewUnit("如皋市人民政府", "320682"));
        await node.Inspection.FormTeamAsync(new FormTeamRequest { MissionId = elsewhere.Id, InspectorIds = { insider.Id }, LeaderInspectorId = insider.Id }, node.Clerk);
    }

    [Fact]
    public async Task Bad_input_names_each_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = " ",
            Kind = "surprise",
            Year = 2026,
            Targets = { new Contracts.Inspection.V1.MissionTarget { UnitId = "x", UnitName = "某单位", RegionCode = "32" } },
            Methods = { "telepathy" },
            StartsOn = "2026-06-01",
            EndsOn = "2026-05-01",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "title", "kind", "targets[0].unit_id", "targets[0].region_code", "methods[0]");

        var dates = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = "督察", Kind = "on_site", Year = 2026, Methods = { "site_visits" }, StartsOn = "2026-06-01", EndsOn = "2026-05-01",
            Targets = { new Contracts.Inspection.V1.MissionTarget { UnitId = Guid.CreateVersion7().ToString(), UnitName = "某单位" } },
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(dates, "ends_on");

        var pool = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RegisterInspectorAsync(
            new RegisterInspectorRequest { Name = "", UserId = "u1", Expertise = { "astrology" } }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(pool, "name", "expertise[0]");

        var (mission, inspector) = await node.MissionInProgressAsync(InspectionNode.NewUnit("如东县人民政府", "320623"));
        var finding = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = Guid.CreateVersion7().ToString(), Title = "问题", Description = "", Category = "执法", Severity = "minor",
        }, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(finding, "description", "severity");
        var notTarget = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = Guid.CreateVersion7().ToString(), Title = "问题", Description = "描述", Category = "执法", Severity = "general",
        }, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(notTarget, "responsible_unit_id");

        var page = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.ListMissionsAsync(
            new ListMissionsRequest { PageSize = 9999, State = "sleeping" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(page, "page_size", "state");
    }

    [Fact]
    public async Task Only_the_team_records_findings_and_lists_page_and_filter()
    {
        var unit = InspectionNode.NewUnit("崇川区人民政府", "320602");
        var (mission, inspector) = await node.MissionInProgressAsync(unit);
        var outsider = await node.RegisterInspectorAsync("孙专员");
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            node.RecordAsync(mission.Id, unit.Id, "不应记录", node.InspectorToken(outsider.UserId)));
        Assert.Equal(StatusCode.NotFound, denied.StatusCode);

        for (var i = 0; i < 5; i++)
        {
            await node.RecordAsync(mission.Id, unit.Id, $"问题{i}", inspector, i % 2 == 0 ? "general" : "severe", i < 3 ? "行政执法" : "行政复议");
        }
        var first = await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id, PageSize = 2 }, node.Clerk);
        Assert.Equal(2, first.Findings.Count);
        Assert.NotEmpty(first.NextPageToken);
        var rest = await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id, PageSize = 10, PageToken = first.NextPageToken }, node.Clerk);
        Assert.Equal(3, rest.Findings.Count);
        Assert.Empty(rest.NextPageToken);
        // Newest first by id (a Guid v7); ids made within one millisecond may come in either order, so compare as a set.
        Assert.Equal(["问题0", "问题1", "问题2", "问题3", "问题4"], first.Findings.Concat(rest.Findings).Select(f => f.Title).Order(StringComparer.Ordinal));

        var severe = await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id, Severity = "severe" }, node.Clerk);
        Assert.Equal(["问题1", "问题3"], severe.Findings.Select(f => f.Title).Order(StringComparer.Ordinal));
        var review = await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id, Category = "行政复议" }, inspector);
        Assert.Equal(["问题3", "问题4"], review.Findings.Select(f => f.Title).Order(StringComparer.Ordinal));
        // An inspector sees only the findings of missions they are on.
        Assert.Empty((await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id }, node.InspectorToken(outsider.UserId))).Findings);

        var year = await node.Inspection.ListMissionsAsync(new ListMissionsRequest { Year = 2026, Kind = "special_topic", State = "in_progress", PageSize = 500 }, node.Clerk);
        Assert.Contains(year.Missions, m => m.Id == mission.Id);
        Assert.All(year.Missions, m => Assert.Equal("in_progress", m.State));
        var available = await node.Inspection.ListInspectorsAsync(new ListInspectorsRequest { Expertise = "enforcement", Available = "true", PageSize = 500 }, node.Clerk);
        Assert.Contains(available.Inspectors, i => i.Id == outsider.Id);
    }

    [Fact]
    public async Task A_finding_list_is_recorded_all_or_none()
    {
        var unit = InspectionNode.NewUnit("海门区司法局", "320614");
        var (mission, inspector) = await node.MissionInProgressAsync(unit);
        var bad = new RecordFindingsRequest { MissionId = mission.Id };
        bad.Findings.Add(new NewFinding { ResponsibleUnitId = unit.Id.ToString(), Title = "合格", Description = "描述", Category = "执法", Severity = "general" });
        bad.Findings.Add(new NewFinding { ResponsibleUnitId = unit.Id.ToString(), Title = "", Description = "描述", Category = "执法", Severity = "grave" });
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RecordFindingsAsync(bad, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "findings[1].title", "findings[1].severity");
        Assert.Empty((await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id }, node.Clerk)).Findings);

        var good = new RecordFindingsRequest { MissionId = mission.Id };
        good.Findings.AddRange(Enumerable.Range(0, 30).Select(i => new NewFinding
        {
            ResponsibleUnitId = unit.Id.ToString(), Title = $"清单问题{i}", Description = "描述", Category = "执法", Severity = "serious",
        }));
        var recorded = await node.Inspection.RecordFindingsAsync(good, inspector);
        Assert.Equal(30, recorded.Findings.Count);
        Assert.Equal(30, (await node.OutboxEventsAsync<FindingRecorded>()).Count(e => e.MissionId.ToString() == mission.Id));
        var tooMany = new RecordFindingsRequest { MissionId = mission.Id };
        tooMany.Findings.AddRange(Enumerable.Range(0, 501).Select(_ => good.Findings[0]));
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RecordFindingsAsync(tooMany, inspector).ResponseAsync), "findings");
    }

    /// <summary>The office's move to <paramref name="toState"/> is refused, naming the state and the moves allowed from it.</summary>
    private async Task AssertRefusedAsync(string missionId, string toState, string state, string allowedNext)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TransitionMissionAsync(
            new TransitionMissionRequest { MissionId = missionId, ToState = toState }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains($"Mission is {state}", refused.Status.Detail);
        Assert.Contains($"Allowed next states: {allowedNext}", refused.Status.Detail);
    }
}
