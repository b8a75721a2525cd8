using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Platform.Contracts.Assessment.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// A duty report's files: the roster carries them, and the office and the reporter's own unit download them over
/// gRPC and REST (the file itself at <c>/content</c>); another unit and observers read them as missing.
/// </summary>
public sealed class DutyReportFileTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private static readonly byte[] Pdf = TestFiles.Pdf;

    [Fact]
    public async Task The_office_and_the_reporters_unit_download_a_reports_file_and_nobody_else_finds_it()
    {
        var unit = await node.UnitAsync("海门区司法局", regionCode: "320614");
        var outsider = await node.UnitAsync("海门区财政局", regionCode: "320614");
        var head = await node.AppointAsync(unit, "陈刚", "department_head");
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度部门主要负责人述法（附件）", Year = 2026, Kind = "annual",
            Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        var entry = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, node.Clerk)).Entries
            .Single(e => e.PersonId == head.Id);
        Assert.Empty(entry.Attachments);
        var submit = new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "认真履行推进法治建设第一责任人职责。" };
        submit.Attachments.Add(new NewDutyReportFile { FileName = "述法报告.pdf", Content = ByteString.CopyFrom(Pdf) });
        await node.Assessment.SubmitDutyReportAsync(submit, node.LiaisonOf(unit.Id));

        // The office's roster names the file.
        var listed = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, Status = "submitted" }, node.Clerk)).Entries
            .Single(e => e.Id == entry.Id);
        var file = Assert.Single(listed.Attachments);
        Assert.Equal(("述法报告.pdf", "application/pdf", (long)Pdf.Length), (file.FileName, file.ContentType, file.Size));

        var request = new GetDutyReportAttachmentRequest { EntryId = entry.Id, AttachmentId = file.Id };
        foreach (var reader in new[] { node.Clerk, node.LiaisonOf(unit.Id) })
        {
            var got = await node.Assessment.GetDutyReportAttachmentAsync(request, reader);
            Assert.Equal(("述法报告.pdf", "application/pdf"), (got.FileName, got.ContentType));
            Assert.Equal(Pdf, got.Content.ToByteArray());
        }
        foreach (var stranger in new[] { node.LiaisonOf(outsider.Id), node.Observer })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.GetDutyReportAttachmentAsync(request, stranger).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        }
        // The file under another entry's id is missing too; a bad id is named.
        var elsewhere = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.GetDutyReportAttachmentAsync(
            new GetDutyReportAttachmentRequest { EntryId = Guid.NewGuid().ToString(), AttachmentId = file.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, elsewhere.StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Assessment.GetDutyReportAttachmentAsync(
            new GetDutyReportAttachmentRequest { EntryId = entry.Id, AttachmentId = "x" }, node.Clerk).ResponseAsync), "attachment_id");

        // REST: the file itself for the office, 404 for another unit's liaison.
        var path = $"/api/assessment/v1/roster/{entry.Id}/attachments/{file.Id}/content";
        var http = node.CreateClient();
        using (var asOffice = new HttpRequestMessage(HttpMethod.Get, path))
        {
            asOffice.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
            using var response = await http.SendAsync(asOffice);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("述法报告.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        }
        using (var asOutsider = new HttpRequestMessage(HttpMethod.Get, path))
        {
            asOutsider.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.Parse(outsider.Id), "liaison-out"));
            using var response = await http.SendAsync(asOutsider);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
