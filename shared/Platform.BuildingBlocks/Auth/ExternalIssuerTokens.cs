using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Auth;

/// <summary>What checking an external issuer's token gave: the person in the node's claims, or why not.</summary>
public sealed record ExternalTokenResult(ClaimsPrincipal? Principal, string? Refusal, bool Unmapped)
{
    public static ExternalTokenResult Refused(string reason, bool unmapped = false) => new(null, reason, unmapped);
}

/// <summary>
/// The one place that accepts the external issuer's access tokens (ADR 0025): checked as strictly as the
/// node's own (its discovery document's issuer, <c>Auth:ExternalIssuer:Audience</c>, pinned algorithms,
/// required <c>exp</c>, <see cref="TokenPolicy"/>'s lifetime cap and future <c>iat</c>/<c>nbf</c>, the key its
/// <c>kid</c> names, with the JWKS fetched again on an unknown <c>kid</c>), then mapped once onto the node's
/// claims (<c>sub</c>, <c>name</c>, <c>node</c>, <c>region</c>, <c>unit</c>, <c>role</c>) through the configured
/// tables. The bearer handler of every host (edge and services) and the console's sign-in use it, so a
/// feature never sees whose token it was.
/// </summary>
public sealed class ExternalIssuerTokens : IDisposable
{
    /// <summary>How often the platform's keys are read again without being asked to.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);

    /// <summary>At most one extra fetch per this interval for tokens naming an unknown key (random kids cannot flood the platform).</summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly AuthOptions _auth;
    private readonly ExternalIssuerOptions _options;
    private readonly NodeOptions _node;
    private readonly TimeProvider _clock;
    private readonly HttpClient? _http;
    private readonly HttpDocumentRetriever? _documents;
    private readonly Dictionary<string, Guid> _units;
    private readonly ILookup<string, string> _roles;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private OpenIdConnectConfiguration? _metadata;
    private DateTimeOffset _fetchedAt;

