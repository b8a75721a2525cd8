using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Federation;

/// <summary>A freshly created code: shown once to the parent's operator, never stored in clear.</summary>
public sealed record IssuedEnrolmentCode(Guid Id, string Code, string ChildRegionCode, DateTimeOffset ExpiresAt);

/// <summary>
/// Joining the hierarchy (ADR 0013): the parent creates a one-time code for a child region, the child
/// registers with it, the parent approves; either side may revoke.
/// </summary>
public sealed class Enrolment(FederationDbContext db, IOptions<NodeOptions> node, IOptions<FederationOptions> options, TimeProvider clock)
{
    public async Task<IssuedEnrolmentCode> CreateCodeAsync(string childRegionCode, CancellationToken cancellationToken)
    {
        var problem = Regions.ChildProblem(node.Value, childRegionCode);
        if (problem is not null)
        {
            throw new ValidationException("child_region_code", problem);
        }
        // A region has one child node: a code for a region another node holds would enrol a second one.
        await RequireRegionFreeAsync(childRegionCode, null, LinkState.Pending, cancellationToken);
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        var row = new EnrolmentCode
        {
            Id = Guid.CreateVersion7(),
            CodeHash = Hash(code),
            ChildRegionCode = childRegionCode,
            CreatedAt = now,
            ExpiresAt = now + options.Value.EnrolmentCodeLifetime,
        };
        db.EnrolmentCodes.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedEnrolmentCode(row.Id, code, childRegionCode, row.ExpiresAt);
    }

    /// <summary>The child's registration, received by the parent: spends the code and opens a pending link.</summary>
    public async Task<FederationLink> RegisterChildAsync(string code, string childNodeId, string childRegionCode, string certificateRequestPem, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(code))
        {
            violations.Add(new("enrolment_code", "必须填写登记码"));
        }
        if (!NodeIdPattern(childNodeId))
        {
            violations.Add(new("node_id", "节点标识须为 1 至 64 个字母、数字、'-' 或 '_'"));
        }
        // Node ids are compared ignoring case wherever a link is looked up by peer: a child named like this node would have
        // its rows taken for this node's own.
        else if (SameNodeId(childNodeId, node.Value.Id))
        {
            violations.Add(new("node_id", $"下级节点的标识不得与本节点（{node.Value.Id}）相同"));
        }
        if (certificateRequestPem is not { Length: > 0 and <= FederationLink.MaxCertificateRequestLength })
        {
            violations.Add(new("certificate_request", $"必须提交证书签名请求（PEM，不超过 {FederationLink.MaxCertificateRequestLength} 个字符）"));
        }
        else
        {
            try
            {
                FederationCertificateAuthority.ParseRequest(certificateRequestPem, "check");
            }
            catch (ValidationException e)
            {
                violations.AddRange(e.Violations);
            }
        }
        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
        var now = clock.GetUtcNow();
        var hash = Hash(code);
        var row = await db.EnrolmentCodes.SingleOrDefaultAsync(c => c.CodeHash == hash, cancellationToken);
        // The same child registering again with the same code and key (its first answer was lost on the way back, and it
        // retried): the pending link the code opened is the answer again, not a refusal.
        if (row is { UsedAt: not null, LinkId: { } opened } && row.ExpiresAt > now
            && await db.Links.SingleOrDefaultAsync(l => l.Id == opened, cancellationToken) is { State: LinkState.Pending, PendingCertificateRequest: { } pending } repeated
            && repeated.PeerNodeId == childNodeId && repeated.PeerRegionCode == childRegionCode
            && FederationCertificateAuthority.SameKey(
                FederationCertificateAuthority.ParseRequest(pending, childNodeId).PublicKey,
                FederationCertificateAuthority.ParseRequest(certificateRequestPem, childNodeId).PublicKey))
        {
            repeated.LastContactAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return repeated;
        }
        // One answer for unknown, spent and expired codes: a guesser learns nothing.
        if (row is null || row.UsedAt is not null || row.ExpiresAt <= now)
        {
            throw new PermissionDeniedException("登记码无效、已使用或已过期");
        }
        if (row.ChildRegionCode != childRegionCode)
        {
            throw new ValidationException("region_code", $"登记码是为行政区划 {row.ChildRegionCode} 签发的");
        }
        // A code issued before another node took the region (or two codes for one region) enrols no second child.
        await RequireRegionFreeAsync(childRegionCode, childNodeId, LinkState.Pending, cancellationToken);
        // A child whose link was revoked enrols again with a new code (to renew its certificate, say): its link becomes
        // pending again with the new request, keeping its sequences and its backlog; the old certificate stays refused.
        var lowered = childNodeId.ToLowerInvariant();
        var link = await db.Links.SingleOrDefaultAsync(l => l.PeerNodeId.ToLower() == lowered, cancellationToken);
        if (link is { Role: LinkRole.Parent })
        {
            throw new ValidationException("node_id", $"下级节点的标识不得与本节点的上级节点（{link.PeerNodeId}）相同");
        }
        if (link is null)
        {
            link = NewLink(childNodeId, childRegionCode, LinkRole.Child, LinkState.Pending, now);
            db.Links.Add(link);
        }
        else if (link is { Role: LinkRole.Child, State: LinkState.Revoked } && link.PeerNodeId == childNodeId && link.PeerRegionCode == childRegionCode)
        {
            link.MoveTo(LinkState.Pending, now);
            link.PeerCertificateThumbprint = null;
            link.LinkCertificatePem = null;
            link.RefusedByPeerAt = null;
            link.RefusedByPeerReason = null;
        }
        else
        {
            throw new AlreadyExistsException($"节点 {childNodeId} 已登记（链路未吊销，或为其他角色或区划）");
        }
        link.PendingCertificateRequest = certificateRequestPem;
        link.LastContactAt = now;
        row.UsedAt = now;
        row.LinkId = link.Id;
        await ChildLinkRoster.AnnounceAsync(db, node.Value.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return link;
    }

