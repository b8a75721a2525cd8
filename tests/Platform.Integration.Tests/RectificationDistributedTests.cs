using MassTransit;
using Platform.BuildingBlocks.Messaging;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Rectification.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// Rectification on the distributed node: FeedbackGiven published on the real RabbitMQ (twice,
/// and once more under a new message id), the item walked through the gateway on PostgreSQL,
/// the service killed and restarted in the middle, the flow finished, nothing lost or doubled.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class RectificationDistributedTests(DistributedNode node)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_duplicated_feedback_opens_one_item_whose_flow_survives_a_restart()
    {
        node.SkipIfUnavailable();
        var unitId = Guid.CreateVersion7();
        var finding = new FedBackFinding(Guid.CreateVersion7(), "行政复议决定履行不到位", "被纠错的行政行为未在期限内重新作出。", "海门区", "行政复议", "serious");
        var feedback = new FeedbackGiven(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年行政复议专项督察", "special_topic", unitId, SliceScenario.UniqueName("海门区司法局"),
            [finding], "inspector-it", DateTimeOffset.UtcNow, DistributedNode.NodeId)
        { UnitRegionCode = "320614" };

        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(node.Infrastructure!.RabbitMq));
            rabbit.UseWireNames();
        });
        await bus.StartAsync();
        try
        {
            var messageId = Guid.NewGuid();
            await bus.Publish(feedback, context => context.MessageId = messageId);
            await bus.Publish(feedback, context => context.MessageId = messageId);
            await bus.Publish(feedback, context => context.MessageId = Guid.NewGuid());

            var api = new RectificationService.RectificationServiceClient(node.CreateGatewayChannel());
            var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
            var liaison = SliceScenario.Bearer(node.Tokens.Liaison(unitId));
            var item = await Eventually.GetAsync(
                async () => (await api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, clerk)).Items.SingleOrDefault(),
                DeliveryTimeout, "the rectification item opened from the feedback");
            Assert.Equal(finding.FindingId.ToString(), item.FindingId);
            Assert.Equal("320614", item.RegionCode);

            await api.AssignResponsibilityAsync(new AssignResponsibilityRequest { ItemId = item.Id, ResponsiblePerson = "王敏" }, clerk);
            await api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "逐案督促履行", "建立履行台账" } }, liaison);
            byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];
            await api.ReportProgressAsync(new ReportProgressRequest
            {
                ItemId = item.Id, Percent = 40, Text = "已督促4件",
                EvidenceFiles = { new NewEvidenceFile { FileName = "督促通知.png", Content = Google.Protobuf.ByteString.CopyFrom(photo) } },
            }, liaison);

            await node.RestartServiceAsync("rectification");

            // After the restart the finding arrives once more, beside a new one: only the new one opens an item.
            var second = finding with { FindingId = Guid.CreateVersion7(), Title = "复议案件卷宗归档不及时" };
            await bus.Publish(feedback with { FeedbackId = Guid.CreateVersion7(), Findings = [finding, second] }, context => context.MessageId = Guid.NewGuid());
            byte[] receipt = [.. "%PDF-1.7\n"u8.ToArray(), .. Guid.NewGuid().ToByteArray()];
            await api.SubmitCompletionAsync(new SubmitCompletionRequest
            {
                ItemId = item.Id, Summary = "已全部履行", Evidence = { "履行回执" },
                EvidenceFiles = { new NewEvidenceFile { FileName = "履行回执.pdf", Content = Google.Protobuf.ByteString.CopyFrom(receipt) } },
            }, liaison);
            var sentBack = await api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = "缺少复查记录" }, clerk);
            Assert.Equal(1, sentBack.SendBackCount);
            await api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "已补充复查记录", Evidence = { "复查记录" } }, liaison);
            var verified = await api.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id, Note = "整改到位" }, clerk);
            Assert.Equal("verified", verified.State);

            var sibling = SliceScenario.Bearer(node.Tokens.Liaison(Guid.CreateVersion7()));
            var hidden = await Assert.ThrowsAsync<RpcException>(() => api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, sibling).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, hidden.StatusCode);

            // The evidence files, one sent before the restart, stay on the item and download through the gateway.
            Assert.Equal(["督促通知.png", "履行回执.pdf"], verified.EvidenceFiles.Select(f => f.FileName));
            using var http = node.CreateGatewayClient();
            async Task<(System.Net.HttpStatusCode Status, byte[] Body)> DownloadAsync(EvidenceFile file, string token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/rectification/v1/items/{item.Id}/evidence/{file.Id}");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
            }
            var byUnit = await DownloadAsync(verified.EvidenceFiles[0], node.Tokens.Liaison(unitId));
            Assert.Equal(System.Net.HttpStatusCode.OK, byUnit.Status);
            Assert.Equal(photo, byUnit.Body);
            var byOffice = await DownloadAsync(verified.EvidenceFiles[1], node.Tokens.OfficeStaff());
            Assert.Equal(System.Net.HttpStatusCode.OK, byOffice.Status);
            Assert.Equal(receipt, byOffice.Body);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await DownloadAsync(verified.EvidenceFiles[1], node.Tokens.Liaison(Guid.CreateVersion7()))).Status);

            // Once the later feedback is in, nothing was doubled or lost.
            var items = await Eventually.GetAsync(
                async () => (await api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, clerk)).Items is { Count: 2 } both ? both : null,
                DeliveryTimeout, "the item of the second finding");
            Assert.Equal(item.Id, Assert.Single(items, i => i.FindingId == finding.FindingId.ToString()).Id);
            Assert.Single(items, i => i.FindingId == second.FindingId.ToString());
            var history = (await api.ListItemHistoryAsync(new ListItemHistoryRequest { ItemId = item.Id }, clerk)).Entries;
            Assert.Equal(
                ["opened", "responsibility_assigned", "plan_submitted", "progress_reported", "completion_submitted", "sent_back", "completion_submitted", "verified"],
                history.Select(h => h.Action));
            Assert.All(history, h => Assert.Equal(DistributedNode.NodeId, h.NodeId));
            Assert.Equal("inspector-it", history[0].Actor);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
