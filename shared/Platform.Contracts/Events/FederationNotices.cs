using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Events.Notification;

namespace Platform.Contracts.Events.Federation;

/// <summary>
/// A notice from a node above reached this node (ADR 0022); raised by the federation edge. SenderNodeId is the node
/// whose office sent it (the parent, or a node above it whose notice the parent relayed).
/// </summary>
[WireName("federation.notice_received.v1")]
public sealed record NoticeReceived(
    string SenderNodeId,
    string SenderOffice,
    Guid NoticeId,
    string Kind,
    string Title,
    string Body,
    IReadOnlyList<Guid> UnitIds,
    string Audience,
    DateTimeOffset SentAt,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent
{
    /// <summary>For a mission's 督察通知 (kind mission): the mission's id at the sending node.</summary>
    public Guid? MissionId { get; init; }

    /// <summary>For a mission's 督察通知: the mission's own title (absent from an older sender: the notice's title stands in).</summary>
    public string? MissionTitle { get; init; }
}

/// <summary>A node below delivered or read a notice this node sent; raised by the federation edge when the receipt arrives.</summary>
[WireName("federation.notice_receipt_received.v1")]
public sealed record NoticeReceiptReceived(
    string ReceiverNodeId,
    string ReceiverRegionCode,
    Guid NoticeId,
    string Status,
    IReadOnlyList<NoticeAddressee> Addressees,
    DateTimeOffset At,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent
{
    /// <summary>The child whose link the receipt came through (the receiving node itself, or the city that relayed it).</summary>
    public string? ViaNodeId { get; init; }

    /// <summary>Units the notice named that the node below does not have (state unknown_unit); absent: none.</summary>
    public IReadOnlyList<NoticeAddressee>? UnknownUnits { get; init; }
}

/// <summary>
/// A node below reported the status of a rectification item it opened for a finding of this node's mission (ADR 0022);
/// raised by the federation edge when the message arrives. ReporterNodeId is the node that holds the item.
/// </summary>
[WireName("federation.rectification_status_received.v1")]
public sealed record RectificationStatusReceived(
    string ReporterNodeId, RectificationItemStatus Status, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent
{
    /// <summary>The child whose link the status came through (the reporter, or the city that relayed it).</summary>
    public string? ViaNodeId { get; init; }

    /// <summary>That child's region: the status is kept only for a mission targeting this region or one below it.</summary>
    public string? ViaRegionCode { get; init; }
}
