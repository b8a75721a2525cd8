using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Auth;

/// <summary>What a minted token says about its holder.</summary>
public sealed record TokenRequest(
    string UserId,
    string? Name,
    string NodeId,
    string? RegionCode,
    Guid? UnitId,
    IReadOnlyCollection<string> Roles,
    TimeSpan? Lifetime = null);

/// <summary>
/// Mints tokens signed with the node's own key. Used by the embedded node's development
/// token command and endpoint, and by tests; a distributed node gets its tokens from the
/// configured issuer instead.
/// </summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() =>
        SigningKeyProvider.Load(options.Value)
        ?? throw new InvalidOperationException("This node has no signing key, so it cannot mint tokens."));

    public string Issue(TokenRequest request)
    {
        var unknown = request.Roles.Where(r => !PlatformRoles.All.Contains(r)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown role(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", PlatformRoles.All)}.");
        }
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, request.UserId),
            new(PlatformClaims.Name, request.Name ?? request.UserId),
            new(PlatformClaims.Node, request.NodeId),
        };
        if (!string.IsNullOrEmpty(request.RegionCode))
        {
            claims.Add(new Claim(PlatformClaims.Region, request.RegionCode));
        }
        if (request.UnitId is { } unit)
        {
            claims.Add(new Claim(PlatformClaims.Unit, unit.ToString()));
        }
        claims.AddRange(request.Roles.Select(r => new Claim(PlatformClaims.Role, r)));

        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + (request.Lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
