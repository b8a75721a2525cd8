namespace Platform.Notification.Module.Domain;

/// <summary>Who of a unit an inbox message is for.</summary>
public static class Audiences
{
    public const string Liaison = "liaison";
    public const string Leader = "leader";
    public const string All = "all";

    /// <summary>The node's office (a notice from above that named no unit, ADR 0022): office staff read it.</summary>
    public const string Office = "office";

    /// <summary>One person: the message names the user.</summary>
    public const string User = "user";

    public static readonly IReadOnlyDictionary<string, string> UnitAudiences =
        new Dictionary<string, string>(StringComparer.Ordinal) { [Liaison] = Liaison, [Leader] = Leader, [All] = All };
}

/// <summary>A message in a unit's (or one user's) inbox on the platform (站内信).</summary>
public sealed class InboxMessage
{
    private InboxMessage()
    {
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public string Kind { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    /// <summary>The task, finding or document the message is about.</summary>
    public Guid SubjectId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string NodeId { get; private set; } = string.Empty;

    /// <summary>liaison, leader, all (of the unit) or user.</summary>
    public string Audience { get; private set; } = Audiences.All;

    /// <summary>The one reader of a user-addressed message.</summary>
    public string? UserId { get; private set; }

    public bool Urgent { get; private set; }

    public Guid? NotificationId { get; private set; }

    public Guid? DocumentId { get; private set; }

    public static InboxMessage Create(Guid unitId, string kind, string title, string body, Guid subjectId, DateTimeOffset createdAt, string nodeId) => new()
    {
        Id = Guid.CreateVersion7(),
        UnitId = unitId,
        Kind = kind,
        Title = title,
        Body = body,
        SubjectId = subjectId,
        CreatedAt = createdAt,
        NodeId = nodeId,
    };

    /// <summary>The inbox copy of a notification; its id is the delivery's, so a delivery lands once however often it is retried.</summary>
    public static InboxMessage Deliver(Delivery delivery, NotificationMessage notification, DateTimeOffset at, string nodeId) => new()
    {
        Id = delivery.Id,
        UnitId = delivery.UnitId ?? Guid.Empty,
        Audience = delivery.Audience ?? Audiences.All,
        UserId = delivery.UserId,
        Kind = notification.Kind,
        Title = notification.Title,
        Body = notification.Body,
        SubjectId = notification.SubjectId,
        Urgent = notification.Urgent,
        NotificationId = notification.Id,
        DocumentId = notification.DocumentId,
        CreatedAt = at,
        NodeId = nodeId,
    };
}

/// <summary>Who read an inbox message, when (已读回执).</summary>
public sealed class ReadReceipt
{
    private ReadReceipt()
    {
    }

    public Guid MessageId { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public string UserName { get; private set; } = string.Empty;

    public DateTimeOffset ReadAt { get; private set; }

    public string NodeId { get; private set; } = string.Empty;

    public static ReadReceipt Create(Guid messageId, string userId, string userName, DateTimeOffset readAt, string nodeId) => new()
    {
        MessageId = messageId,
        UserId = userId,
        UserName = userName,
        ReadAt = readAt,
        NodeId = nodeId,
    };
}
