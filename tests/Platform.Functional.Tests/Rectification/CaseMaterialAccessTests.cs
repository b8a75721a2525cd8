using Google.Protobuf;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Rectification;

/// <summary>
/// Items, their evidence and the ledger are case material: operators and auditors read none of
/// it, and an inspector reads only the items of missions they are on the team of.
/// </summary>
[Collection(RectificationNodeCollection.Name)]
public sealed class CaseMaterialAccessTests(RectificationNode node)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private RectificationService.RectificationServiceClient Api => node.Rectification;

    private async Task<(Guid UnitId, RectificationItem Item, string EvidenceId)> ItemWithEvidenceAsync(string unitName, string title)
    {
        node.SetToday(new DateOnly(2026, 3, 2));
        var unitId = Guid.CreateVersion7();
        var item = await node.DeliverAsync(RectificationNode.Feedback(unitId, unitName, [RectificationNode.Finding(title)]));
        var liaison = node.LiaisonOf(unitId);
        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "制定整改方案" } }, liaison);
        item = await Api.ReportProgressAsync(new ReportProgressRequest
        {
            ItemId = item.Id, Percent = 30, Text = "已完成自查",
            EvidenceFiles = { new NewEvidenceFile { FileName = "自查现场.png", Content = ByteString.CopyFrom(Png) } },
        }, liaison);
        return (unitId, item, Assert.Single(item.EvidenceFiles).Id);
    }

    private async Task<HttpStatusCode> GetStatusAsync(string path, string token)
    {
        using var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<StatusCode> RefusalAsync<T>(Func<AsyncUnaryCall<T>> call) =>
        (await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync)).StatusCode;

    [Fact]
    public async Task Operators_and_auditors_read_no_item_evidence_history_summary_or_ledger()
    {
        var (unitId, item, evidenceId) = await ItemWithEvidenceAsync("崇川区住建局", "建筑工地执法检查记录缺失");

        foreach (var (role, caller) in new[] { (PlatformRoles.NodeOperator, node.Operator), (PlatformRoles.Auditor, node.Auditor) })
        {
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, caller)));
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.ListItemsAsync(new ListItemsRequest(), caller)));
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.ListItemHistoryAsync(new ListItemHistoryRequest { ItemId = item.Id }, caller)));
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.ListLedgerAsync(new ListLedgerRequest { UnitId = unitId.ToString() }, caller)));
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.ExportLedgerAsync(new ExportLedgerRequest { UnitId = unitId.ToString() }, caller)));
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.GetWeeklySummaryAsync(new GetWeeklySummaryRequest { Week = "2026-03-02" }, caller)));
            Assert.Equal(StatusCode.PermissionDenied, await RefusalAsync(() => Api.ListEscalationProposalsAsync(new ListEscalationProposalsRequest(), caller)));

            var token = node.Tokens.Issue(role + "-rest", null, role);
            Assert.Equal(HttpStatusCode.Forbidden, await GetStatusAsync($"/api/rectification/v1/items/{item.Id}/evidence/{evidenceId}", token));
            Assert.Equal(HttpStatusCode.Forbidden, await GetStatusAsync($"/api/rectification/v1/ledger/workbook?unitId={unitId}", token));
        }

        // The escalation ladder is configuration, not a case: operators still read it.
        Assert.NotEmpty((await Api.GetEscalationLadderAsync(new GetEscalationLadderRequest(), node.Operator)).Steps);
    }

    [Fact]
    public async Task Only_the_inspectors_of_the_mission_read_its_items_evidence_and_ledger_rows()
    {
        var (unitId, item, evidenceId) = await ItemWithEvidenceAsync("崇川区交通局", "交通运输执法案卷不规范");

        var onTeam = node.Inspector;
        Assert.Equal(item.Id, (await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, onTeam)).Id);
        Assert.Contains(item.Id, (await Api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, onTeam)).Items.Select(i => i.Id));
        Assert.Contains(item.Id, (await Api.ListLedgerAsync(new ListLedgerRequest { UnitId = unitId.ToString() }, onTeam)).Rows.Select(r => r.Item.Id));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync($"/api/rectification/v1/items/{item.Id}/evidence/{evidenceId}",
            node.Tokens.Issue(RectificationNode.TeamInspector, null, PlatformRoles.Inspector)));

        // Another inspector of the same office, not on that mission: the item does not exist for them.
        var offTeam = node.InspectorOffTeam;
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, offTeam)));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => Api.ListItemHistoryAsync(new ListItemHistoryRequest { ItemId = item.Id }, offTeam)));
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => Api.ApplyEscalationAsync(
            new ApplyEscalationRequest { ItemId = item.Id, Step = "reminder", Reason = "提醒" }, offTeam)));
        Assert.Empty((await Api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, offTeam)).Items);
        Assert.Empty((await Api.ListLedgerAsync(new ListLedgerRequest { UnitId = unitId.ToString() }, offTeam)).Rows);
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => Api.ExportLedgerAsync(new ExportLedgerRequest { UnitId = unitId.ToString() }, offTeam)));
        Assert.Equal(HttpStatusCode.NotFound, await GetStatusAsync($"/api/rectification/v1/items/{item.Id}/evidence/{evidenceId}",
            node.Tokens.Issue("inspector-zhao", null, PlatformRoles.Inspector)));
    }

    [Fact]
    public async Task The_newest_feedback_names_the_team_and_an_old_sender_without_a_team_opens_the_items_to_no_inspector()
    {
        node.SetToday(new DateOnly(2026, 3, 2));
        var missionId = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var first = RectificationNode.Feedback(Guid.CreateVersion7(), "崇川区水利局", [RectificationNode.Finding("河道执法巡查记录缺失")], at: at)
            with { MissionId = missionId, MissionTeam = ["inspector-zhao"] };
        var later = RectificationNode.Feedback(Guid.CreateVersion7(), "崇川区农业农村局", [RectificationNode.Finding("农药经营许可审查不严")], at: at.AddHours(2))
            with { MissionId = missionId, MissionTeam = [RectificationNode.TeamInspector] };

        // The later feedback arrives first; the earlier one, delivered late, does not bring its team back.
        var laterItem = await node.DeliverAsync(later);
        var firstItem = await node.DeliverAsync(first);
        foreach (var item in new[] { laterItem, firstItem })
        {
            Assert.Equal(item.Id, (await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Inspector)).Id);
            Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.InspectorOffTeam)));
        }

        // A sender from before the team was carried: its items are the office's, not any inspector's.
        var legacy = await node.DeliverAsync(RectificationNode.Feedback(Guid.CreateVersion7(), "崇川区民政局", [RectificationNode.Finding("社会组织年检不及时")]) with { MissionTeam = null });
        Assert.Equal(StatusCode.NotFound, await RefusalAsync(() => Api.GetItemAsync(new GetItemRequest { ItemId = legacy.Id }, node.Inspector)));
        Assert.Equal(legacy.Id, (await Api.GetItemAsync(new GetItemRequest { ItemId = legacy.Id }, node.Clerk)).Id);
    }
}
