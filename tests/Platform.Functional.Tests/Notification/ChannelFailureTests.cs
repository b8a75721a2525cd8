using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Notification.V1;

namespace Platform.Functional.Tests.Notification;

/// <summary>
/// Every channel at once: the inbox, e-mail to the local SMTP server, SMS through the Dapr
/// sidecar stand-in (which checks the documented binding contract) and a webhook. A failing
/// channel holds back none of the others, and what it could not send is kept and retried.
/// </summary>
[Collection(NotificationNodeCollection.Name)]
public sealed class ChannelFailureTests(NotificationNode node)
{
    [Fact]
    public async Task A_failing_channel_loses_nothing_while_the_others_deliver()
    {
        node.SetToday(2026, 11, 9);
        var unit = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "南通市生态环境局", "liaison", "sthj-liaison", "liaison@sthj.nantong.gov.cn", "13800000001");
        var sidecarUp = false;
        node.DaprSidecar.Binding = _ => sidecarUp ? StatusCode.OK : StatusCode.Unavailable;
        node.Webhooks.Respond = _ => HttpStatusCode.BadGateway;
        await using var subscribed = await node.SubscribeAsync(
            new CreateWebhookSubscriptionRequest { Name = "政务OA", Url = node.Webhooks.BaseUrl + "/oa", Secret = "oa-secret-0123456789abcdef" });

        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 21, "开展生态环境执法案卷评查",
            new DateOnly(2026, 12, 15), unit, "南通市生态环境局", "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
        await node.DispatchAsync();

        // Inbox and e-mail went out although SMS and the webhook failed.
        var inbox = await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, node.LiaisonOf(unit, "sthj-liaison"));
        Assert.Contains("开展生态环境执法案卷评查", Assert.Single(inbox.Messages).Title, StringComparison.Ordinal);
        var mail = Assert.Single(node.Smtp.Received, m => m.To.Contains("liaison@sthj.nantong.gov.cn"));
        Assert.Equal("ducha@nantong.gov.cn", mail.From);
        Assert.Contains("开展生态环境执法案卷评查", mail.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("2026年12月15日", mail.Message.TextBody, StringComparison.Ordinal);

        var byChannel = await DeliveriesAsync();
        Assert.Equal("sent", byChannel["inbox"].Status);
        Assert.Equal("sent", byChannel["email"].Status);
        Assert.Equal(("pending", 1), (byChannel["sms"].Status, byChannel["sms"].Attempts));
        Assert.Equal(("pending", 1), (byChannel["webhook"].Status, byChannel["webhook"].Attempts));

        // The sidecar recovers: the SMS goes on its retry; the webhook keeps failing and ends as a dead letter, kept for replay.
        sidecarUp = true;
        node.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.DispatchAsync();
        node.Clock.Advance(TimeSpan.FromMinutes(2));
        await node.DispatchAsync();
        byChannel = await DeliveriesAsync();
        Assert.Equal(("sent", 2), (byChannel["sms"].Status, byChannel["sms"].Attempts));
        Assert.Equal(("dead", 3), (byChannel["webhook"].Status, byChannel["webhook"].Attempts));
        Assert.Equal("sent", byChannel["email"].Status);
        Assert.Single(node.Smtp.Received, m => m.To.Contains("liaison@sthj.nantong.gov.cn"));
        Assert.Single(inbox.Messages);

        // Nothing was lost: one message, four deliveries, each accounted for.
        Assert.Equal(["email", "inbox", "sms", "webhook"], byChannel.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_sms_goes_through_the_dapr_client_to_the_sidecars_output_binding()
    {
        node.SetToday(2026, 11, 10);
        node.DaprSidecar.Binding = _ => StatusCode.OK;
        var unit = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "南通市市场监督管理局", "liaison", "scjg-liaison", string.Empty, "13900000002");
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 22, "规范涉企行政检查",
            new DateOnly(2026, 12, 20), unit, "南通市市场监督管理局", "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
        await node.DispatchAsync();

        var call = Assert.Single(node.DaprSidecar.Calls, c => c.Request is InvokeBindingRequest b && b.Metadata.TryGetValue("toNumber", out var to) && to == "13900000002");
        var binding = (InvokeBindingRequest)call.Request;
        Assert.Equal(NotificationNode.DaprToken, call.ApiToken);
        Assert.Equal(("sms-gateway", "create"), (binding.Name, binding.Operation));
        using var json = JsonDocument.Parse(binding.Data.ToByteArray());
        Assert.Equal("13900000002", json.RootElement.GetProperty("to").GetString());
        Assert.Contains("规范涉企行政检查", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        // No e-mail address: no e-mail delivery.
        var deliveries = await node.QueryAsync(db => db.Deliveries.Where(d => d.UserId == "scjg-liaison").Select(d => new { d.Channel, d.Status }).ToListAsync());
        Assert.Equal([("sms", Platform.Notification.Module.Domain.DeliveryStatus.Sent)], deliveries.Select(d => (d.Channel, d.Status)));
    }

    /// <summary>The test's message's deliveries by channel; a webhook subscribed by another test on the node is not this test's.</summary>
    private async Task<Dictionary<string, Delivery>> DeliveriesAsync()
    {
        var inbox = Assert.Single(
            await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { Channel = "inbox" }),
            d => d.Title.Contains("开展生态环境执法案卷评查", StringComparison.Ordinal));
        return (await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { NotificationId = inbox.NotificationId }))
            .Where(d => d.Channel != "webhook" || d.Recipient.EndsWith("/oa", StringComparison.Ordinal))
            .ToDictionary(d => d.Channel);
    }
}
