using System.Security.Cryptography;
using Google.Protobuf;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Rectification;

/// <summary>Evidence files on a unit's reports: checked, stored, listed on the item, downloadable by those who see it.</summary>
[Collection(RectificationNodeCollection.Name)]
public sealed class EvidenceFileTests(RectificationNode node)
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n整改报告"u8.ToArray()];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private RectificationService.RectificationServiceClient Api => node.Rectification;

    private static NewEvidenceFile File(string name, byte[] content) => new() { FileName = name, Content = ByteString.CopyFrom(content) };

    private async Task<(Guid UnitId, RectificationItem Item)> ItemWithPlanAsync(string unitName, string title)
    {
        var (unitId, item) = await node.OpenItemAsync(unitName, RectificationNode.Finding(title));
        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "制定整改方案" } }, node.LiaisonOf(unitId));
        return (unitId, item);
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string? FileName, byte[] Body)> DownloadAsync(string itemId, string evidenceId, string token)
    {
        using var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/rectification/v1/items/{itemId}/evidence/{evidenceId}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition?.FileNameStar, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Completion_files_are_stored_listed_and_survive_a_send_back()
    {
        var (unitId, item) = await ItemWithPlanAsync("崇川区市场监管局", "行政处罚案卷不规范");
        var liaison = node.LiaisonOf(unitId);

        item = await Api.ReportProgressAsync(new ReportProgressRequest
        {
            ItemId = item.Id, Percent = 40, Text = "已完成案卷自查", EvidenceFiles = { File("自查现场.png", Png) },
        }, liaison);
        var progressFile = Assert.Single(item.EvidenceFiles);
        Assert.Equal(("自查现场.png", "image/png", "progress_reported"), (progressFile.FileName, progressFile.ContentType, progressFile.Report));

        item = await Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id, Summary = "案卷已全部整改", Evidence = { "整改台账一份" }, EvidenceFiles = { File("整改报告.pdf", Pdf) },
        }, liaison);
        Assert.Equal("completion_submitted", item.State);
        Assert.Equal(["整改台账一份"], item.Evidence.ToArray());
        var report = item.EvidenceFiles[1];
        Assert.Equal(("整改报告.pdf", "application/pdf", (long)Pdf.Length, "completion_submitted"), (report.FileName, report.ContentType, report.Size, report.Report));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), report.Sha256);
        Assert.Equal("liaison-" + unitId.ToString()[..8], report.UploadedBy);
        Assert.Equal(RectificationNode.NodeId, report.UploadedOnNode);
        Assert.False(string.IsNullOrEmpty(report.UploadedAt));

        // The completion entry of the item's file names the lines and the files: an escalation hands this file on.
        var history = await node.HistoryAsync(item.Id);
        var completion = Assert.Single(history, e => e.Action == "completion_submitted");
        Assert.Contains("整改台账一份", completion.Detail);
        Assert.Contains("整改报告.pdf", completion.Detail);
        Assert.Contains("自查现场.png", Assert.Single(history, e => e.Action == "progress_reported").Detail);

        // Sent back and completed again with a text line only: the earlier files stay on the item.
        await Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = "整改报告缺少签章" }, node.Clerk);
        item = await Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id, Summary = "已补签章", EvidenceFiles = { File("签章版整改报告.pdf", [.. Pdf, 0x0A]) },
        }, liaison);
        Assert.Equal(["自查现场.png", "整改报告.pdf", "签章版整改报告.pdf"], item.EvidenceFiles.Select(f => f.FileName));
        var listed = await Api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, node.Clerk);
        Assert.Equal(item.EvidenceFiles, Assert.Single(listed.Items).EvidenceFiles);

        // The bytes come back as they were sent, with the name and content type.
        var (status, contentType, fileName, body) = await DownloadAsync(item.Id, report.Id, node.Tokens.Liaison(unitId));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("application/pdf", "整改报告.pdf"), (contentType, fileName));
        Assert.Equal(Pdf, body);
    }

    [Fact]
    public async Task A_referral_hands_on_the_names_of_the_evidence_files()
    {
        var (unitId, item) = await ItemWithPlanAsync("崇川区城管局", "占道经营整治反弹");
        await Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id, Summary = "已整治", EvidenceFiles = { File("整治前后对比.png", Png) },
        }, node.LiaisonOf(unitId));
        await Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = "现场复查仍有占道" }, node.Clerk);

        // The office climbs the whole ladder; the referral carries the item's file to the discipline-inspection commission.
        var ladder = (await Api.GetEscalationLadderAsync(new GetEscalationLadderRequest(), node.Clerk)).Steps;
        foreach (var step in ladder)
        {
            await Api.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = step.Step, Reason = "整改反复不到位" }, node.Clerk);
        }
        var referral = (await node.EventsAsync<Platform.Contracts.Events.Rectification.RectificationEscalated>(Guid.Parse(item.Id)))[^1];
        Assert.Equal("referral", referral.Step);
        Assert.Contains("整治前后对比.png", Assert.Single(referral.File, f => f.Action == "completion_submitted").Detail);
    }

    [Fact]
    public async Task Files_are_downloadable_by_those_who_see_the_item_and_hidden_from_other_units()
    {
        var (unitId, item) = await ItemWithPlanAsync("崇川区卫健委", "医疗废物处置监管不到位");
        var siblingId = Guid.CreateVersion7();
        await node.DeliverAsync(RectificationNode.Feedback(siblingId, "崇川区教体局", [RectificationNode.Finding("校外培训监管不到位")], "320602"));
        item = await Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id, Summary = "已整改", EvidenceFiles = { File("处置记录.png", Png) },
        }, node.LiaisonOf(unitId));
        var evidenceId = Assert.Single(item.EvidenceFiles).Id;

        foreach (var token in new[] { node.Tokens.Liaison(unitId), node.Tokens.OfficeStaff(), node.Tokens.Observer() })
        {
            var (status, contentType, _, body) = await DownloadAsync(item.Id, evidenceId, token);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("image/png", contentType);
            Assert.Equal(Png, body);
        }

        // A sibling unit learns nothing, not even that the item exists.
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(item.Id, evidenceId, node.Tokens.Liaison(siblingId))).Status);
        using (var sibling = node.CreateClient())
        {
            sibling.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(siblingId));
            await NotFoundShape.AssertRestHidesAsync(sibling, id => $"/api/rectification/v1/items/{id}/evidence/{evidenceId}", item.Id, unitId.ToString());
        }
        // An evidence id of another item, or none at all, is not found; a malformed id is a bad request.
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(item.Id, Guid.CreateVersion7().ToString(), node.Tokens.Liaison(unitId))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await DownloadAsync(item.Id, "not-an-id", node.Tokens.Liaison(unitId))).Status);
        // A sibling's liaison cannot attach files to the item either.
        var foreign = await Assert.ThrowsAsync<RpcException>(() => Api.ReportProgressAsync(new ReportProgressRequest
        {
            ItemId = item.Id, Percent = 10, Text = "代报", EvidenceFiles = { File("代报.png", Png) },
        }, node.LiaisonOf(siblingId)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Bad_files_are_refused_by_field_and_nothing_is_recorded()
    {
        var (unitId, item) = await ItemWithPlanAsync("崇川区应急局", "安全生产执法检查记录缺失");
        var liaison = node.LiaisonOf(unitId);

        var wrongType = await Assert.ThrowsAsync<RpcException>(() => Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id,
            Summary = "已整改",
            EvidenceFiles = { File("整改报告.pdf", Pdf), File("setup.exe", [0x4D, 0x5A, 0x90, 0x00]), File("伪装照片.png", [0x4D, 0x5A, 0x90, 0x00]) },
        }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(wrongType, "evidence_files[1].file_name", "evidence_files[2].content");
        Assert.Contains(".exe", wrongType.Status.Detail);

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id, Summary = "已整改", EvidenceFiles = { File("扫描件.pdf", [.. Pdf, .. new byte[RectificationNode.EvidenceMaxBytes]]) },
        }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(tooLarge, "evidence_files[0].content");
        Assert.Contains(RectificationNode.EvidenceMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), tooLarge.Status.Detail);

        var progressTooMany = await Assert.ThrowsAsync<RpcException>(() => Api.ReportProgressAsync(new ReportProgressRequest
        {
            ItemId = item.Id, Percent = 50, Text = "进展", EvidenceFiles = { Enumerable.Range(0, 11).Select(i => File($"照片{i}.png", Png)) },
        }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(progressTooMany, "evidence_files");

        var nothing = await Assert.ThrowsAsync<RpcException>(() => Api.SubmitCompletionAsync(
            new SubmitCompletionRequest { ItemId = item.Id, Summary = "已整改" }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(nothing, "evidence");

        item = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
        Assert.Equal("plan_submitted", item.State);
        Assert.Empty(item.EvidenceFiles);
        Assert.DoesNotContain(await node.HistoryAsync(item.Id), e => e.Action is "completion_submitted" or "progress_reported");

        // A file alone is enough evidence for a completion.
        item = await Api.SubmitCompletionAsync(new SubmitCompletionRequest
        {
            ItemId = item.Id, Summary = "已整改", EvidenceFiles = { File("检查记录.pdf", Pdf) },
        }, liaison);
        Assert.Equal(("completion_submitted", "检查记录.pdf"), (item.State, Assert.Single(item.EvidenceFiles).FileName));
    }
}
