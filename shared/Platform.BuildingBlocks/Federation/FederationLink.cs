using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.Federation;

/// <summary>Whether the node at the other end of a link is above us or below us.</summary>
public enum LinkRole
{
    Parent,
    Child,
}

public enum LinkState
{
    /// <summary>Registered with an enrolment code, waiting for the parent's operator.</summary>
    Pending,
    Active,
    /// <summary>Refused on the listener; its backlog is kept for the operator.</summary>
    Revoked,
}

/// <summary>
/// One edge of the node hierarchy, seen from this node (ADR 0013). The sequence counters give
/// every message on the link its place, so delivery is ordered and receipt idempotent.
/// </summary>
public sealed class FederationLink
{
    public const int MaxNodeIdLength = 64;

    public const int MaxCertificateRequestLength = 8000;

    public const int MaxAddressLength = 300;

    public const int MaxRefusalLength = 500;

    public Guid Id { get; set; }

    public string PeerNodeId { get; set; } = string.Empty;

    /// <summary>GB/T 2260 code of the peer's region.</summary>
    public string PeerRegionCode { get; set; } = string.Empty;

    public LinkRole Role { get; set; }

    public LinkState State { get; set; }

    /// <summary>SHA-256 of the peer's certificate, lower-case hex; what the listener checks per call.</summary>
    public string? PeerCertificateThumbprint { get; set; }

    /// <summary>The child's PKCS#10 request (PEM) between registration and approval, when the parent signs it.</summary>
    public string? PendingCertificateRequest { get; set; }

    /// <summary>The peer's federation listener (https://host:port), where this node delivers.</summary>
    public string? PeerAddress { get; set; }

    /// <summary>
    /// SHA-256 of the certificate the peer's listener presents, when it is not the one it calls with:
    /// a child calls with the certificate its parent issued but serves with its own node certificate.
    /// </summary>
    public string? PeerServerCertificateThumbprint { get; set; }

    /// <summary>The certificate (PEM) the parent issued to the child of this link, kept on both sides.</summary>
    public string? LinkCertificatePem { get; set; }

    /// <summary>Child side, while pending: the link's id at the parent, to collect the certificate with.</summary>
    public Guid? RemoteLinkId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>Sequence the next message written for the peer gets (first is 1).</summary>
    public long NextOutgoingSequence { get; set; } = 1;

    /// <summary>Highest sequence received from the peer in order (0 before the first).</summary>
    public long LastReceivedSequence { get; set; }

    /// <summary>
    /// When the peer last refused this node's delivery with PermissionDenied (it revoked the link, or does not trust this
    /// node's certificate): the link is still active here, its backlog kept, but nothing goes through until the operators
    /// enrol it again. Null once a delivery is acknowledged again, or when the link is enrolled again.
    /// </summary>
    public DateTimeOffset? RefusedByPeerAt { get; set; }

    /// <summary>What the peer answered when it refused (<see cref="RefusedByPeerAt"/>).</summary>
    public string? RefusedByPeerReason { get; set; }

    /// <summary>
    /// When <see cref="State"/> last changed (null on links kept before this was: their creation counts). Each entry of
    /// the roster announced to the services carries it, so an announcement built while another link's change was still
    /// uncommitted cannot undo that change when it arrives later (<see cref="ChildNodes.ApplyAsync"/>).
    /// </summary>
    public DateTimeOffset? StateChangedAt { get; set; }

    /// <summary>When the state last changed, for links kept before that was recorded: their creation.</summary>
    public DateTimeOffset StateSince => StateChangedAt ?? CreatedAt;

    /// <summary>Changes the link's state, recording when.</summary>
    public void MoveTo(LinkState state, DateTimeOffset at)
    {
        State = state;
        StateChangedAt = at;
    }
}

internal sealed class FederationLinkConfiguration : IEntityTypeConfiguration<FederationLink>
{
    public void Configure(EntityTypeBuilder<FederationLink> builder)
    {
        builder.ToTable("federation_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.PeerNodeId).HasMaxLength(FederationLink.MaxNodeIdLength);
        builder.Property(l => l.PeerRegionCode).HasMaxLength(6);
        builder.Property(l => l.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.PeerCertificateThumbprint).HasMaxLength(64);
        builder.Property(l => l.PendingCertificateRequest).HasMaxLength(FederationLink.MaxCertificateRequestLength);
        builder.Property(l => l.PeerAddress).HasMaxLength(FederationLink.MaxAddressLength);
        builder.Property(l => l.PeerServerCertificateThumbprint).HasMaxLength(64);
        builder.Property(l => l.LinkCertificatePem).HasMaxLength(FederationLink.MaxCertificateRequestLength);
        builder.Property(l => l.RefusedByPeerReason).HasMaxLength(FederationLink.MaxRefusalLength);
        // Two writers allocating the same sequence: the second fails and retries instead of reusing it. The received
        // sequence is no token: the inbox moves it by a conditional update of its own (LinkInbox), so a receipt and a
        // message written for the same peer do not collide.
        builder.Property(l => l.NextOutgoingSequence).IsConcurrencyToken();
        builder.HasIndex(l => l.PeerNodeId).IsUnique();
        builder.HasIndex(l => l.PeerCertificateThumbprint);
    }
}

/// <summary>A one-time code the parent's operator hands to a child office out of band; only its hash is kept.</summary>
public sealed class EnrolmentCode
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the code, lower-case hex.</summary>
    public string CodeHash { get; set; } = string.Empty;

    public string ChildRegionCode { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The link the registration created.</summary>
    public Guid? LinkId { get; set; }
}

internal sealed class EnrolmentCodeConfiguration : IEntityTypeConfiguration<EnrolmentCode>
{
    public void Configure(EntityTypeBuilder<EnrolmentCode> builder)
    {
        builder.ToTable("federation_enrolment_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.ChildRegionCode).HasMaxLength(6);
        builder.HasIndex(c => c.CodeHash).IsUnique();
        // Spending a code is a conditional update on this column, so two registrations cannot both win.
        builder.Property(c => c.UsedAt).IsConcurrencyToken();
    }
}
