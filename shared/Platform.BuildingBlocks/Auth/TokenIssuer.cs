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
public sealed class TokenIssuer
{
    private readonly IOptions<AuthOptions> _options;
    private readonly TimeProvider _clock;
    private readonly Lazy<SymmetricSecurityKey> _key;

    /// <summary>An issuer with keys of its own, for tests and tools outside a host.</summary>
    public TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
        : this(options, new Lazy<SigningKeyRing>(() => new SigningKeyRing(options)), clock)
    {
    }

    /// <summary>The host's issuer, signing with the current key of the host's key ring.</summary>
    public TokenIssuer(IOptions<AuthOptions> options, Lazy<SigningKeyRing> ring, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _key = new(() => ring.Value.Current
            ?? throw new InvalidOperationException("This node has no signing key, so it cannot mint tokens."));
    }

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

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

        var maxLifetime = _options.Value.MaxTokenLifetime;
        var lifetime = request.Lifetime ?? (maxLifetime < DefaultLifetime ? maxLifetime : DefaultLifetime);
        if (lifetime > maxLifetime)
        {
            throw new ArgumentException($"A token may live at most {maxLifetime} (Auth:MaxTokenLifetime); {lifetime} was asked for.");
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Value.Issuer,
            Audience = _options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
