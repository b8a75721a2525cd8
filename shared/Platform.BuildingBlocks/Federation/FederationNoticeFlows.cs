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
using Platform.Contracts.Events.Notification;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Notices down, receipts up (ADR 0022): a notice (通报, 催办, 函) travels from the sending office's node to the node of
/// each region it names, relayed by the nodes between; each receiving node's delivered and read receipts travel back
/// up the same way. Notification owns the meaning; the edge routes by region and carries it.
/// </summary>
public static class FederationNoticeFlows
{
    /// <summary>Down: a notice for the nodes of the regions it names (relayed by a city to its counties).</summary>
    public const string Notice = "federation.notice.v1";

    /// <summary>Up: a node below delivered or read a notice (relayed by a city to the province that sent it).</summary>
    public const string NoticeReceipt = "federation.notice_receipt.v1";

    public static IServiceCollection AddPlatformFederationNoticeFlows(this IServiceCollection services)
    {
        services.AddPlatformConsumer<NoticeSentDownConsumer>("federation-notice-sent-down");
        services.AddPlatformConsumer<NoticeReceiptRecordedConsumer>("federation-notice-receipt-recorded");
        services.AddSingleton<IFederationMessageHandler, NoticeHandler>();
        services.AddSingleton<IFederationMessageHandler, NoticeReceiptHandler>();
        return services;
    }

    /// <summary>
    /// Puts the notice on the child link that leads to each of its target regions, one message per link naming the
    /// targets behind it; the message id is the same on every link (the link's (link, message id) key keeps it once).
    /// Returns the targets no child link leads to.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> RouteDownAsync(
        FederationDbContext db, Guid messageId, NoticeMessage notice, IReadOnlyCollection<string> targets, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return [];
        }
        // A child's link takes the notice in any state: a pending or revoked link keeps it in its backlog.
        var children = await db.Links.Where(l => l.Role == LinkRole.Child).ToListAsync(cancellationToken);
        var unrouted = new List<string>();
        var byLink = new Dictionary<FederationLink, List<string>>();
        foreach (var target in targets)
        {
            var link = children.FirstOrDefault(l => Regions.Routes(l.PeerRegionCode, target));
            if (link is null)
            {
                unrouted.Add(target);
                continue;
            }
            if (!byLink.TryGetValue(link, out var list))
            {
                byLink[link] = list = [];
            }
            list.Add(target);
        }
        foreach (var (link, regions) in byLink)
        {
            await LinkOutbox.EnqueueAsync(
                db, link.Id, messageId, Notice, FederationFlows.Serialize(notice with { TargetRegionCodes = regions }), occurredAt, cancellationToken);
        }
        return unrouted;
    }
}

/// <summary>The payload of <see cref="FederationNoticeFlows.Notice"/>: what the office wrote, for the nodes of the target regions.</summary>
public sealed record NoticeMessage(
    Guid NoticeId, string OriginNodeId, string SenderOffice, IReadOnlyList<string> TargetRegionCodes, string Kind, string Title, string Body,
    IReadOnlyList<Guid> UnitIds, string Audience, DateTimeOffset SentAt)
{
    /// <summary>For a mission's 督察通知: the mission's id at the origin (absent from an older sender).</summary>
    public Guid? MissionId { get; init; }

    /// <summary>For a mission's 督察通知: the mission's own title at the origin (absent from an older sender).</summary>
    public string? MissionTitle { get; init; }
}

/// <summary>The payload of <see cref="FederationNoticeFlows.NoticeReceipt"/>: which node's addressees got or read the notice.</summary>
public sealed record NoticeReceiptMessage(
    Guid NoticeId, string OriginNodeId, string NodeId, string RegionCode, string Status, IReadOnlyList<NoticeAddressee> Addressees, DateTimeOffset At)
{
    /// <summary>
    /// Units the notice named that the receiving node does not have (it gave the notice to its office instead). Optional on
    /// the wire: an older sender omits it, and an older receiver ignores it and leaves those units pending.
    /// </summary>
    public IReadOnlyList<NoticeAddressee>? UnknownUnits { get; init; }
}

/// <summary>Puts a notice the office sent on the child links that lead to its target regions.</summary>
[WireName("federation.notice_sent_down_consumer.v1")]
public sealed partial class NoticeSentDownConsumer(FederationDbContext db, TimeProvider clock, ILogger<NoticeSentDownConsumer> logger)
    : IdempotentConsumer<NoticeSentDown, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(NoticeSentDown message, ConsumeContext<NoticeSentDown> context)
    {
        var notice = new NoticeMessage(
            message.NoticeId, message.NodeId, message.SenderOffice, message.RegionCodes, message.Kind, message.Title, message.Body,
            message.UnitIds, message.Audience, message.OccurredAt) { MissionId = message.MissionId, MissionTitle = message.MissionTitle };
        // The local event's id is the message id on every link, so a redelivered event adds nothing.
        var unrouted = await FederationNoticeFlows.RouteDownAsync(Db, context.MessageId!.Value, notice, message.RegionCodes, message.OccurredAt, context.CancellationToken);
        foreach (var region in unrouted)
        {
            LogNoRoute(logger, message.NoticeId, region);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} names region {RegionCode}, which no child link of this node leads to; not sent")]
    private static partial void LogNoRoute(ILogger logger, Guid noticeId, string regionCode);
}