    /// <summary>The child's side: records its parent once the parent approved and issued the certificate.</summary>
    public async Task<FederationLink> AddParentAsync(string parentNodeId, string parentRegionCode, string parentCertificateThumbprint, CancellationToken cancellationToken)
    {
        if (!IsThumbprint(parentCertificateThumbprint))
        {
            throw new ValidationException("parent_certificate_thumbprint", "证书指纹须为 64 位十六进制 SHA-256");
        }
        if (await db.Links.AnyAsync(l => l.Role == LinkRole.Parent && l.State != LinkState.Revoked, cancellationToken))
        {
            throw new PreconditionFailedException("本节点已有上级节点");
        }
        // The parent this node was enrolled under before and revoked: the same link, active again, its backlog kept.
        var link = await db.Links.SingleOrDefaultAsync(l => l.PeerNodeId == parentNodeId && l.Role == LinkRole.Parent, cancellationToken);
        if (link is null)
        {
            link = NewLink(parentNodeId, parentRegionCode, LinkRole.Parent, LinkState.Active, clock.GetUtcNow());
            db.Links.Add(link);
        }
        link.MoveTo(LinkState.Active, clock.GetUtcNow());
        link.PeerCertificateThumbprint = parentCertificateThumbprint.ToLowerInvariant();
        link.RefusedByPeerAt = null;
        link.RefusedByPeerReason = null;
        await db.SaveChangesAsync(cancellationToken);
        return link;
    }

    /// <summary>Signs the child's request with this node's authority and pins the issued certificate on the link.</summary>
    public async Task<(FederationLink Link, IssuedLinkCertificate Certificate)> ApproveAsync(Guid linkId, FederationCertificateAuthority authority, CancellationToken cancellationToken)
    {
        var link = await FindAsync(linkId, cancellationToken);
        if (link.State != LinkState.Pending || link.PendingCertificateRequest is null)
        {
            throw new PreconditionFailedException($"链路状态为 {link.State}，只能批准待批准的链路");
        }
        // Two pending registrations for one region (from before the checks above): the first approved holds it.
        await RequireRegionFreeAsync(link.PeerRegionCode, link.PeerNodeId, LinkState.Active, cancellationToken);
        var issued = authority.Issue(link.PendingCertificateRequest, link.PeerNodeId, clock.GetUtcNow(), options.Value.LinkCertificateLifetime);
        using (var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(issued.CertificatePem))
        {
            link.PeerCertificateThumbprint = FederationCertificateAuthority.ThumbprintOf(certificate);
        }
        link.LinkCertificatePem = issued.CertificatePem;
        link.PendingCertificateRequest = null;
        var now = clock.GetUtcNow();
        link.MoveTo(LinkState.Active, now);
        await ChildLinkRoster.AnnounceAsync(db, node.Value.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (link, issued);
    }

    /// <summary>Refused from the next call on (the listener reads the store per call); the backlog stays.</summary>
    public async Task<FederationLink> RevokeAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var link = await FindAsync(linkId, cancellationToken);
        var now = clock.GetUtcNow();
        link.MoveTo(LinkState.Revoked, now);
        if (link.Role == LinkRole.Child)
        {
            await ChildLinkRoster.AnnounceAsync(db, node.Value.Id, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return link;
    }

    /// <summary>
    /// Refuses when another node's child link holds <paramref name="regionCode"/>: an active one, or also a pending one when
    /// <paramref name="holding"/> is <see cref="LinkState.Pending"/>. A revoked link holds nothing (its node, or another,
    /// may enrol for the region again), and the node <paramref name="enrolling"/> never blocks itself.
    /// </summary>
    private async Task RequireRegionFreeAsync(string regionCode, string? enrolling, LinkState holding, CancellationToken cancellationToken)
    {
        var holder = await db.Links.AsNoTracking()
            .Where(l => l.Role == LinkRole.Child && l.PeerRegionCode == regionCode && l.PeerNodeId != enrolling
                && (l.State == LinkState.Active || (holding == LinkState.Pending && l.State == LinkState.Pending)))
            .Select(l => new { l.PeerNodeId, l.State })
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            throw new PreconditionFailedException(
                $"行政区划 {regionCode} 已有下级节点 {holder.PeerNodeId}（链路{(holder.State == LinkState.Active ? "已生效" : "待批准")}）；一个行政区划只有一个下级节点，须先吊销其链路");
        }
    }

    private async Task<FederationLink> FindAsync(Guid linkId, CancellationToken cancellationToken) =>
        await db.Links.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken)
        ?? throw new NotFoundException($"链路 {linkId} 不存在");

