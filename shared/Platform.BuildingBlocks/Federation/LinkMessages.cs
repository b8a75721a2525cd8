using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.Federation;

/// <summary>What crosses a link: a message with its place on the link and its stable wire name.</summary>
public sealed record FederationEnvelope(long Sequence, Guid MessageId, string WireName, string Payload, DateTimeOffset OccurredAt);

/// <summary>A message on a link, as the sender's outbox and the receiver's inbox both keep it.</summary>
public abstract class LinkMessage
{
    public Guid LinkId { get; set; }

    public long Sequence { get; set; }

    /// <summary>Id of the message that produced the row; a second copy of it is not stored again.</summary>
    public Guid MessageId { get; set; }

    public string WireName { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    public FederationEnvelope ToEnvelope() => new(Sequence, MessageId, WireName, Payload, OccurredAt);
}

/// <summary>A message waiting to cross a link, written in the same transaction as what caused it.</summary>
public sealed class LinkOutboxMessage : LinkMessage
{
    public const int MaxErrorLength = 2000;

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// The latest of a kind of message that only its newest state matters for (a task's progress summary), waiting for
/// the next delivery round. Written in the same transaction as what caused it and replaced by a newer one; the round
/// moves it into the outbox, so a busy task sends one message per round instead of one per change.
/// </summary>
public sealed class LinkPendingMessage
{
    public const int MaxKeyLength = 200;

    public Guid LinkId { get; set; }

    /// <summary>What a newer message replaces an older one by, e.g. <c>task_progress:{task id}</c>.</summary>
    public string Key { get; set; } = string.Empty;

    public Guid MessageId { get; set; }

    public string WireName { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Changed on every replacement, so the round that moves the row cannot delete a newer one it did not read.</summary>
    public Guid Version { get; set; }
}

public enum InboxState
{
    /// <summary>Turned into a local event.</summary>
    Applied,
    /// <summary>A wire name or version this node does not know: kept for the operator, not applied.</summary>
    Unrecognised,
    /// <summary>A known wire name whose payload cannot be read (not JSON, null, a required member missing): kept for the operator, not applied.</summary>
    Unreadable,
}

/// <summary>A message received on a link, kept so a second delivery is recognised.</summary>
public sealed class LinkInboxMessage : LinkMessage
{
    public DateTimeOffset ReceivedAt { get; set; }

    public InboxState State { get; set; }
}

internal sealed class LinkOutboxMessageConfiguration : IEntityTypeConfiguration<LinkOutboxMessage>
{
    public void Configure(EntityTypeBuilder<LinkOutboxMessage> builder)
    {
        builder.ToTable("federation_link_outbox");
        builder.HasKey(m => new { m.LinkId, m.Sequence });
        builder.Property(m => m.WireName).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(LinkOutboxMessage.MaxErrorLength);
        builder.HasIndex(m => new { m.LinkId, m.MessageId }).IsUnique();
        builder.HasIndex(m => new { m.LinkId, m.DeliveredAt });
    }
}

internal sealed class LinkPendingMessageConfiguration : IEntityTypeConfiguration<LinkPendingMessage>
{
    public void Configure(EntityTypeBuilder<LinkPendingMessage> builder)
    {
        builder.ToTable("federation_link_pending");
        builder.HasKey(m => new { m.LinkId, m.Key });
        builder.Property(m => m.Key).HasMaxLength(LinkPendingMessage.MaxKeyLength);
        builder.Property(m => m.WireName).HasMaxLength(300);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class LinkInboxMessageConfiguration : IEntityTypeConfiguration<LinkInboxMessage>
{
    public void Configure(EntityTypeBuilder<LinkInboxMessage> builder)
    {
        builder.ToTable("federation_link_inbox");
        builder.HasKey(m => new { m.LinkId, m.Sequence });
        builder.Property(m => m.WireName).HasMaxLength(300);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.LinkId, m.MessageId }).IsUnique();
        builder.HasIndex(m => m.State);
    }
}