/// <summary>Puts a receipt for a notice from above on the link to the parent (which relays it on if the notice came from higher up).</summary>
[WireName("federation.notice_receipt_recorded_consumer.v1")]
public sealed partial class NoticeReceiptRecordedConsumer(
    FederationDbContext db, TimeProvider clock, IOptions<NodeOptions> node, ILogger<NoticeReceiptRecordedConsumer> logger)
    : IdempotentConsumer<NoticeReceiptRecorded, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(NoticeReceiptRecorded message, ConsumeContext<NoticeReceiptRecorded> context)
    {
        var parent = await Db.Links.FirstOrDefaultAsync(l => l.Role == LinkRole.Parent, context.CancellationToken);
        if (parent is null)
        {
            LogNoParent(logger, message.NoticeId);
            return;
        }
        var receipt = new NoticeReceiptMessage(
            message.NoticeId, message.OriginNodeId, node.Value.Id, node.Value.RegionCode, message.Status, message.Addressees, message.At)
        {
            UnknownUnits = message.UnknownUnits is { Count: > 0 } unknown ? unknown : null,
        };
        await LinkOutbox.EnqueueAsync(
            Db, parent.Id, context.MessageId!.Value, FederationNoticeFlows.NoticeReceipt, FederationFlows.Serialize(receipt), message.OccurredAt,
            context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A receipt for notice {NoticeId} has no parent link to go up; not sent")]
    private static partial void LogNoParent(ILogger logger, Guid noticeId);
}

/// <summary>
/// A notice from the parent: this node's part becomes its <see cref="NoticeReceived"/>; the regions below this node are
/// relayed on the child links leading to them, in the same transaction as the inbox row.
/// </summary>
public sealed partial class NoticeHandler(IOptions<NodeOptions> node, ILogger<NoticeHandler> logger)
    : DirectedFlowHandler<NoticeMessage>(LinkRole.Parent, logger)
{
    public override string WireName => FederationNoticeFlows.Notice;

    protected override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, NoticeMessage notice, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        var own = node.Value.RegionCode;
        if (notice.TargetRegionCodes.Contains(own))
        {
            db.AddIntegrationEvent(ToLocalEvent(link, notice, envelope));
        }
        var below = notice.TargetRegionCodes.Where(r => r != own).Distinct().ToList();
        foreach (var region in await FederationNoticeFlows.RouteDownAsync(db, envelope.MessageId, notice, below, envelope.OccurredAt, cancellationToken))
        {
            LogNoRoute(logger, notice.NoticeId, region);
        }
    }

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, NoticeMessage notice, FederationEnvelope envelope) => new NoticeReceived(
        notice.OriginNodeId, notice.SenderOffice, notice.NoticeId, notice.Kind, notice.Title, notice.Body, notice.UnitIds, notice.Audience,
        notice.SentAt, envelope.OccurredAt, node.Value.Id) { MissionId = notice.MissionId, MissionTitle = notice.MissionTitle };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} from above names region {RegionCode}, which no child link of this node leads to; not relayed")]
    private static partial void LogNoRoute(ILogger logger, Guid noticeId, string regionCode);
}

/// <summary>A receipt from a child: for a notice this node sent it becomes <see cref="NoticeReceiptReceived"/>; otherwise it is relayed up.</summary>
public sealed class NoticeReceiptHandler(IOptions<NodeOptions> node, ILogger<NoticeReceiptHandler> logger)
    : RelayUpHandler<NoticeReceiptMessage>(node, logger)
{
    public override string WireName => FederationNoticeFlows.NoticeReceipt;

    protected override string RegionOf(NoticeReceiptMessage receipt) => receipt.RegionCode;

    protected override string NodeOf(NoticeReceiptMessage receipt) => receipt.NodeId;

    protected override string DestinationOf(NoticeReceiptMessage receipt) => receipt.OriginNodeId;

    protected override Guid SubjectOf(NoticeReceiptMessage receipt) => receipt.NoticeId;

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, NoticeReceiptMessage receipt, FederationEnvelope envelope) => new NoticeReceiptReceived(
        receipt.NodeId, receipt.RegionCode, receipt.NoticeId, receipt.Status, receipt.Addressees, receipt.At, envelope.OccurredAt, Node.Value.Id)
    {
        ViaNodeId = link.PeerNodeId, UnknownUnits = receipt.UnknownUnits,
    };
}
