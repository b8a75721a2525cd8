using Platform.Contracts.Inspection.V1;

namespace Platform.Integration.Tests;

/// <summary>Inspection through the gateway of a distributed node: integrator-key intake, and confidential findings on PostgreSQL.</summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class InspectionDistributedTests(DistributedNode node)
{
    private Metadata Clerk => SliceScenario.Bearer(node.Tokens.OfficeStaff());

    [SkippableFact]
    public async Task Integrators_send_clues_through_the_gateway_with_their_key_only()
    {
        node.SkipIfUnavailable();
        var channel = node.CreateGatewayChannel();
        var inspection = new InspectionService.InspectionServiceClient(channel);
        var intake = new ClueIntakeService.ClueIntakeServiceClient(channel);
        var registered = await inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = SliceScenario.UniqueName("信访系统-"), AllowedSources = { "petition" } },
            SliceScenario.Bearer(node.Tokens.Issue("operator", null, "node_operator")));
        var key = new Metadata { { "x-integrator-key", registered.Key } };
        var sourceId = SliceScenario.UniqueName("xf-");
        var clue = new NewClue { SourceSystem = "petition", SourceId = sourceId, ReceivedAt = "2026-06-01T01:00:00Z", Subject = "拆迁补偿未依法公示", UnitName = "崇川区住建局" };

        var response = await intake.IntakeCluesAsync(new IntakeCluesRequest { Clues = { clue, new NewClue { SourceSystem = "web", SourceId = "w1" } } }, key);
        Assert.Equal(["accepted", "rejected"], response.Results.Select(r => r.Status));
        var resent = await intake.IntakeCluesAsync(new IntakeCluesRequest { Clues = { clue } }, key);
        Assert.Equal(("duplicate", response.Results[0].ClueId), (resent.Results[0].Status, resent.Results[0].ClueId));
        var stored = await inspection.GetClueAsync(new GetClueRequest { ClueId = response.Results[0].ClueId }, Clerk);
        Assert.Equal(sourceId, stored.SourceId);

        // REST intake through the gateway with the key.
        using var http = node.CreateGatewayClient();
        using var restIntake = new HttpRequestMessage(HttpMethod.Post, "/api/inspection/intake/clues")
        {
            Content = JsonContent.Create(new { clues = new[] { new { sourceSystem = "petition", sourceId = SliceScenario.UniqueName("xf-"), receivedAt = "2026-06-02T01:00:00Z", subject = "信访事项", unitName = "某局" } } }),
        };
        restIntake.Headers.Add("x-integrator-key", registered.Key);
        using var restResponse = await http.SendAsync(restIntake);
        var text = await restResponse.Content.ReadAsStringAsync();
        Assert.True(restResponse.IsSuccessStatusCode, text);
        Assert.Equal("accepted", JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("status").GetString());

        // A user token is refused on intake; the key is refused everywhere else.
        var jwt = await Assert.ThrowsAsync<RpcException>(() => intake.IntakeCluesAsync(new IntakeCluesRequest { Clues = { clue } }, Clerk).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, jwt.StatusCode);
        Assert.Contains("integrator key", jwt.Status.Detail);
        var elsewhere = await Assert.ThrowsAsync<RpcException>(() => inspection.ListCluesAsync(new ListCluesRequest(), key).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, elsewhere.StatusCode);
        using var restElsewhere = new HttpRequestMessage(HttpMethod.Get, "/api/inspection/v1/clues");
        restElsewhere.Headers.Add("x-integrator-key", registered.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(restElsewhere)).StatusCode);
    }

    [SkippableFact]
    public async Task A_sibling_unit_sees_nothing_of_another_units_findings_through_the_gateway()
    {
        node.SkipIfUnavailable();
        var inspection = new InspectionService.InspectionServiceClient(node.CreateGatewayChannel());
        var own = Guid.CreateVersion7();
        var sibling = Guid.CreateVersion7();
        var inspectorUser = SliceScenario.UniqueName("insp-");
        var inspector = await inspection.RegisterInspectorAsync(new RegisterInspectorRequest { Name = "周督察", UserId = inspectorUser, Expertise = { "judiciary" } }, Clerk);
        var mission = await inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = "2026年行政执法专项督察", Kind = "special_topic", Year = 2026, Methods = { "file_checks" }, StartsOn = "2026-06-01", EndsOn = "2026-06-30",
            Targets =
            {
                new MissionTarget { UnitId = own.ToString(), UnitName = "崇川区人民政府", RegionCode = "320602" },
                new MissionTarget { UnitId = sibling.ToString(), UnitName = "海门区人民政府", RegionCode = "320614" },
            },
        }, Clerk);
        await inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, Clerk);
        foreach (var state in new[] { "notified", "in_progress" })
        {
            await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = state }, Clerk);
        }
        var asInspector = SliceScenario.Bearer(node.Tokens.Issue(inspectorUser, null, "inspector"));
        var siblingFinding = await inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = sibling.ToString(), Title = "海门区执法问题", Description = "案卷缺失", Category = "行政执法", Severity = "severe",
        }, asInspector);
        var ownFinding = await inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = own.ToString(), Title = "崇川区执法问题", Description = "未公示", Category = "行政执法", Severity = "general",
        }, asInspector);
        await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = "reporting" }, Clerk);
        await inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = own.ToString() }, Clerk);
        await inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = sibling.ToString() }, Clerk);

        var liaison = node.Tokens.Liaison(own);
        var listed = await inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id }, SliceScenario.Bearer(liaison));
        Assert.Equal([ownFinding.Id], listed.Findings.Select(f => f.Id));
        var byId = await Assert.ThrowsAsync<RpcException>(() => inspection.GetFindingAsync(new GetFindingRequest { FindingId = siblingFinding.Id }, SliceScenario.Bearer(liaison)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, byId.StatusCode);

        using var http = node.CreateGatewayClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", liaison);
        var rest = JsonDocument.Parse(await http.GetStringAsync($"/api/inspection/v1/findings?missionId={mission.Id}")).RootElement;
        Assert.Equal([ownFinding.Id], rest.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/inspection/v1/findings/{siblingFinding.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/inspection/v1/findings?unitId={sibling}")).StatusCode);
    }
}
