using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The flows between nodes (ADR 0018): what crosses a link under which wire name, the edge consumers that
/// put a local event on the links it is meant for, and the handlers that turn a received message into a
/// local event. Planning owns the meaning; the edge only carries it.
/// </summary>
public static class FederationFlows
{
    /// <summary>Down: a task (or a new revision of it) cascaded by the parent's office.</summary>
    public const string TaskCascaded = "federation.task_cascaded.v1";

    /// <summary>Up: a child's progress on a cascaded task, with its own children's rows.</summary>
    public const string TaskProgress = "federation.task_progress.v1";

    /// <summary>The consumers and handlers of the flows; call before the bus is built.</summary>
    public static IServiceCollection AddPlatformFederationFlows(this IServiceCollection services)
    {
        services.AddPlatformConsumer<TaskCascadedConsumer>("federation-task-cascaded");
        services.AddPlatformConsumer<ReceivedTaskProgressedConsumer>("federation-task-progressed");
        services.AddSingleton<IFederationMessageHandler, CascadedTaskHandler>();
        services.AddSingleton<IFederationMessageHandler, TaskProgressHandler>();
        // Calendar and reporting-rule updates down (ADR 0024).
        services.AddPlatformConsumer<CalendarUpdateIssuedConsumer>("federation-calendar-update-issued");
        services.AddSingleton<IFederationMessageHandler, CalendarUpdateHandler>();
        services.AddPlatformConsumer<ReportingRuleUpdateIssuedConsumer>("federation-reporting-rule-update-issued");
        services.AddSingleton<IFederationMessageHandler, ReportingRuleUpdateHandler>();
        return services.AddPlatformFederationNoticeFlows().AddPlatformFederationRectificationFlows().AddPlatformFederationCampaignFlows();
    }

    internal static string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, EventSerialization.Options);

    /// <summary>
    /// As the bus's options, but strict: a payload that is not JSON, is <c>null</c>, lacks a required member or sets a
    /// non-nullable one to <c>null</c> cannot be read, instead of reaching a handler half-filled.
    /// </summary>
    private static readonly JsonSerializerOptions ReadOptions = new(EventSerialization.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <exception cref="UnreadablePayloadException">The payload cannot be read as <typeparamref name="T"/>.</exception>
    internal static T Deserialize<T>(FederationEnvelope envelope)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(envelope.Payload, ReadOptions)
                ?? throw new UnreadablePayloadException(envelope, "the payload is null");
        }
        catch (JsonException e)
        {
            throw new UnreadablePayloadException(envelope, e.Message);
        }
    }
}

