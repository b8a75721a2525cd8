using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Functional.Tests.Rectification;

/// <summary>
/// An embedded node whose clock the test moves, fed with FeedbackGiven on its in-memory bus as
/// inspection would publish it. The evaluator's own timer is parked: tests run passes themselves.
/// </summary>
public sealed class RectificationNode : EmbeddedNodeFactory
{
    public const int EvidenceMaxBytes = 64 * 1024;

    /// <summary>The day inspection's feedback reaches the node in most tests.</summary>
    public static readonly DateOnly FeedbackDay = new(2026, 3, 2);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        builder.UseSetting("Rectification:Evaluator:Enabled", "false");
        builder.UseSetting("Planning:Overdue:ScanInterval", "01:00:00");
        builder.UseSetting("Edge:RateLimit:Enabled", "false");
        // Small enough that a test can send a file over the limit cheaply.
        builder.UseSetting("Rectification:Evidence:MaxBytes", EvidenceMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public RectificationService.RectificationServiceClient Rectification => new(CreateGrpcChannel());

    public Metadata Clerk => SliceScenario.Bearer(Tokens.OfficeStaff());

    public Metadata Inspector => SliceScenario.Bearer(Tokens.Issue(TeamInspector, null, PlatformRoles.Inspector));

    public Metadata InspectorOffTeam => SliceScenario.Bearer(Tokens.Issue("inspector-zhao", null, PlatformRoles.Inspector));

    public Metadata Operator => SliceScenario.Bearer(Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    public Metadata Auditor => SliceScenario.Bearer(Tokens.Issue("auditor", null, PlatformRoles.Auditor));

    public Metadata Observer => SliceScenario.Bearer(Tokens.Observer());

    public Metadata LiaisonOf(Guid unitId) => SliceScenario.Bearer(Tokens.Liaison(unitId, "liaison-" + unitId.ToString()[..8]));

    /// <summary>Office staff of another region's office (token region <paramref name="regionCode"/>).</summary>
    public Metadata OfficeOf(string regionCode) => SliceScenario.Bearer(
        new TokenIssuer(Options.Create(Auth), TimeProvider.System)
            .Issue(new TokenRequest("clerk-" + regionCode, "clerk-" + regionCode, NodeId, regionCode, null, [PlatformRoles.OfficeStaff])));

    public WorkingDayCalendar Calendar => Services.GetRequiredService<WorkingDayCalendar>();

    /// <summary>Sets the clock to 09:00 China time on the given date.</summary>
    public void SetToday(DateOnly date) =>
        Clock.AdjustTime(new DateTimeOffset(date.Year, date.Month, date.Day, 9, 0, 0, TimeSpan.FromHours(8)));

    public Task<EvaluationResult> EvaluateAsync() => Services.GetRequiredService<EscalationEvaluator>().EvaluateAsync(CancellationToken.None);

    public static FedBackFinding Finding(string title, string severity = "general", string category = "行政执法") =>
        new(Guid.CreateVersion7(), title, title + "，未按规定整改到位。", "市行政服务中心", category, severity);

    /// <summary>The user id of <see cref="Inspector"/>, on the team of every mission <see cref="Feedback"/> makes.</summary>
    public const string TeamInspector = "inspector-li";

    public static FeedbackGiven Feedback(Guid unitId, string unitName, IReadOnlyList<FedBackFinding> findings, string? regionCode = "320602", DateTimeOffset? at = null) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设专项督察", "special_topic", unitId, unitName, findings, "inspector-wang",
            at ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)), NodeId)
        { UnitRegionCode = regionCode, MissionTeam = [TeamInspector] };

    /// <summary>Publishes on the node's bus as inspection's outbox would: the message id is chosen by the sender.</summary>
    public Task PublishAsync(FeedbackGiven feedback, Guid messageId) =>
        Services.GetRequiredService<IBus>().Publish(feedback, context => context.MessageId = messageId);

    /// <summary>Delivers the feedback and waits for the item of its first finding.</summary>
    public async Task<RectificationItem> DeliverAsync(FeedbackGiven feedback)
    {
        await PublishAsync(feedback, Guid.NewGuid());
        return await WaitForItemAsync(feedback.Findings[0].FindingId);
    }

    /// <summary>On <see cref="FeedbackDay"/>, a fresh unit's feedback with one finding, delivered: the unit and the finding's item.</summary>
    public async Task<(Guid UnitId, RectificationItem Item)> OpenItemAsync(string unitName, FedBackFinding finding, string? regionCode = "320602")
    {
        SetToday(FeedbackDay);
        var unitId = Guid.CreateVersion7();
        return (unitId, await DeliverAsync(Feedback(unitId, unitName, [finding], regionCode)));
    }

    public Task<RectificationItem> WaitForItemAsync(Guid findingId) => Eventually.GetAsync(
        async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
            var id = await db.Items.Where(i => i.FindingId == findingId).Select(i => (Guid?)i.Id).SingleOrDefaultAsync();
            return id is { } itemId ? await Rectification.GetItemAsync(new GetItemRequest { ItemId = itemId.ToString() }, Clerk) : null;
        },
        TimeSpan.FromSeconds(30),
        $"the item of finding {findingId}");

    public async Task<bool> InboxHasAsync(Guid messageId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
        return await db.ProcessedMessages.AnyAsync(m => m.MessageId == messageId);
    }

    public async Task<int> ItemCountAsync(Guid unitId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RectificationDbContext>().Items.CountAsync(i => i.UnitId == unitId);
    }

    /// <summary>The events of one type this node wrote to its outbox about one item, oldest first.</summary>
    public async Task<List<T>> EventsAsync<T>(Guid itemId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await OutboxEvents.AboutAsync<T>(scope.ServiceProvider.GetRequiredService<RectificationDbContext>(), itemId);
    }

    public async Task<List<HistoryEntry>> HistoryAsync(string itemId) =>
        [.. (await Rectification.ListItemHistoryAsync(new ListItemHistoryRequest { ItemId = itemId }, Clerk)).Entries];
}