    public ExternalIssuerTokens(IOptions<AuthOptions> auth, IOptions<NodeOptions> node, TimeProvider clock)
    {
        _auth = auth.Value;
        _options = _auth.ExternalIssuer;
        _node = node.Value;
        _clock = clock;
        // Configuration is case-insensitive, so the tables are too.
        _units = _options.Units
            .Where(u => !string.IsNullOrWhiteSpace(u.Code) && Guid.TryParse(u.Unit, out _))
            .GroupBy(u => u.Code!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => Guid.Parse(g.First().Unit!), StringComparer.OrdinalIgnoreCase);
        _roles = _options.Roles
            .Where(r => !string.IsNullOrWhiteSpace(r.Name) && r.Role is not null && PlatformRoles.All.Contains(r.Role))
            .ToLookup(r => r.Name!.Trim(), r => r.Role!, StringComparer.OrdinalIgnoreCase);
        if (_options.IsConfigured)
        {
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            _documents = new HttpDocumentRetriever(_http) { RequireHttps = _options.RequireHttpsMetadata };
        }
    }

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>
    /// Whether the token claims to come from the external issuer (read, not yet trusted): only such tokens are
    /// checked here; every other token is the node's own and goes the node's way.
    /// </summary>
    public bool Claims(string token)
    {
        if (!IsConfigured || !_handler.CanReadToken(token))
        {
            return false;
        }
        try
        {
            var issuer = new JsonWebToken(token).Issuer;
            return string.Equals(issuer?.TrimEnd('/'), _options.ExpectedIssuer.TrimEnd('/'), StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Checks the token and maps its claims; refuses it with a reason naming what failed.</summary>
    public async Task<ExternalTokenResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return ExternalTokenResult.Refused("No external issuer is configured (Auth:ExternalIssuer:Authority).");
        }
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await MetadataAsync(refresh: false, cancellationToken);
            var kid = _handler.CanReadToken(token) ? new JsonWebToken(token).Kid : null;
            if (!string.IsNullOrEmpty(kid) && !metadata.SigningKeys.Any(k => k.KeyId == kid))
            {
                // The platform may have rotated its key: read its JWKS again before refusing.
                metadata = await MetadataAsync(refresh: true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ExternalTokenResult.Refused($"The external issuer's keys could not be read ({_options.Authority}): {ex.Message}");
        }
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = metadata.SigningKeys,
            ValidAlgorithms = _options.AcceptedAlgorithms(),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TokenPolicy.ClockSkew,
            NameClaimType = _options.NameClaim,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return ExternalTokenResult.Refused("The external issuer's token is not valid: " + Describe(result.Exception));
        }
        if (!string.Equals(metadata.Issuer?.TrimEnd('/'), _options.ExpectedIssuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            return ExternalTokenResult.Refused($"The external issuer's discovery document names the issuer '{metadata.Issuer}', not '{_options.ExpectedIssuer}' (Auth:ExternalIssuer:Issuer).");
        }
        if (TokenPolicy.Violation(result.SecurityToken, _auth.MaxTokenLifetime, ring: null, _clock.GetUtcNow()) is { } violation)
        {
            return ExternalTokenResult.Refused(violation);
        }
        return Map(result.ClaimsIdentity);
    }

    /// <summary>The person of a checked token in the node's claims, or why the tables give them nothing here.</summary>
    public ExternalTokenResult Map(ClaimsIdentity external)
    {
        var subject = external.FindFirst(_options.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return ExternalTokenResult.Refused($"The external issuer's token names no subject (claim '{_options.SubjectClaim}', Auth:ExternalIssuer:SubjectClaim).");
        }
        var platformRoles = Values(external, _options.RoleClaim);
        var roles = platformRoles.SelectMany(r => _roles[r]).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            return ExternalTokenResult.Refused(
                $"The external issuer's roles of '{subject}' ({(platformRoles.Count == 0 ? "none in claim '" + _options.RoleClaim + "'" : string.Join(", ", platformRoles))}) "
                + "map to no role of this node (Auth:ExternalIssuer:Roles).", unmapped: true);
        }
        var organisations = Values(external, _options.UnitClaim);
        var units = organisations.Where(_units.ContainsKey).Select(o => _units[o]).Distinct().ToList();
        if (units.Count > 1)
        {
            return ExternalTokenResult.Refused(
                $"The external issuer's organisations of '{subject}' ({string.Join(", ", organisations)}) map to more than one unit of this node (Auth:ExternalIssuer:Units).", unmapped: true);
        }
        Guid? unit = units.Count == 1 ? units[0] : null;
        // As for the node's own accounts: a liaison or leader acts for a unit, and without one every call would be refused.
        if (unit is null && roles.Any(r => r is PlatformRoles.UnitLiaison or PlatformRoles.Leader))
        {
            return ExternalTokenResult.Refused(
                $"The external issuer's organisation of '{subject}' ({(organisations.Count == 0 ? "none in claim '" + _options.UnitClaim + "'" : string.Join(", ", organisations))}) "
                + $"maps to no unit of this node (Auth:ExternalIssuer:Units), which the role(s) {string.Join(", ", roles)} need.", unmapped: true);
        }
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, subject),
            new(PlatformClaims.Name, external.FindFirst(_options.NameClaim)?.Value is { Length: > 0 } name ? name : subject),
            new(PlatformClaims.Node, _node.Id),
            new(PlatformClaims.Region, _node.RegionCode ?? string.Empty),
        };
        if (unit is { } id)
        {
            claims.Add(new Claim(PlatformClaims.Unit, id.ToString()));
        }
        claims.AddRange(roles.Select(r => new Claim(PlatformClaims.Role, r)));
        return new ExternalTokenResult(new ClaimsPrincipal(new ClaimsIdentity(claims, "external-issuer", PlatformClaims.Name, PlatformClaims.Role)), null, false);
    }

    private static List<string> Values(ClaimsIdentity identity, string claimType) =>
        identity.FindAll(claimType).Select(c => c.Value.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private async Task<OpenIdConnectConfiguration> MetadataAsync(bool refresh, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_metadata is { } current && now - _fetchedAt < RefreshInterval && (!refresh || now - _fetchedAt < UnknownKeyRefreshInterval))
        {
            return current;
        }
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            now = _clock.GetUtcNow();
            if (_metadata is { } fetched && now - _fetchedAt < RefreshInterval && (!refresh || now - _fetchedAt < UnknownKeyRefreshInterval))
            {
                return fetched;
            }
            var address = _options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
            _metadata = await OpenIdConnectConfigurationRetriever.GetAsync(address, _documents!, cancellationToken);
            _fetchedAt = now;
            return _metadata;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "its audience is not Auth:ExternalIssuer:Audience.",
        SecurityTokenInvalidIssuerException => "its issuer is not the external issuer's.",
        SecurityTokenExpiredException => "it has expired.",
        SecurityTokenNotYetValidException => "it is not valid yet.",
        SecurityTokenNoExpirationException => "it carries no exp.",
        SecurityTokenInvalidAlgorithmException => "its signing algorithm is not one of Auth:ExternalIssuer:Algorithms.",
        SecurityTokenSignatureKeyNotFoundException => "its key is not among the keys the external issuer publishes.",
        SecurityTokenInvalidSignatureException => "its signature does not verify.",
        null => "unknown reason.",
        _ => exception.GetType().Name + ".",
    };

    public void Dispose()
    {
        _http?.Dispose();
        _fetching.Dispose();
    }
}
