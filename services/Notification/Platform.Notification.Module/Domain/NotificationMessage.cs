using Platform.BuildingBlocks.Persistence;

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

    public static readonly IReadOnlySet<string> Urgent = new HashSet<string>(StringComparer.Ordinal) { Overdue, Escalation };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        TaskAssigned, Reminder, Overdue, Escalation, Feedback, MissionNotice, Bulletin,
    };
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

    /// <summary>Confidential messages (inspection feedback) go to the unit's inbox only, never outside the platform.</summary>
    public bool Confidential { get; private set; }

    public Audit Created { get; private set; } = null!;

    public static NotificationMessage Create(
        string kind, string title, string body, Guid subjectId, Audit created, Guid? documentId = null, bool confidential = false) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        Title = title,
        Body = body,
        SubjectId = subjectId,
        DocumentId = documentId,
        Urgent = MessageKinds.Urgent.Contains(kind),
        Confidential = confidential,
        Created = created,
    };
}
