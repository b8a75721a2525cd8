using System.ComponentModel.DataAnnotations;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// How tokens are validated (section "Auth"). Either an <see cref="Authority"/> whose
/// OpenID metadata publishes the signing keys (JWKS), or a shared signing key (inline or in a
/// file) for nodes that mint their own tokens, such as the embedded node; or both.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>What a token may be signed with when <see cref="Algorithms"/> is not set.</summary>
    public static readonly IReadOnlySet<string> KnownAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    /// <summary>The issuer every process of a node expects unless told otherwise (embedded node, services and gateway alike, so a node agrees with itself out of the box).</summary>
    public const string DefaultIssuer = "platform-embedded";

    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    [Required]
    public string Audience { get; set; } = "platform";

    /// <summary>OpenID Connect authority of the configured issuer, if any; its metadata names the JWKS.</summary>
    public string? Authority { get; set; }

    /// <summary>Fetch the authority's metadata over HTTPS only; turn off for a loopback test issuer alone.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>HMAC key, at least 32 bytes of text: the current key, which signs new tokens.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding the current key; created with a random key when <see cref="CreateKeyFileIfMissing"/>.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Key id (JWT header "kid") of the current key; derived from the key when unset.</summary>
    public string? SigningKeyId { get; set; }

    public bool CreateKeyFileIfMissing { get; set; }

    /// <summary>Keys that signed earlier tokens: still accepted until their <see cref="PreviousSigningKey.RetireAt"/>, never used to sign.</summary>
    public List<PreviousSigningKey> PreviousSigningKeys { get; set; } = [];

    /// <summary>
    /// Accepted signing algorithms ("alg"). Unset: HS256 when a signing key is configured,
    /// RS256 when an authority is; a token with any other algorithm is rejected.
    /// </summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Longest lifetime (exp − iat) a token may have; longer-lived tokens are rejected.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Allows the development token endpoint; honoured only in the Development environment.</summary>
    public bool DevelopmentTokens { get; set; }

    /// <summary>An external issuer (the province's identity platform) whose tokens are accepted and mapped onto the node's claims (ADR 0025).</summary>
    public ExternalIssuerOptions ExternalIssuer { get; set; } = new();

    /// <summary>The algorithms actually accepted: <see cref="Algorithms"/>, or the defaults for the configured keys.</summary>
    public IReadOnlyList<string> AcceptedAlgorithms()
    {
        if (Algorithms.Count > 0)
        {
            return Algorithms;
        }
        var accepted = new List<string>();
        if (!string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(SigningKeyFile))
        {
            accepted.Add(SecurityAlgorithms.HmacSha256);
        }
        if (!string.IsNullOrWhiteSpace(Authority))
        {
            accepted.Add(SecurityAlgorithms.RsaSha256);
        }
        return accepted;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var external in ExternalIssuer.Validate(Authority))
        {
            yield return external;
        }
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(SigningKey) && string.IsNullOrWhiteSpace(SigningKeyFile))
        {
            yield return new ValidationResult(
                "Set Auth:Authority (an OpenID issuer) or Auth:SigningKey / Auth:SigningKeyFile.",
                [nameof(Authority), nameof(SigningKey), nameof(SigningKeyFile)]);
        }
        if (!string.IsNullOrEmpty(SigningKey) && SigningKey.Length < SigningKeyRing.MinimumKeyLength)
        {
            yield return new ValidationResult($"Auth:SigningKey must be at least {SigningKeyRing.MinimumKeyLength} characters.", [nameof(SigningKey)]);
        }
        else if (string.IsNullOrWhiteSpace(SigningKey) && !string.IsNullOrWhiteSpace(SigningKeyFile)
            && SigningKeyRing.CheckKeyFile("Auth:SigningKeyFile", SigningKeyFile, CreateKeyFileIfMissing) is { } fileError)
        {
            // Checked here, at start-up, so a node without its key refuses to start instead of failing every request.
            yield return new ValidationResult(fileError, [nameof(SigningKeyFile)]);
        }
        for (var i = 0; i < PreviousSigningKeys.Count; i++)
        {
            var name = $"Auth:PreviousSigningKeys:{i}";
            var previous = PreviousSigningKeys[i];
            if (string.IsNullOrWhiteSpace(previous.Key) == string.IsNullOrWhiteSpace(previous.KeyFile))
            {
                yield return new ValidationResult($"{name} needs exactly one of Key or KeyFile.", [nameof(PreviousSigningKeys)]);
            }
            else if (!string.IsNullOrEmpty(previous.Key) && previous.Key.Length < SigningKeyRing.MinimumKeyLength)
            {
                yield return new ValidationResult($"{name}:Key must be at least {SigningKeyRing.MinimumKeyLength} characters.", [nameof(PreviousSigningKeys)]);
            }
            else if (!string.IsNullOrWhiteSpace(previous.KeyFile)
                && SigningKeyRing.CheckKeyFile(name + ":KeyFile", previous.KeyFile, createIfMissing: false) is { } previousFileError)
            {
                yield return new ValidationResult(previousFileError, [nameof(PreviousSigningKeys)]);
            }
        }
        var unknown = Algorithms.Where(a => !KnownAlgorithms.Contains(a)).ToArray();
        if (unknown.Length > 0)
        {
            yield return new ValidationResult(
                $"Auth:Algorithms names unknown algorithm(s) {string.Join(", ", unknown)}; known: {string.Join(", ", KnownAlgorithms)}.",
                [nameof(Algorithms)]);
        }
        if (MaxTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Auth:MaxTokenLifetime must be positive.", [nameof(MaxTokenLifetime)]);
        }
    }
}

/// <summary>An earlier signing key (section "Auth:PreviousSigningKeys:n"), accepted but never used to sign.</summary>
public sealed class PreviousSigningKey
{
    /// <summary>Key id the tokens it signed carry; derived from the key when unset.</summary>
    public string? Id { get; set; }

    public string? Key { get; set; }

    public string? KeyFile { get; set; }

    /// <summary>From this instant tokens signed with the key are rejected; unset: accepted until removed from the configuration.</summary>
    public DateTimeOffset? RetireAt { get; set; }
}
