using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Reminders;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Functional.Tests.Notification;

/// <summary>
/// An embedded node whose clock the test moves, wired to local stand-ins for the outside
/// world: an SMTP server, the Dapr sidecar (its API the Dapr client calls) and a webhook receiver. Background
/// scans and dispatch poll once an hour: tests run them.
/// </summary>
public class NotificationNode : EmbeddedNodeFactory
{
    public const string DaprToken = "dapr-test-token";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 1, 0, 0, TimeSpan.Zero));

    public SmtpTestServer Smtp { get; } = new();

    public DaprSidecarStandIn DaprSidecar { get; } = new();

    public RecordingHttpServer Webhooks { get; } = new();

    /// <summary>The stand-ins listen on loopback, which webhooks may reach only when the operator allows it.</summary>
    protected virtual bool AllowLoopbackWebhooks => true;

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        if (AllowLoopbackWebhooks)
        {
            builder.UseSetting("Notification:Webhooks:AllowedNetworks:0", "127.0.0.0/8");
        }
        builder.UseSetting("Planning:Overdue:ScanInterval", "01:00:00");
        builder.UseSetting("Notification:Reminders:ScanInterval", "01:00:00");
        builder.UseSetting("Notification:Delivery:PollInterval", "01:00:00");
        builder.UseSetting("Notification:Delivery:MaxAttempts", "3");
        builder.UseSetting("Notification:Delivery:FirstBackoff", "00:01:00");
        builder.UseSetting("Notification:Documents:NumberPrefix", "通法督");
        builder.UseSetting("Notification:Documents:IssuingOffice", "中共南通市委全面依法治市委员会办公室");
        builder.UseSetting("Notification:Email:Host", "127.0.0.1");
        builder.UseSetting("Notification:Email:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Notification:Email:TlsMode", "None");
        builder.UseSetting("Notification:Email:From", "ducha@nantong.gov.cn");
        builder.UseSetting("Dapr:Enabled", "true");
        builder.UseSetting("Dapr:Host", "127.0.0.1");
        builder.UseSetting("Dapr:GrpcPort", DaprSidecar.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Dapr:ApiToken", DaprToken);
        builder.UseSetting("Dapr:SmsBinding", "sms-gateway");
        builder.UseSetting("Edge:RateLimit:Enabled", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public NotificationService.NotificationServiceClient Notification => new(CreateGrpcChannel());

    public Metadata Clerk => SliceScenario.Bearer(Tokens.OfficeStaff());

    public Metadata Operator => SliceScenario.Bearer(Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    public Metadata LiaisonOf(Guid unitId, string user = "liaison") => SliceScenario.Bearer(Tokens.Issue(user, unitId, PlatformRoles.UnitLiaison));

    public Metadata LeaderOf(Guid unitId, string user = "leader") => SliceScenario.Bearer(Tokens.Issue(user, unitId, PlatformRoles.Leader));

    /// <summary>Sets the clock to 09:00 China time on the given date.</summary>
    public void SetToday(int year, int month, int day) => SetChinaTime(year, month, day, 9, 0);

    public void SetChinaTime(int year, int month, int day, int hour, int minute) =>
        Clock.AdjustTime(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));

    public Task<ScanResult> ScanRemindersAsync() => Services.GetRequiredService<ReminderScanner>().ScanAllDueAsync(CancellationToken.None);

    /// <summary>Dispatches until nothing due is left.</summary>
    public async Task<int> DispatchAsync()
    {
        var dispatcher = Services.GetRequiredService<DeliveryDispatcher>();
        var total = 0;
        int batch;
        while ((batch = await dispatcher.DispatchOnceAsync(CancellationToken.None)) > 0)
        {
            total += batch;
        }
        return total;
    }

    /// <summary>Publishes an event on the node's bus with a chosen message id, as another service's outbox would.</summary>
    public async Task PublishAsync<T>(T message, Guid messageId)
        where T : class
    {
        var bus = Services.GetRequiredService<IBus>();
        await bus.Publish(message, context => context.MessageId = messageId);
    }

    public async Task<T> QueryAsync<T>(Func<NotificationDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationDbContext>());
    }

    /// <summary>Waits until the consumer has recorded the message (its inbox row).</summary>
    public async Task WaitConsumedAsync(Guid messageId)
    {
        await Eventually.GetAsync(
            () => QueryAsync(async db => await db.ProcessedMessages.AnyAsync(m => m.MessageId == messageId) ? "consumed" : null),
            TimeSpan.FromSeconds(30),
            $"message {messageId} to be consumed");
    }

    public async Task<Contact> AddContactAsync(Guid unitId, string unitName, string role, string user, string email, string mobile = "") =>
        await Notification.UpsertContactAsync(
            new UpsertContactRequest { UnitId = unitId.ToString(), UnitName = unitName, Role = role, UserId = user, Name = user, Email = email, Mobile = mobile },
            Clerk);

    private bool _standInsStopped;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // The factory's DisposeAsync calls this again; the stand-ins stop once.
        if (disposing && !_standInsStopped)
        {
            _standInsStopped = true;
            DaprSidecar.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Webhooks.Dispose();
            Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
