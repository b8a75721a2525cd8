using Platform.Contracts.Events.Planning;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Features.Delivery;

namespace Platform.Functional.Tests.Notification;

/// <summary>Signed webhooks to a local receiver: signature, retries with backoff, dead letter and replay.</summary>
[Collection(NotificationNodeCollection.Name)]
public sealed class WebhookTests(NotificationNode node)
{
    private const string Secret = "integrator-shared-secret-0123456789";

    [Fact]
    public async Task A_webhook_is_signed_retried_with_backoff_and_delivered_once_the_receiver_recovers()
    {
        node.SetToday(2026, 11, 2);
        var failuresLeft = 2;
        node.Webhooks.Respond = request => request.Path == "/hooks/retry" && Interlocked.Decrement(ref failuresLeft) >= 0
            ? HttpStatusCode.ServiceUnavailable
            : HttpStatusCode.OK;
        await using var subscribed = await node.SubscribeAsync(
            new CreateWebhookSubscriptionRequest { Name = "12345热线系统", Url = node.Webhooks.BaseUrl + "/hooks/retry", Secret = Secret, Kinds = { "task_assigned" } });
        Assert.Equal(["task_assigned"], subscribed.Subscription.Kinds);

        await AssignAsync("如皋市人民政府", "推进府院联动");
        Assert.True(await node.DispatchAsync() > 0);
        var delivery = await SingleWebhookDeliveryAsync();
        Assert.Equal("pending", delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Contains("503", delivery.LastError, StringComparison.Ordinal);

        // Not due before the backoff has passed.
        await node.DispatchAsync();
        Assert.Single(RequestsTo("/hooks/retry"));
        node.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.DispatchAsync();
        Assert.Equal(2, RequestsTo("/hooks/retry").Count);
        Assert.Equal(2, (await SingleWebhookDeliveryAsync()).Attempts);
        // The second retry waits twice as long.
        node.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.DispatchAsync();
        Assert.Equal(2, RequestsTo("/hooks/retry").Count);
        node.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.DispatchAsync();
        Assert.Equal(3, RequestsTo("/hooks/retry").Count);
        delivery = await SingleWebhookDeliveryAsync();
        Assert.Equal("sent", delivery.Status);
        Assert.Equal(3, delivery.Attempts);

        foreach (var request in RequestsTo("/hooks/retry"))
        {
            Assert.Equal("POST", request.Method);
            Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
            Assert.Equal(delivery.Id, request.Headers[WebhookSignature.DeliveryHeader]);
            var timestamp = request.Headers[WebhookSignature.TimestampHeader];
            var signature = request.Headers[WebhookSignature.SignatureHeader];
            Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Body, signature, node.Clock.GetUtcNow(), TimeSpan.FromMinutes(10)));
            // What a receiver must reject: another secret, a changed body, an old timestamp.
            Assert.False(WebhookSignature.Verify("another-secret-0123456789", timestamp, request.Body, signature, node.Clock.GetUtcNow(), TimeSpan.FromMinutes(10)));
            Assert.Contains("推进府院联动", request.Body, StringComparison.Ordinal);
            Assert.False(WebhookSignature.Verify(Secret, timestamp, request.Body.Replace("推进", "取消", StringComparison.Ordinal), signature, node.Clock.GetUtcNow(), TimeSpan.FromMinutes(10)));
            Assert.False(WebhookSignature.Verify(Secret, timestamp, request.Body, signature, node.Clock.GetUtcNow().AddHours(1), TimeSpan.FromMinutes(10)));
            using var json = JsonDocument.Parse(request.Body);
            Assert.Equal("task_assigned", json.RootElement.GetProperty("kind").GetString());
            Assert.Contains("推进府院联动", json.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_becomes_a_dead_letter_that_an_operator_replays()
    {
        node.SetToday(2026, 11, 3);
        var receiverUp = false;
        node.Webhooks.Respond = request => request.Path != "/hooks/dead" || receiverUp ? HttpStatusCode.OK : HttpStatusCode.InternalServerError;
        await using var subscribed = await node.SubscribeAsync(
            new CreateWebhookSubscriptionRequest { Name = "信访系统", Url = node.Webhooks.BaseUrl + "/hooks/dead", Secret = Secret, Kinds = { "task_assigned" } });
        await AssignAsync("启东市人民政府", "落实行政执法三项制度");

        await node.DispatchAsync();
        node.Clock.Advance(TimeSpan.FromMinutes(1));
        await node.DispatchAsync();
        node.Clock.Advance(TimeSpan.FromMinutes(2));
        await node.DispatchAsync();
        var dead = Assert.Single(
            await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { Status = "dead", Channel = "webhook" }),
            d => d.Recipient.EndsWith("/hooks/dead", StringComparison.Ordinal));
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("500", dead.LastError, StringComparison.Ordinal);
        Assert.Contains("落实行政执法三项制度", dead.Title, StringComparison.Ordinal);

        // A dead letter stays dead: no more attempts however long we wait.
        node.Clock.Advance(TimeSpan.FromHours(1));
        var requestsBefore = RequestsTo("/hooks/dead").Count;
        await node.DispatchAsync();
        Assert.Equal(requestsBefore, RequestsTo("/hooks/dead").Count);

        receiverUp = true;
        var replayed = await node.Notification.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { DeliveryId = dead.Id }, node.Operator);
        Assert.Equal("pending", replayed.Status);
        await node.DispatchAsync();
        var sent = Assert.Single((await node.Notification.ListDeliveriesAsync(new ListDeliveriesRequest { NotificationId = dead.NotificationId, Channel = "webhook" }, node.Operator)).Deliveries,
            d => d.Id == dead.Id);
        Assert.Equal("sent", sent.Status);

        var again = await Assert.ThrowsAsync<RpcException>(() => node.Notification.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { DeliveryId = dead.Id }, node.Operator).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var notFound = await Assert.ThrowsAsync<RpcException>(() => node.Notification.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { DeliveryId = Guid.NewGuid().ToString() }, node.Operator).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        var unit = Guid.CreateVersion7();
        var denied = await Assert.ThrowsAsync<RpcException>(() => node.Notification.ListDeliveriesAsync(new ListDeliveriesRequest(), node.LiaisonOf(unit)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task An_escalation_webhook_gets_a_reference_only_never_the_letter_or_the_item()
    {
        node.SetToday(2026, 11, 4);
        node.Webhooks.Respond = _ => HttpStatusCode.OK;
        await using var subscribed = await node.SubscribeAsync(
            new CreateWebhookSubscriptionRequest { Name = "运维监控", Url = node.Webhooks.BaseUrl + "/hooks/case", Secret = Secret, Kinds = { "escalation" } });
        var unit = Guid.CreateVersion7();
        foreach (var step in new[] { "remind", "supervision_letter" })
        {
            var messageId = Guid.NewGuid();
            await node.PublishAsync(new RectificationEscalated(
                Guid.CreateVersion7(), Guid.CreateVersion7(), unit, "通州区人民政府", "违法占用基本农田未查处", "severe", step, 2,
                "逾期两次未报送整改进展。", new DateOnly(2026, 12, 31), false, false,
                [new RectificationFileEntry(DateTimeOffset.UtcNow, "clerk", "催办", "电话催办")], "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
            await node.WaitConsumedAsync(messageId);
        }
        await node.DispatchAsync();

        var requests = RequestsTo("/hooks/case");
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            foreach (var text in new[] { "违法占用基本农田", "逾期两次", "通州区", "督办函", "整改提醒" })
            {
                Assert.DoesNotContain(text, request.Body, StringComparison.Ordinal);
            }
            using var json = JsonDocument.Parse(request.Body);
            var root = json.RootElement;
            Assert.Equal("escalation", root.GetProperty("kind").GetString());
            Assert.True(root.GetProperty("confidential").GetBoolean());
            Assert.False(root.TryGetProperty("title", out _));
            Assert.False(root.TryGetProperty("body", out _));
            Assert.True(Guid.TryParse(root.GetProperty("notificationId").GetString(), out _));
            Assert.True(Guid.TryParse(root.GetProperty("subjectId").GetString(), out _));
            Assert.True(WebhookSignature.Verify(
                Secret, request.Headers[WebhookSignature.TimestampHeader], request.Body, request.Headers[WebhookSignature.SignatureHeader], node.Clock.GetUtcNow(), TimeSpan.FromMinutes(10)));
        }
    }

    [Fact]
    public async Task Bad_subscriptions_are_rejected_naming_each_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Notification.CreateWebhookSubscriptionAsync(
            new CreateWebhookSubscriptionRequest { Name = "", Url = "ftp://example.org/x", Secret = "short", Kinds = { "nonsense" } }, node.Operator).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "name", "url", "secret", "kinds[0]");
        Assert.DoesNotContain(
            (await node.Notification.ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest(), node.Operator)).Subscriptions,
            s => s.Url.StartsWith("ftp:", StringComparison.Ordinal));
    }

    private async Task<Delivery> SingleWebhookDeliveryAsync() =>
        Assert.Single(
            await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { Channel = "webhook" }),
            d => d.Recipient.EndsWith("/hooks/retry", StringComparison.Ordinal));

    /// <summary>What this test's receiver path got: the stand-in serves every class on the node.</summary>
    private List<RecordedRequest> RequestsTo(string path) => node.Webhooks.Requests.Where(r => r.Path == path).ToList();

    private async Task AssignAsync(string unitName, string title)
    {
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 3, title, new DateOnly(2026, 12, 31),
            Guid.CreateVersion7(), unitName, "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
    }
}
