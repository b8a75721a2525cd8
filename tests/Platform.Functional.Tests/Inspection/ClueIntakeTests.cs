using Platform.Contracts.Inspection.V1;

namespace Platform.Functional.Tests.Inspection;

/// <summary>Clue intake by integrators: keys, batches with good and bad items, idempotency, duplicate groups and triage.</summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class ClueIntakeTests(InspectionNode node)
{
    private static NewClue Clue(string source, string sourceId, string unitName = "南通市市场监管局", string subject = "食品经营许可审批超时", string category = "行政许可") => new()
    {
        SourceSystem = source,
        SourceId = sourceId,
        ReceivedAt = "2026-04-20T02:30:00Z",
        Subject = subject,
        Content = "群众反映办理许可超过法定期限。",
        Category = category,
        UnitName = unitName,
        RegionCode = "320600",
    };

    [Fact]
    public async Task A_batch_with_good_and_bad_items_stores_the_good_ones_and_explains_each_bad_one()
    {
        var key = await node.RegisterIntegratorAsync("hotline_12345", "web");
        var batch = new IntakeCluesRequest
        {
            Clues =
            {
                Clue("hotline_12345", SliceScenario.UniqueName("h-")),
                new NewClue { SourceSystem = "hotline_12345", SourceId = "", ReceivedAt = "yesterday", Subject = "缺少编号", UnitName = "某局" },
                Clue("petition", SliceScenario.UniqueName("p-")),
                Clue("web", SliceScenario.UniqueName("w-"), unitName: ""),
                Clue("web", SliceScenario.UniqueName("w-")),
            },
        };
        var response = await node.Intake.IntakeCluesAsync(batch, InspectionNode.Key(key));
        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "accepted"], response.Results.Select(r => r.Status));
        Assert.Equal([0, 1, 2, 3, 4], response.Results.Select(r => r.Index));
        Assert.Equal((2, 0, 3), (response.Accepted, response.Duplicates, response.Rejected));
        Assert.Contains("source_id", response.Results[1].Reason);
        Assert.Contains("received_at", response.Results[1].Reason);
        Assert.Contains("may not send petition", response.Results[2].Reason);
        Assert.Contains("unit_name", response.Results[3].Reason);

        var stored = await node.Inspection.GetClueAsync(new GetClueRequest { ClueId = response.Results[0].ClueId }, node.Clerk);
        Assert.Equal("hotline_12345", stored.SourceSystem);
        Assert.Equal(batch.Clues[0].SourceId, stored.SourceId);
        Assert.Equal("2026-04-20T02:30:00.000Z", stored.ReceivedAt);
        Assert.Equal("new", stored.Status);
        Assert.NotEmpty(stored.IntegratorId);

        var tooMany = new IntakeCluesRequest();
        tooMany.Clues.AddRange(Enumerable.Range(0, 1001).Select(i => Clue("web", $"many-{i}")));
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Intake.IntakeCluesAsync(tooMany, InspectionNode.Key(key)).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "clues");
        var empty = await Assert.ThrowsAsync<RpcException>(() => node.Intake.IntakeCluesAsync(new IntakeCluesRequest(), InspectionNode.Key(key)).ResponseAsync);
        SliceScenario.AssertBadRequest(empty, "clues");
    }

    [Fact]
    public async Task The_same_source_id_is_stored_once_also_under_concurrent_resends()
    {
        var key = await node.RegisterIntegratorAsync("petition");
        var first = Clue("petition", SliceScenario.UniqueName("xf-"));
        var original = (await node.Intake.IntakeCluesAsync(new IntakeCluesRequest { Clues = { first } }, InspectionNode.Key(key))).Results.Single();
        Assert.Equal("accepted", original.Status);

        var again = await node.Intake.IntakeCluesAsync(new IntakeCluesRequest { Clues = { first, first } }, InspectionNode.Key(key));
        Assert.All(again.Results, r => Assert.Equal("duplicate", r.Status));
        Assert.All(again.Results, r => Assert.Equal(original.ClueId, r.ClueId));

        // Ten callers race with the same new batch: every clue is stored once and all callers get the same ids.
        var batch = new IntakeCluesRequest();
        batch.Clues.AddRange(Enumerable.Range(0, 20).Select(i => Clue("petition", SliceScenario.UniqueName($"race{i}-"), subject: $"事项{i}")));
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => node.Intake.IntakeCluesAsync(batch, InspectionNode.Key(key)).ResponseAsync));
        Assert.Equal(20, answers.Sum(a => a.Accepted));
        for (var i = 0; i < 20; i++)
        {
            Assert.Single(answers.Select(a => a.Results[i].ClueId).Distinct());
        }
        var listed = await node.Inspection.ListCluesAsync(new ListCluesRequest { SourceSystem = "petition", PageSize = 500 }, node.Clerk);
        Assert.Equal(20, listed.Clues.Count(c => batch.Clues.Any(b => b.SourceId == c.SourceId)));
    }

    [Fact]
    public async Task Only_an_integrator_key_opens_the_intake_and_the_key_opens_nothing_else()
    {
        var key = await node.RegisterIntegratorAsync("web");
        var request = new IntakeCluesRequest { Clues = { Clue("web", SliceScenario.UniqueName("k-")) } };

        var jwt = await Assert.ThrowsAsync<RpcException>(() => node.Intake.IntakeCluesAsync(request, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, jwt.StatusCode);
        Assert.Contains("integrator key", jwt.Status.Detail);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => node.Intake.IntakeCluesAsync(request, InspectionNode.Key(key[..^2] + "xx")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        var elsewhere = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.ListCluesAsync(new ListCluesRequest(), InspectionNode.Key(key)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, elsewhere.StatusCode);
        var notOperator = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = "x", AllowedSources = { "web" } }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notOperator.StatusCode);

        // REST: the same route works with the key and refuses a token.
        using var http = node.CreateClient();
        using var withKey = new HttpRequestMessage(HttpMethod.Post, "/api/inspection/intake/clues")
        {
            Content = JsonContent.Create(new { clues = new[] { new { sourceSystem = "web", sourceId = SliceScenario.UniqueName("rest-"), receivedAt = "2026-04-21T08:00:00Z", subject = "网上投诉", unitName = "某局" } } }),
        };
        withKey.Headers.Add("x-integrator-key", key);
        using var accepted = await http.SendAsync(withKey);
        var text = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.IsSuccessStatusCode, text);
        Assert.Equal("accepted", JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("status").GetString());
        using var withToken = node.Rest(node.Tokens.OfficeStaff());
        using var refused = await withToken.PostAsJsonAsync("/api/inspection/intake/clues", new { clues = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // A revoked key opens nothing.
        var integrators = await node.Inspection.ListIntegratorsAsync(new ListIntegratorsRequest { PageSize = 500 }, node.Operator);
        var id = integrators.Integrators.Single(i => key.StartsWith(Guid.Parse(i.Id).ToString("N"), StringComparison.Ordinal)).Id;
        Assert.True((await node.Inspection.RevokeIntegratorAsync(new RevokeIntegratorRequest { IntegratorId = id }, node.Operator)).Revoked);
        var revoked = await Assert.ThrowsAsync<RpcException>(() => node.Intake.IntakeCluesAsync(request, InspectionNode.Key(key)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, revoked.StatusCode);
    }

    [Fact]
    public async Task Likely_duplicates_from_different_sources_are_grouped_merged_split_and_triaged()
    {
        var key = await node.RegisterIntegratorAsync("hotline_12345", "petition", "web");
        var unit = SliceScenario.UniqueName("如皋市自然资源局");
        var response = await node.Intake.IntakeCluesAsync(new IntakeCluesRequest
        {
            Clues =
            {
                Clue("hotline_12345", SliceScenario.UniqueName("h-"), unit, "违法占地未查处", "土地执法"),
                Clue("petition", SliceScenario.UniqueName("p-"), unit + " ", "违法占地 未查处！", "土地执法"),
                Clue("web", SliceScenario.UniqueName("w-"), unit, "违法占地未查处", "土地执法"),
                Clue("web", SliceScenario.UniqueName("w-"), unit, "信息公开答复超期", "政务公开"),
            },
        }, InspectionNode.Key(key));
        Assert.All(response.Results, r => Assert.Equal("accepted", r.Status));
        var group = response.Results[1].DuplicateGroupId;
        Assert.NotEmpty(group);
        Assert.Equal(group, response.Results[2].DuplicateGroupId);
        Assert.Empty(response.Results[3].DuplicateGroupId);
        var members = await node.Inspection.ListCluesAsync(new ListCluesRequest { DuplicateGroupId = group }, node.Clerk);
        Assert.Equal(3, members.Clues.Count);

        // The office splits one out, merges the rest into a primary, and triages.
        var split = await node.Inspection.SplitClueAsync(new SplitClueRequest { ClueId = response.Results[2].ClueId }, node.Clerk);
        Assert.Empty(split.DuplicateGroupId);
        var merged = await node.Inspection.MergeCluesAsync(new MergeCluesRequest { GroupId = group, PrimaryClueId = response.Results[0].ClueId }, node.Clerk);
        Assert.Equal([response.Results[1].ClueId], merged.MergedClueIds);
        var mergedClue = await node.Inspection.GetClueAsync(new GetClueRequest { ClueId = response.Results[1].ClueId }, node.Clerk);
        Assert.Equal(("merged", response.Results[0].ClueId), (mergedClue.Status, mergedClue.MergedIntoClueId));

        var mission = await node.CreateMissionAsync(InspectionNode.NewUnit("如皋市人民政府", "320682"));
        var toMission = await node.Inspection.TriageClueAsync(new TriageClueRequest { ClueId = response.Results[0].ClueId, Action = "assign_to_mission", MissionId = mission.Id }, node.Clerk);
        Assert.Equal(("assigned_to_mission", mission.Id, "clerk"), (toMission.Status, toMission.MissionId, toMission.TriagedBy));
        var unitId = Guid.CreateVersion7().ToString();
        var toUnit = await node.Inspection.TriageClueAsync(new TriageClueRequest { ClueId = response.Results[2].ClueId, Action = "assign_to_unit", UnitId = unitId, UnitName = unit }, node.Clerk);
        Assert.Equal(("assigned_to_unit", unitId), (toUnit.Status, toUnit.AssignedUnitId));
        var noReason = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TriageClueAsync(
            new TriageClueRequest { ClueId = response.Results[3].ClueId, Action = "close" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(noReason, "reason");
        var closed = await node.Inspection.TriageClueAsync(new TriageClueRequest { ClueId = response.Results[3].ClueId, Action = "close", Reason = "已依申请公开，不属督察范围" }, node.Clerk);
        Assert.Equal("closed", closed.Status);
        var twice = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.TriageClueAsync(
            new TriageClueRequest { ClueId = response.Results[3].ClueId, Action = "close", Reason = "再次" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);

        var filtered = await node.Inspection.ListCluesAsync(new ListCluesRequest
        {
            Status = "assigned_to_unit", UnitId = unitId, ReceivedFrom = "2026-04-20T00:00:00Z", ReceivedTo = "2026-04-21T00:00:00Z",
        }, node.Clerk);
        Assert.Equal([response.Results[2].ClueId], filtered.Clues.Select(c => c.Id));
        var badRange = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.ListCluesAsync(new ListCluesRequest { ReceivedFrom = "soon", Status = "lost" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(badRange, "status", "received_from");
        var liaison = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.ListCluesAsync(new ListCluesRequest(), node.LiaisonOf(Guid.CreateVersion7())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, liaison.StatusCode);
    }
}
