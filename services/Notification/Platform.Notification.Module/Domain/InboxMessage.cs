namespace Platform.Notification.Module.Domain;

/// <summary>A message in a unit's inbox on the platform (站内信).</summary>
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
}
