using System.ComponentModel.DataAnnotations;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// An external OpenID Connect issuer the node trusts (section <c>Auth:ExternalIssuer</c>, ADR 0025):
/// the province's unified identity platform. Its access tokens are checked as strictly as the node's
/// own and their claims mapped once onto the node's (<see cref="ExternalIssuerTokens"/>); the console
/// signs people in there as a confidential client. Every process that validates tokens reads it,
/// so the gateway and every service map a person the same way.
/// </summary>
public sealed class ExternalIssuerOptions
{
    public const string SectionName = AuthOptions.SectionName + ":ExternalIssuer";

    /// <summary>The platform's OpenID Connect address; its <c>/.well-known/openid-configuration</c> names the JWKS. Unset: no external issuer.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>iss</c> its tokens carry (must equal its discovery document's); by default <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Fetch its metadata over HTTPS only; off for a loopback test issuer alone.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>What the platform writes in the <c>aud</c> of access tokens meant for this node.</summary>
    public string? Audience { get; set; }

    /// <summary>Accepted signing algorithms of its tokens; unset: RS256 only.</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>The console's client id at the platform (a confidential client).</summary>
    public string? ClientId { get; set; }

    /// <summary>The console's client secret at the platform (from a Secret, never in a values file).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes the console asks for; unset: <c>openid profile</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>What the sign-in page calls the platform.</summary>
    public string DisplayName { get; set; } = "统一身份认证平台";

    /// <summary>Claim naming the person (stable id).</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Claim with the person's display name; the subject when absent.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>Claim with the person's organisation code(s), looked up in <see cref="Units"/>.</summary>
    public string UnitClaim { get; set; } = "org_code";

    /// <summary>Claim with the person's role names at the platform (one value or an array), looked up in <see cref="Roles"/>.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The platform's organisation codes and the node's unit each stands for.</summary>
    public List<ExternalUnitMapping> Units { get; set; } = [];

    /// <summary>The platform's role names and the node's role each grants (one entry per role granted).</summary>
    public List<ExternalRoleMapping> Roles { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The issuer its tokens must name.</summary>
    public string ExpectedIssuer => string.IsNullOrWhiteSpace(Issuer) ? Authority!.Trim() : Issuer.Trim();

    public IReadOnlyList<string> AcceptedAlgorithms() => Algorithms.Count > 0 ? Algorithms : [Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256];

    public IReadOnlyList<string> RequestedScopes() => Scopes.Count > 0 ? Scopes : ["openid", "profile"];

    /// <summary>What is wrong with the settings, each naming its setting; nothing when not configured.</summary>
    public IEnumerable<ValidationResult> Validate(string? nodeAuthority)
    {
        const string prefix = SectionName + ":";
        if (!IsConfigured)
        {
            if (!string.IsNullOrWhiteSpace(Audience) || !string.IsNullOrWhiteSpace(ClientId) || Units.Count > 0 || Roles.Count > 0)
            {
                yield return Error(prefix + "Authority must be set when the other Auth:ExternalIssuer settings are (the platform's OpenID Connect address).");
            }
            yield break;
        }
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return Error($"{prefix}Authority '{Authority}' is not an absolute http(s) URL.");
        }
        else if (RequireHttpsMetadata && authority.Scheme != "https")
        {
            yield return Error($"{prefix}Authority '{Authority}' must use https (or set {prefix}RequireHttpsMetadata false for a loopback test issuer).");
        }
        if (!string.IsNullOrWhiteSpace(nodeAuthority) && Same(nodeAuthority, ExpectedIssuer))
        {
            yield return Error($"{prefix}Authority names the same issuer as Auth:Authority, whose tokens already carry the node's claims; keep one of them.");
        }
        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return Error(prefix + "Audience must be set: the aud the platform writes in access tokens for this node.");
        }
        var unknown = Algorithms.Where(a => !AuthOptions.KnownAlgorithms.Contains(a) || a.StartsWith("HS", StringComparison.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            yield return Error($"{prefix}Algorithms names {string.Join(", ", unknown)}: only the asymmetric algorithms of a JWKS are accepted (RS*, PS*, ES*).");
        }
        foreach (var (name, value) in new[] { ("SubjectClaim", SubjectClaim), ("NameClaim", NameClaim), ("UnitClaim", UnitClaim), ("RoleClaim", RoleClaim) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return Error($"{prefix}{name} must name a claim of the platform's tokens.");
            }
        }
        if (Roles.Count == 0)
        {
            yield return Error($"{prefix}Roles is empty: with no platform role mapped onto a node role, every token would be refused.");
        }
        for (var i = 0; i < Roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Roles[i].Name))
            {
                yield return Error($"{prefix}Roles:{i}:Name must be the platform's role name.");
            }
            if (Roles[i].Role is not { } role || !PlatformRoles.All.Contains(role))
            {
                yield return Error($"{prefix}Roles:{i}:Role '{Roles[i].Role}' is not a role of the node; one of: {string.Join(", ", PlatformRoles.All)}.");
            }
        }
        var codes = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < Units.Count; i++)
        {
            var code = Units[i].Code?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                yield return Error($"{prefix}Units:{i}:Code must be the platform's organisation code.");
            }
            if (!Guid.TryParse(Units[i].Unit, out var unit))
            {
                yield return Error($"{prefix}Units:{i}:Unit '{Units[i].Unit}' is not a unit id of the node (a GUID).");
            }
            else if (!string.IsNullOrEmpty(code) && codes.TryGetValue(code, out var earlier) && earlier != unit)
            {
                yield return Error($"{prefix}Units:{i}:Code '{code}' is mapped to two different units.");
            }
            else if (!string.IsNullOrEmpty(code))
            {
                codes[code] = unit;
            }
        }
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim().TrimEnd('/'), b.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static ValidationResult Error(string message) => new(message, [nameof(AuthOptions.ExternalIssuer)]);
}

/// <summary>One row of the unit table: the platform's organisation code and the node's unit id.</summary>
public sealed class ExternalUnitMapping
{
    public string? Code { get; set; }

    public string? Unit { get; set; }
}

/// <summary>One row of the role table: the platform's role name and a node role it grants.</summary>
public sealed class ExternalRoleMapping
{
    public string? Name { get; set; }

    public string? Role { get; set; }
}
