namespace Platform.Contracts.Events.Notification;

/// <summary>
/// The office sent a notice (通报, 催办, 函) down to nodes below (ADR 0022): to each named region's node, addressed
/// to the units named (UnitIds, only with one region) or, with none, to that node's office. Raised by notification;
/// the federation edge puts it on the child links it routes to.
/// </summary>
[WireName("notification.notice_sent_down.v1")]
public sealed record NoticeSentDown(
    Guid NoticeId,
    string Kind,
    string Title,
    string Body,
    IReadOnlyList<string> RegionCodes,
    IReadOnlyList<Guid> UnitIds,
    string Audience,
    string SenderOffice,
    string SentBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent
{
    /// <summary>For a mission's 督察通知 (kind mission): the mission's id here, so a node below can name it in the status of its items.</summary>
    public Guid? MissionId { get; init; }

    /// <summary>For a mission's 督察通知: the mission's own title (the notice's title is the document's).</summary>
    public string? MissionTitle { get; init; }
}

/// <summary>One addressee of a notice from above: a unit of this node, or (UnitId null) this node's office.</summary>
public sealed record NoticeAddressee(Guid? UnitId, string UnitName);

/// <summary>
/// A notice from above reached its addressees' inboxes (Status delivered) or one of them read it first (Status read).
/// OriginNodeId is the node that sent the notice; the federation edge carries the receipt up to it.
/// </summary>
[WireName("notification.notice_receipt_recorded.v1")]
public sealed record NoticeReceiptRecorded(
    string OriginNodeId,
    Guid NoticeId,
    string Status,
    IReadOnlyList<NoticeAddressee> Addressees,
    DateTimeOffset At,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent
{
    /// <summary>Units the notice named that this node does not have (state unknown_unit at the sender); absent: none.</summary>
    public IReadOnlyList<NoticeAddressee>? UnknownUnits { get; init; }
}

/// <summary>What a notice receipt says.</summary>
public static class NoticeReceiptStatus
{
    public const string Delivered = "delivered";
    public const string Read = "read";

    /// <summary>
    /// The node below has no unit with the id the notice named: it handed the notice to its office instead. Carried in a
    /// receipt's UnknownUnits, never as its Status, so a node older than this state leaves such a unit pending.
    /// </summary>
    public const string UnknownUnit = "unknown_unit";
}
