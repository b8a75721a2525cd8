using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contracts.Events;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// An integration event waiting to be published. Written in the same transaction as the
/// change that raised it; the dispatcher publishes it and marks it published once the
/// broker has acknowledged it. Its id becomes the message id, so a consumer's inbox can
/// recognise a second publication after a crash.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 2000;

    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The event's wire name (<c>planning.task_assigned.v1</c>); rows written before wire names hold the CLR type's full name.</summary>
    public string MessageType { get; private set; } = string.Empty;

    public string Payload { get; private set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A dispatcher holds the row until then; another replica may take it after.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Which dispatch round claimed the row, so a round reads back exactly the rows it won.</summary>
    public Guid? LockToken { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage Create(IIntegrationEvent integrationEvent)
    {
        // The runtime type: a mapped domain event arrives as the interface, and the row needs the record's name and members.
        var type = integrationEvent.GetType();
        return new()
        {
            Id = Guid.CreateVersion7(),
            MessageType = EventTypeRegistry.WireNameOf(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type, EventSerialization.Options),
            OccurredAt = integrationEvent.OccurredAt,
            NextAttemptAt = integrationEvent.OccurredAt,
        };
    }
}

/// <summary>One message handled by one consumer: the idempotent inbox.</summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = string.Empty;

    public DateTimeOffset ProcessedAt { get; set; }
}

internal static class EventSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageType).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(MaxErrorLength);
        builder.HasIndex(m => new { m.PublishedAt, m.NextAttemptAt });
        builder.HasIndex(m => m.LockToken);
    }

    private const int MaxErrorLength = OutboxMessage.MaxErrorLength;
}

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> builder)
    {
        builder.ToTable("inbox_processed_messages");
        builder.HasKey(m => new { m.MessageId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(300);
    }
}
