using Google.Protobuf;
using Platform.Contracts.Inspection.V1;

namespace Platform.Functional.Tests.Inspection;

/// <summary>
/// Feedback is one to one and in confidence (点对点、背靠背): a unit sees its own findings,
/// only once they were fed back, and never a sibling's — by list or by id, over gRPC and REST.
/// </summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class ConfidentialityTests(InspectionNode node)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Fact]
    public async Task A_unit_sees_its_own_findings_after_feedback_and_a_sibling_sees_nothing()
    {
        var chongchuan = InspectionNode.NewUnit("崇川区人民政府", "320602");
        var haimen = InspectionNode.NewUnit("海门区人民政府", "320614");
        var (mission, inspector) = await node.MissionInProgressAsync(chongchuan, haimen);
        var own = await node.RecordAsync(mission.Id, chongchuan.Id, "重大行政决策未经合法性审查", inspector, "severe");
        var sibling = await node.RecordAsync(mission.Id, haimen.Id, "行政复议决定未按期履行", inspector, "serious");
        var evidence = await node.Inspection.AddEvidenceAsync(
            new AddEvidenceRequest { FindingId = sibling.Id, FileName = "现场照片.png", Content = ByteString.CopyFrom(Png) }, inspector);
        var chongchuanLiaison = node.LiaisonOf(chongchuan.Id);

        // Before feedback the unit sees none of its findings.
        Assert.Empty((await node.Inspection.ListFindingsAsync(new ListFindingsRequest(), chongchuanLiaison)).Findings);
        await AssertNotFoundAsync(own.Id, chongchuanLiaison);

        await node.MoveAsync(mission.Id, "reporting");
        await node.Inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = chongchuan.Id.ToString() }, node.Clerk);
        await node.Inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = haimen.Id.ToString() }, node.Clerk);

        // Its own: listed and readable.
        var listed = await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id }, chongchuanLiaison);
        Assert.Equal([own.Id], listed.Findings.Select(f => f.Id));
        Assert.Equal("重大行政决策未经合法性审查", (await node.Inspection.GetFindingAsync(new GetFindingRequest { FindingId = own.Id }, chongchuanLiaison)).Title);
        var leader = SliceScenario.Bearer(node.Tokens.Issue("leader-cc", chongchuan.Id, Platform.BuildingBlocks.Auth.PlatformRoles.Leader));
        Assert.Equal([own.Id], (await node.Inspection.ListFindingsAsync(new ListFindingsRequest(), leader)).Findings.Select(f => f.Id));

        // The sibling's: not listed, not readable by id (NotFound, not revealing it exists), its evidence not downloadable.
        Assert.DoesNotContain(listed.Findings, f => f.Id == sibling.Id);
        Assert.DoesNotContain((await node.Inspection.ListFindingsAsync(new ListFindingsRequest { Severity = "serious" }, chongchuanLiaison)).Findings, f => f.Id == sibling.Id);
        await AssertNotFoundAsync(sibling.Id, chongchuanLiaison);
        var asking = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.ListFindingsAsync(
            new ListFindingsRequest { UnitId = haimen.Id.ToString() }, chongchuanLiaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, asking.StatusCode);

        // Its mission view shows its own target only, and feedback lists show its own feedback only.
        var seen = await node.Inspection.GetMissionAsync(new GetMissionRequest { MissionId = mission.Id }, chongchuanLiaison);
        Assert.Equal([chongchuan.Id.ToString()], seen.Targets.Select(t => t.UnitId));
        var feedback = await node.Inspection.ListFeedbackAsync(new ListFeedbackRequest { MissionId = mission.Id }, chongchuanLiaison);
        Assert.Equal([chongchuan.Id.ToString()], feedback.Feedback.Select(f => f.UnitId));

        // A unit that is not a target at all sees nothing, not even the mission.
        var stranger = node.LiaisonOf(Guid.CreateVersion7());
        Assert.Empty((await node.Inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = mission.Id }, stranger)).Findings);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.GetMissionAsync(new GetMissionRequest { MissionId = mission.Id }, stranger).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);

        // The same over REST.
        using var rest = node.Rest(node.LiaisonToken(chongchuan.Id));
        var body = JsonDocument.Parse(await rest.GetStringAsync($"/api/inspection/v1/findings?missionId={mission.Id}")).RootElement;
        Assert.Equal([own.Id], body.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync($"/api/inspection/v1/findings/{sibling.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rest.GetAsync($"/api/inspection/v1/findings?unitId={haimen.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync($"/api/inspection/v1/evidence/{evidence.Id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rest.GetAsync($"/api/inspection/v1/findings/{own.Id}")).StatusCode);

        // The download's 404 reads like missing evidence: the same message, no finding id.
        await NotFoundShape.AssertRestHidesAsync(rest, id => $"/api/inspection/v1/evidence/{id}/content", evidence.Id, sibling.Id, haimen.Id.ToString());

        // The responsible unit and the office download the evidence.
        using var haimenRest = node.Rest(node.LiaisonToken(haimen.Id));
        Assert.Equal(Png, await haimenRest.GetByteArrayAsync($"/api/inspection/v1/evidence/{evidence.Id}/content"));
        using var office = node.Rest(node.Tokens.OfficeStaff());
        Assert.Equal(Png, await office.GetByteArrayAsync($"/api/inspection/v1/evidence/{evidence.Id}/content"));
    }

    [Fact]
    public async Task Evidence_is_checked_by_type_and_size()
    {
        var unit = InspectionNode.NewUnit("启东市人民政府", "320681");
        var (mission, inspector) = await node.MissionInProgressAsync(unit);
        var finding = await node.RecordAsync(mission.Id, unit.Id, "执法人员未持证上岗", inspector);
        var exe = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.AddEvidenceAsync(
            new AddEvidenceRequest { FindingId = finding.Id, FileName = "tool.exe", Content = ByteString.CopyFrom(Png) }, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(exe, "file_name");
        var renamed = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.AddEvidenceAsync(
            new AddEvidenceRequest { FindingId = finding.Id, FileName = "案卷.pdf", Content = ByteString.CopyFrom(Png) }, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(renamed, "content");
        var stored = await node.Inspection.GetFindingAsync(new GetFindingRequest { FindingId = finding.Id }, node.Clerk);
        Assert.Empty(stored.Evidence);
    }

    private async Task AssertNotFoundAsync(string findingId, Metadata caller)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.GetFindingAsync(new GetFindingRequest { FindingId = findingId }, caller).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