/// <summary>
/// A received message whose payload cannot be read under its (known) wire name. The inbox keeps it for the operator as
/// <see cref="InboxState.Unreadable"/> and acknowledges it, so one bad message never blocks the link.
/// </summary>
public sealed class UnreadablePayloadException(FederationEnvelope envelope, string reason)
    : Exception($"Federation message {envelope.MessageId} ({envelope.WireName}) cannot be read: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>The payload of <see cref="FederationFlows.TaskCascaded"/>: the parent's task as its office wrote it.</summary>
public sealed record CascadedTaskMessage(
    Guid OriginPlanId, string PlanTitle, Guid OriginTaskId, int TaskNumber, int Revision, string TaskTitle, DateOnly? Deadline,
    bool ReportsRequested, DateTimeOffset CascadedAt);

/// <summary>
/// The payload of <see cref="FederationFlows.TaskProgress"/>: TaskId is the receiver's (the parent's) task. RegionCodes
/// names the region of each node the rows speak for (the sender's edge fills it from its own region and its child links),
/// so the receiver keeps only the rows that lie in the sender's region.
/// </summary>
public sealed record TaskProgressMessage(Guid TaskId, IReadOnlyList<NodeProgress> Nodes, IReadOnlyDictionary<string, string>? RegionCodes = null);

/// <summary>Puts a cascaded task on the link of each child it names (every active child when it names none).</summary>
[WireName("federation.task_cascaded_consumer.v1")]
public sealed partial class TaskCascadedConsumer(FederationDbContext db, TimeProvider clock, ILogger<TaskCascadedConsumer> logger)
    : IdempotentConsumer<TaskCascaded, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(TaskCascaded message, ConsumeContext<TaskCascaded> context)
    {
        var children = await Db.Links.Where(l => l.Role == LinkRole.Child).ToListAsync(context.CancellationToken);
        var named = message.ChildNodeIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var links = message.ChildNodeIds.Count == 0
            ? children.Where(l => l.State == LinkState.Active).ToList()
            // A named child's link takes the task in any state: a pending or revoked link keeps it in its backlog. Node ids
            // compare ignoring case, as everywhere a link is looked up by its peer.
            : children.Where(l => named.Contains(l.PeerNodeId)).ToList();
        foreach (var missing in named.Except(links.Select(l => l.PeerNodeId), StringComparer.OrdinalIgnoreCase))
        {
            LogNoSuchChild(logger, message.TaskId, missing);
        }
        var payload = FederationFlows.Serialize(new CascadedTaskMessage(
            message.PlanId, message.PlanTitle, message.TaskId, message.TaskNumber, message.Revision, message.TaskTitle, message.Deadline,
            message.ReportsRequested, message.OccurredAt));
        // The local event's id is the message id on every link, so a redelivered event adds nothing.
        var messageId = context.MessageId!.Value;
        foreach (var link in links)
        {
            await LinkOutbox.EnqueueAsync(Db, link.Id, messageId, FederationFlows.TaskCascaded, payload, message.OccurredAt, context.CancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} was cascaded to node {NodeId}, which is not a child of this node; not sent")]
    private static partial void LogNoSuchChild(ILogger logger, Guid taskId, string nodeId);
}

/// <summary>Puts a received task's progress on the link to the parent that cascaded it.</summary>
[WireName("federation.task_progressed_consumer.v1")]
public sealed partial class ReceivedTaskProgressedConsumer(
    FederationDbContext db, TimeProvider clock, IOptions<NodeOptions> node, ILogger<ReceivedTaskProgressedConsumer> logger)
    : IdempotentConsumer<ReceivedTaskProgressed, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ReceivedTaskProgressed message, ConsumeContext<ReceivedTaskProgressed> context)
    {
        var parent = await Db.Links.SingleOrDefaultAsync(l => l.Role == LinkRole.Parent && l.PeerNodeId == message.ParentNodeId, context.CancellationToken);
        if (parent is null)
        {
            LogNoSuchParent(logger, message.OriginTaskId, message.ParentNodeId);
            return;
        }
        // Only the newest summary of a task matters (each is complete, ADR 0018): one per task per delivery round.
        await LinkOutbox.EnqueueLatestAsync(
            Db, parent.Id, $"task_progress:{message.OriginTaskId}", context.MessageId!.Value, FederationFlows.TaskProgress,
            FederationFlows.Serialize(new TaskProgressMessage(message.OriginTaskId, message.Nodes, await RegionCodesAsync(message.Nodes, context.CancellationToken))),
            message.OccurredAt, context.CancellationToken);
    }

    /// <summary>
    /// The region of each node in the rows: this node's own, a child's from its link, and a node further down the region of
    /// the child it came through (the nearest ancestor in the rows that has one).
    /// </summary>
    private async Task<Dictionary<string, string>> RegionCodesAsync(IReadOnlyList<NodeProgress> rows, CancellationToken cancellationToken)
    {
        var regions = await Db.Links.AsNoTracking().Where(l => l.Role == LinkRole.Child)
            .ToDictionaryAsync(l => l.PeerNodeId, l => l.PeerRegionCode, StringComparer.Ordinal, cancellationToken);
        regions[node.Value.Id] = node.Value.RegionCode;
        var parents = rows.DistinctBy(r => r.NodeId).ToDictionary(r => r.NodeId, r => r.ParentNodeId, StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            for (var at = row.NodeId; visited.Add(at); at = parents.GetValueOrDefault(at, at))
            {
                if (regions.TryGetValue(at, out var region))
                {
                    result[row.NodeId] = region;
                    break;
                }
            }
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress on task {TaskId} is for node {NodeId}, which is not this node's parent; not sent")]
    private static partial void LogNoSuchParent(ILogger logger, Guid taskId, string nodeId);
}

/// <summary>
/// A flow's receiving side: a message from the peer in the expected role becomes a local event; one from the
/// other direction (a task from a child, progress from the parent) is acknowledged but not applied, and logged.
/// </summary>
public abstract partial class DirectedFlowHandler<TPayload>(LinkRole from, ILogger logger) : IFederationMessageHandler
{
    public abstract string WireName { get; }

    protected ILogger Logger => logger;

    public Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        if (link.Role != from)
        {
            LogWrongDirection(logger, envelope.MessageId, envelope.WireName, link.PeerNodeId);
            return Task.CompletedTask;
        }
        return ApplyDirectedAsync(db, link, FederationFlows.Deserialize<TPayload>(envelope), envelope, cancellationToken);
    }

    /// <summary>A message that came the right way: by default it becomes one local event; a relaying flow (ADR 0022) does more.</summary>
    protected virtual Task ApplyDirectedAsync(FederationDbContext db, FederationLink link, TPayload payload, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(ToLocalEvent(link, payload, envelope));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The local event of the default <see cref="ApplyDirectedAsync"/>. A handler overrides this, or (when it does more
    /// than raise one event, as task progress does) <see cref="ApplyDirectedAsync"/> and not this.
    /// </summary>
    protected virtual IIntegrationEvent ToLocalEvent(FederationLink link, TPayload payload, FederationEnvelope envelope) =>
        throw new InvalidOperationException($"{GetType().Name} overrides neither ToLocalEvent nor ApplyDirectedAsync.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation message {MessageId} ({WireName}) from {NodeId} came the wrong way up or down; not applied")]
    private static partial void LogWrongDirection(ILogger logger, Guid messageId, string wireName, string nodeId);
}

/// <summary>A task cascaded by the parent becomes this node's <see cref="CascadedTaskReceived"/>.</summary>
public sealed class CascadedTaskHandler(IOptions<NodeOptions> node, ILogger<CascadedTaskHandler> logger)
    : DirectedFlowHandler<CascadedTaskMessage>(LinkRole.Parent, logger)
{
    public override string WireName => FederationFlows.TaskCascaded;

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, CascadedTaskMessage task, FederationEnvelope envelope) => new CascadedTaskReceived(
        link.PeerNodeId, task.OriginPlanId, task.PlanTitle, task.OriginTaskId, task.TaskNumber, task.Revision, task.TaskTitle,
        task.Deadline, task.ReportsRequested, task.CascadedAt, envelope.OccurredAt, node.Value.Id);
}

/// <summary>
/// A child's progress becomes this node's <see cref="ChildProgressReceived"/>. A child speaks for itself and its own
/// subtree only (<see cref="SendersSubtree"/>; the region of each row from the message's RegionCodes); figures that cannot
/// be true and an "as of" ahead of this node's clock are dropped too. (Planning then keeps a node's figures from the child
/// they first came through.)
/// </summary>
public sealed partial class TaskProgressHandler(IOptions<NodeOptions> node, TimeProvider clock, ILogger<TaskProgressHandler> logger)
    : DirectedFlowHandler<TaskProgressMessage>(LinkRole.Child, logger)
{
    public override string WireName => FederationFlows.TaskProgress;

    protected override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, TaskProgressMessage progress, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        var refused = await SendersSubtree.RefusedNodeIdsAsync(db, link, node.Value.Id, cancellationToken);
        var regions = progress.RegionCodes ?? new Dictionary<string, string>();
        var kept = SendersSubtree.Keep(link, progress.Nodes, n => n.NodeId, n => n.ParentNodeId, n => regions.GetValueOrDefault(n.NodeId), refused);
        if (kept.Count < progress.Nodes.Count)
        {
            LogRowsDropped(Logger, envelope.MessageId, link.PeerNodeId, progress.Nodes.Count - kept.Count);
        }
        // Figures that cannot be true (negative, more reported or completed than assigned, absurdly many units) or a row
        // frozen ahead of this node's clock are not stored; the rows below such a row are still the sender's.
        var now = clock.GetUtcNow();
        var implausible = kept.RemoveAll(row => !ProgressFigures.Plausible(row) || !SendersSubtree.Believable(row.AsOf, now));
        if (implausible > 0)
        {
            LogImplausibleRows(Logger, envelope.MessageId, link.PeerNodeId, implausible);
        }
        // Reports no liaison could have filed (longer, more than one per unit) are cut to what one can; whether this node
        // asked for reports on the task at all is planning's to know, and it drops them when it did not.
        if (kept.Count(row => !RequestedReports.WithinBounds(row)) is > 0 and var unbounded)
        {
            LogReportsBounded(Logger, envelope.MessageId, link.PeerNodeId, unbounded);
            kept = kept.ConvertAll(row => RequestedReports.Bound(row, requested: true));
        }
        db.AddIntegrationEvent(new ChildProgressReceived(link.PeerNodeId, progress.TaskId, kept, envelope.OccurredAt, node.Value.Id));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress message {MessageId} from {NodeId} had {Count} row(s) outside that child's subtree or region; dropped")]
    private static partial void LogRowsDropped(ILogger logger, Guid messageId, string nodeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress message {MessageId} from {NodeId} had {Count} row(s) with reports beyond what a liaison can file (longer, more than one per unit, a percentage outside 0-100); cut to the bounds")]
    private static partial void LogReportsBounded(ILogger logger, Guid messageId, string nodeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress message {MessageId} from {NodeId} had {Count} row(s) with figures that cannot be true (negative, above the units assigned, above the bound, or as of a time ahead of this node's clock); dropped")]
    private static partial void LogImplausibleRows(ILogger logger, Guid messageId, string nodeId, int count);
}
