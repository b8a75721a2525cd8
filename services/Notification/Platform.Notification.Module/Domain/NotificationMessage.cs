namespace Platform.Notification.Module.Domain;

/// <summary>Message kinds and whether they are urgent (urgent kinds ignore quiet hours).</summary>
public static class MessageKinds
{
    public const string TaskAssigned = "task_assigned";
    public const string Reminder = "deadline_reminder";
    public const string Overdue = "overdue_reminder";
    public const string Escalation = "escalation";
    public const string Feedback = "inspection_feedback";
    public const string MissionNotice = "mission_notice";
    public const string Bulletin = "bulletin";

    /// <summary>Notices from a node above (ADR 0022): its office's bulletin, urging notice or letter.</summary>
    public const string BulletinFromAbove = "bulletin_from_above";
    public const string UrgeFromAbove = "urge_from_above";
    public const string LetterFromAbove = "letter_from_above";
    public const string MissionFromAbove = "mission_from_above";

    public static readonly IReadOnlySet<string> Urgent = new HashSet<string>(StringComparer.Ordinal) { Overdue, Escalation, UrgeFromAbove };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        TaskAssigned, Reminder, Overdue, Escalation, Feedback, MissionNotice, Bulletin, BulletinFromAbove, UrgeFromAbove, LetterFromAbove, MissionFromAbove,
    };

    /// <summary>Kinds that always carry case material: escalation letters and notices, inspection feedback.</summary>
    public static readonly IReadOnlySet<string> CaseMaterial = new HashSet<string>(StringComparer.Ordinal) { Escalation, Feedback };

    /// <summary>Kinds that never leave the platform's inbox (feedback is 点对点、背靠背: not even a reference goes out).</summary>
    public static readonly IReadOnlySet<string> InboxOnly = new HashSet<string>(StringComparer.Ordinal) { Feedback };
}

/// <summary>
/// One message as written once (a reminder, a document, a bulletin); its deliveries carry it
/// to each recipient on each channel.
/// </summary>
public sealed class NotificationMessage
{
    private NotificationMessage()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public Guid SubjectId { get; private set; }

    public Guid? DocumentId { get; private set; }

    public bool Urgent { get; private set; }

    /// <summary>
    /// Whether the message is case material in the sense of CaseMaterialPolicy (derived from a finding
    /// or a rectification item): read in full only in the inbox by its addressees and the office; a
    /// webhook gets a reference to it, never its title or body.
    /// </summary>
    public bool Confidential { get; private set; }

    public Audit Created { get; private set; } = null!;

    /// <summary>
    /// The one place that decides which messages are case material: the case kinds, and any other
    /// message about a rectification item (a deadline or overdue reminder quoting the item).
    /// </summary>
    public static bool IsCaseMaterial(string kind, bool aboutRectificationItem) =>
        MessageKinds.CaseMaterial.Contains(kind) || aboutRectificationItem;

    public static NotificationMessage Create(
        string kind, string title, string body, Guid subjectId, Audit created, Guid? documentId = null, bool aboutRectificationItem = false) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        Title = title,
        Body = body,
        SubjectId = subjectId,
        DocumentId = documentId,
        Urgent = MessageKinds.Urgent.Contains(kind),
        Confidential = IsCaseMaterial(kind, aboutRectificationItem),
        Created = created,
    };
}
