using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Who may call the federation listener: the peer of an active link, recognised by its certificate's
/// thumbprint. Read from the store on every call, so a revocation needs no restart (ADR 0013).
/// </summary>
public sealed class FederationTrust(FederationDbContext db)
{
    public async Task<FederationLink> AuthorizeAsync(string? certificateThumbprint, CancellationToken cancellationToken)
    {
        var thumbprint = certificateThumbprint?.ToLowerInvariant();
        var link = thumbprint is null
            ? null
            : await db.Links.AsNoTracking().SingleOrDefaultAsync(
                l => l.PeerCertificateThumbprint == thumbprint && l.State == LinkState.Active, cancellationToken);
        return link ?? throw new PermissionDeniedException("未知或已撤销的节点证书");
    }
}
