using System.ComponentModel.DataAnnotations;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// How tokens are validated (section "Auth"). Either an <see cref="Authority"/> whose
/// OpenID metadata publishes the signing keys, or a shared signing key (inline or in a
/// file) for nodes that mint their own tokens, such as the embedded node.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "platform-dev";

    [Required]
    public string Audience { get; set; } = "platform";

    /// <summary>OpenID Connect authority of the configured issuer, if any.</summary>
    public string? Authority { get; set; }

    /// <summary>HMAC-SHA256 key, at least 32 bytes of text.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding the key; created with a random key when <see cref="CreateKeyFileIfMissing"/>.</summary>
    public string? SigningKeyFile { get; set; }

    public bool CreateKeyFileIfMissing { get; set; }

    /// <summary>Allows the development token endpoint; honoured only in the Development environment.</summary>
    public bool DevelopmentTokens { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(SigningKey) && string.IsNullOrWhiteSpace(SigningKeyFile))
        {
            yield return new ValidationResult(
                "Set Auth:Authority (an OpenID issuer) or Auth:SigningKey / Auth:SigningKeyFile.",
                [nameof(Authority), nameof(SigningKey), nameof(SigningKeyFile)]);
        }
        if (!string.IsNullOrEmpty(SigningKey) && SigningKey.Length < 32)
        {
            yield return new ValidationResult("Auth:SigningKey must be at least 32 characters.", [nameof(SigningKey)]);
        }
    }
}
