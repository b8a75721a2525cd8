using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Functional.Tests.Notification;

/// <summary>A node whose operator allowed no special-use networks for webhooks.</summary>
public sealed class StrictWebhookNode : NotificationNode
{
    protected override bool AllowLoopbackWebhooks => false;
}

/// <summary>Webhooks reach public addresses only, unless the operator allows a network: checked at registration and at each send.</summary>
public sealed class WebhookTargetTests(StrictWebhookNode node) : IClassFixture<StrictWebhookNode>
{
    private const string Secret = "integrator-shared-secret-0123456789";

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://10.20.30.40/hook")]
    [InlineData("http://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:172.16.0.1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task Special_use_targets_are_refused_at_registration(string url)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Notification.CreateWebhookSubscriptionAsync(
            new CreateWebhookSubscriptionRequest { Name = "内网系统", Url = url, Secret = Secret, Kinds = { "task_assigned" } }, node.Operator).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "url");
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Contains("Notification:Webhooks:AllowedNetworks", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_whose_target_became_special_use_is_not_sent_to()
    {
        // As if the name had resolved to a public address at registration and to loopback now.
        using (var scope = node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
            db.WebhookSubscriptions.Add(Platform.Notification.Module.Domain.WebhookSubscription.Create(
                "改过解析的系统", node.Webhooks.BaseUrl + "/rebound", Secret, ["task_assigned"], new Platform.BuildingBlocks.Persistence.Audit("operator", DateTimeOffset.UtcNow, EmbeddedNodeFactory.NodeId)));
            await db.SaveChangesAsync();
        }
        node.SetToday(2026, 11, 2);
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 1, "推进府院联动", new DateOnly(2026, 12, 31),
            Guid.CreateVersion7(), "如皋市人民政府", "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);

        await node.DispatchAsync();

        Assert.DoesNotContain(node.Webhooks.Requests, r => r.Path == "/rebound");
        var delivery = Assert.Single(
            (await node.Notification.ListDeliveriesAsync(new ListDeliveriesRequest { Channel = "webhook" }, node.Operator)).Deliveries,
            d => d.Recipient.EndsWith("/rebound", StringComparison.Ordinal));
        Assert.Equal("pending", delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Contains("127.0.0.1", delivery.LastError, StringComparison.Ordinal);
    }
}