    private static FederationLink NewLink(string peerNodeId, string peerRegionCode, LinkRole role, LinkState state, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PeerNodeId = peerNodeId,
        PeerRegionCode = peerRegionCode,
        Role = role,
        State = state,
        StateChangedAt = now,
        CreatedAt = now,
    };

    internal static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim())));

    /// <summary>Node ids as links compare them: ordinal, ignoring case.</summary>
    public static bool SameNodeId(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool NodeIdPattern(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= FederationLink.MaxNodeIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    internal static bool IsThumbprint(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}

/// <summary>GB/T 2260 nesting: a city's code shares its province's first two digits, a county's its city's first four.</summary>
public static class Regions
{
    /// <summary>
    /// Why <paramref name="childRegionCode"/> cannot be a child of this node, or null if it can: it must be a GB/T 2260 region
    /// (<see cref="RegionTable"/>) inside this node's region, one level below it.
    /// </summary>
    public static string? ChildProblem(NodeOptions node, string? childRegionCode)
    {
        if (RegionTable.Problem(childRegionCode) is { } unknown)
        {
            return unknown;
        }
        return node.Level switch
        {
            NodeLevel.Province when childRegionCode![..2] == node.RegionCode[..2] && childRegionCode[2..4] != "00" && childRegionCode[4..] == "00" => null,
            NodeLevel.Province => $"不是本省（{node.RegionCode}）所辖的市级行政区划",
            NodeLevel.City when childRegionCode![..4] == node.RegionCode[..4] && childRegionCode[4..] != "00" => null,
            NodeLevel.City => $"不是本市（{node.RegionCode}）所辖的县级行政区划",
            _ => "县级节点没有下级节点",
        };
    }

    /// <summary>
    /// Why <paramref name="regionCode"/> is not a region below this node (a child's or a grandchild's), or null if it is:
    /// a province reaches its cities and their counties, a city its counties.
    /// </summary>
    public static string? DescendantProblem(NodeOptions node, string? regionCode)
    {
        if (regionCode is not { Length: 6 } || !regionCode.All(char.IsAsciiDigit))
        {
            return "行政区划代码须为 6 位 GB/T 2260 代码";
        }
        return node.Level switch
        {
            NodeLevel.Province when regionCode[..2] == node.RegionCode[..2] && regionCode[2..4] != "00" => null,
            NodeLevel.Province => $"不是本省（{node.RegionCode}）所辖的行政区划",
            NodeLevel.City when regionCode[..4] == node.RegionCode[..4] && regionCode[4..] != "00" => null,
            NodeLevel.City => $"不是本市（{node.RegionCode}）所辖的县级行政区划",
            _ => "县级节点没有下级节点",
        };
    }

    /// <summary>Whether a message for <paramref name="targetRegionCode"/> goes through the child link of <paramref name="childRegionCode"/>: its own region, or a county of a city.</summary>
    public static bool Routes(string childRegionCode, string targetRegionCode) =>
        childRegionCode == targetRegionCode
        || (childRegionCode.Length == 6 && targetRegionCode.Length == 6 && childRegionCode[4..] == "00" && childRegionCode[..4] == targetRegionCode[..4]);
}
