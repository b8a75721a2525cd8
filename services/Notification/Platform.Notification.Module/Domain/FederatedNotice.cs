using Platform.Contracts.Events.Notification;

namespace Platform.Notification.Module.Domain;

/// <summary>The kinds of notice an office sends down to nodes below (ADR 0022), and the inbox message kind each becomes there.</summary>
public static class NoticeKinds
{
    public const string Bulletin = "bulletin";
    public const string Urge = "urge";
    public const string Letter = "letter";

    /// <summary>A mission's 督察通知 to a target in a region below: sent by inspection's notification of the mission, not by hand.</summary>
    public const string Mission = "mission";

    /// <summary>The kinds the office writes itself (SendNoticeDown).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sendable =
        new Dictionary<string, string>(StringComparer.Ordinal) { [Bulletin] = Bulletin, [Urge] = Urge, [Letter] = Letter };

    public static string MessageKind(string kind) => kind switch
    {
        Urge => MessageKinds.UrgeFromAbove,
        Letter => MessageKinds.LetterFromAbove,
        Mission => MessageKinds.MissionFromAbove,
        _ => MessageKinds.BulletinFromAbove,
    };

    public static string Name(string kind) => kind switch
    {
        Urge => "催办通知",
        Letter => "函",
        Mission => "督察通知",
        _ => "通报",
    };
}

/// <summary>A notice this node's office sent down (通报, 催办, 函), with how far it got at each addressee below.</summary>
public sealed class SentNotice
{
    private readonly List<SentNoticeRecipient> _recipients = [];

    private SentNotice()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    /// <summary>liaison, leader or all of the units named; office when it went to the nodes' offices.</summary>
    public string Audience { get; private set; } = Audiences.Office;

    public Audit Created { get; private set; } = null!;

    public IReadOnlyList<SentNoticeRecipient> Recipients => _recipients;

    /// <summary>One recipient row per (region, unit), or per region's office when no unit is named: pending until a receipt comes up.</summary>
    public static SentNotice Send(string kind, string title, string body, IReadOnlyList<string> regionCodes, IReadOnlyList<Guid> unitIds, string audience, Audit created)
    {
        var notice = new SentNotice { Id = Guid.CreateVersion7(), Kind = kind, Title = title, Body = body, Audience = audience, Created = created };
        foreach (var region in regionCodes)
        {
            if (unitIds.Count == 0)
            {
                notice._recipients.Add(SentNoticeRecipient.Pending(notice.Id, region, Guid.Empty));
            }
            foreach (var unit in unitIds)
            {
                notice._recipients.Add(SentNoticeRecipient.Pending(notice.Id, region, unit));
            }
        }
        return notice;
    }

    /// <summary>
    /// Why a receipt from below for <paramref name="regionCode"/> and <paramref name="unitId"/> (empty: that node's office)
    /// is not one this notice can have, or null if it is: the notice went to that region (so through the child link that
    /// leads to it), and to that unit there, or the unit is that node's office (which a notice naming no unit goes to).
    /// </summary>
    public string? ReceiptProblem(string regionCode, Guid? unitId)
    {
        if (!_recipients.Any(r => r.RegionCode == regionCode))
        {
            return $"the notice was not sent to region {regionCode}";
        }
        var unit = unitId ?? Guid.Empty;
        return unit == Guid.Empty || _recipients.Any(r => r.RegionCode == regionCode && r.UnitId == unit)
            ? null
            : $"the notice was not addressed to unit {unit} in region {regionCode}";
    }

    /// <summary>
    /// A receipt from below. Receipts of a link arrive in order, but a read implies delivery whatever came first, and
    /// the first read is kept: a repeated or older receipt changes nothing.
    /// </summary>
    public void Record(string nodeId, string regionCode, string status, Guid? addresseeUnitId, string addresseeUnitName, DateTimeOffset at)
    {
        var unitId = addresseeUnitId ?? Guid.Empty;
        var row = _recipients.FirstOrDefault(r => r.RegionCode == regionCode && r.UnitId == unitId);
        if (row is null)
        {
            // The office of a region the notice went to, which the sender did not list (ReceiptProblem lets nothing else here).
            row = SentNoticeRecipient.Pending(Id, regionCode, unitId);
            _recipients.Add(row);
        }
        row.Record(nodeId, addresseeUnitName, status, at);
    }

    /// <summary>The node below has no unit <paramref name="unitId"/>: it gave the notice to its office instead (ReceiptProblem checked first).</summary>
    public void RecordUnknownUnit(string nodeId, string regionCode, Guid unitId, DateTimeOffset at) =>
        _recipients.FirstOrDefault(r => r.RegionCode == regionCode && r.UnitId == unitId)?.RecordUnknown(nodeId, at);
}

/// <summary>One addressee of a sent notice: a unit of a node below (UnitId empty: that node's office).</summary>
public sealed class SentNoticeRecipient
{
    private SentNoticeRecipient()
    {
    }

    public Guid NoticeId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public Guid UnitId { get; private set; }

    /// <summary>The receiving node's id, known from its first receipt.</summary>
    public string NodeId { get; private set; } = string.Empty;

    public string UnitName { get; private set; } = string.Empty;

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>When the node below reported that it has no such unit (the notice went to its office instead).</summary>
    public DateTimeOffset? UnknownAt { get; private set; }

    public string State =>
        ReadAt is not null ? NoticeReceiptStatus.Read
        : DeliveredAt is not null ? NoticeReceiptStatus.Delivered
        : UnknownAt is not null ? NoticeReceiptStatus.UnknownUnit
        : "pending";

    internal static SentNoticeRecipient Pending(Guid noticeId, string regionCode, Guid unitId) =>
        new() { NoticeId = noticeId, RegionCode = regionCode, UnitId = unitId };

    internal void RecordUnknown(string nodeId, DateTimeOffset at)
    {
        NodeId = nodeId;
        UnknownAt ??= at;
    }

    internal void Record(string nodeId, string unitName, string status, DateTimeOffset at)
    {
        NodeId = nodeId;
        if (unitName.Length > 0)
        {
            UnitName = unitName;
        }
        if (DeliveredAt is null || at < DeliveredAt)
        {
            DeliveredAt = at;
        }
        if (status == NoticeReceiptStatus.Read && (ReadAt is null || at < ReadAt))
        {
            ReadAt = at;
        }
    }
}

/// <summary>
/// A notice from a node above, as this node received it: the message its addressees read here, keyed by the sender's
/// notice so a second copy adds nothing and a read can be reported back.
/// </summary>
public sealed class ReceivedNotice
{
    private ReceivedNotice()
    {
    }

    public Guid Id { get; private set; }

    public string SenderNodeId { get; private set; } = string.Empty;

    public Guid OriginNoticeId { get; private set; }

    public Guid NotificationId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static ReceivedNotice Receive(string senderNodeId, Guid originNoticeId, Guid notificationId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), SenderNodeId = senderNodeId, OriginNoticeId = originNoticeId, NotificationId = notificationId, ReceivedAt = at,
    };
}
