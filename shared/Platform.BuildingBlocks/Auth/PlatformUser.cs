using System.Security.Claims;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Auth;

/// <summary>Who is calling, read from the validated token.</summary>
public sealed record PlatformUser(
    string Id,
    string Name,
    string NodeId,
    string RegionCode,
    Guid? UnitId,
    IReadOnlySet<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>True when the caller belongs to the given unit.</summary>
    public bool BelongsTo(Guid unitId) => UnitId == unitId;

    public void RequireAnyRole(params string[] roles)
    {
        if (!IsInAnyRole(roles))
        {
            throw new PermissionDeniedException($"This action needs one of the roles: {string.Join(", ", roles)}.");
        }
    }

    public static PlatformUser FromPrincipal(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(PlatformClaims.Subject)
            ?? throw new PermissionDeniedException("The token names no subject.");
        var unit = principal.FindFirstValue(PlatformClaims.Unit);
        return new PlatformUser(
            id,
            principal.FindFirstValue(PlatformClaims.Name) ?? id,
            principal.FindFirstValue(PlatformClaims.Node) ?? string.Empty,
            principal.FindFirstValue(PlatformClaims.Region) ?? string.Empty,
            Guid.TryParse(unit, out var unitId) ? unitId : null,
            principal.FindAll(PlatformClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
