using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// What a correctly signed token must still satisfy: issued no later than now (within the clock
/// skew), a bounded lifetime, a key id the node knows and a key not yet retired.
/// </summary>
public static class TokenPolicy
{
    /// <summary>The clock skew tolerated between the issuer and this node.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Why the token is refused, or null when it is acceptable. <paramref name="ring"/>: the node's own keys; null for
    /// an external issuer's token, whose key id must then name the published key that verified it.
    /// </summary>
    public static string? Violation(SecurityToken token, TimeSpan maxLifetime, SigningKeyRing? ring, DateTimeOffset now)
    {
        if (token is not JsonWebToken jwt)
        {
            return "The token is not a JWT.";
        }
        // A token without "iat" is measured from "nbf"; one with neither cannot show its lifetime.
        var issuedAt = jwt.IssuedAt != DateTime.MinValue ? jwt.IssuedAt : jwt.ValidFrom;
        if (issuedAt == DateTime.MinValue)
        {
            return "The token carries neither iat nor nbf, so its lifetime cannot be checked.";
        }
        // The wall clock, which the handler checks exp and nbf against too (the node's TimeProvider may be moved in tests).
        var latest = DateTime.UtcNow + ClockSkew;
        if (jwt.IssuedAt != DateTime.MinValue && jwt.IssuedAt > latest)
        {
            return "The token was issued in the future (iat later than now plus the clock skew).";
        }
        if (jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom > latest)
        {
            return "The token is not valid yet (nbf later than now plus the clock skew).";
        }
        if (jwt.ValidTo - issuedAt > maxLifetime)
        {
            return $"The token lives longer than the {maxLifetime} this node accepts (Auth:MaxTokenLifetime).";
        }
        // The validator falls back to every key when the named one is missing; a kid must name the key that verified it.
        if (!string.IsNullOrEmpty(jwt.Kid)
            && !string.Equals(jwt.SigningKey?.KeyId, jwt.Kid, StringComparison.Ordinal)
            && (ring is null || !ring.ValidationKeys.Any(k => string.Equals(k.KeyId, jwt.Kid, StringComparison.Ordinal))))
        {
            return $"The token names the key '{jwt.Kid}', which this node does not know.";
        }
        var keyId = jwt.SigningKey?.KeyId ?? (string.IsNullOrEmpty(jwt.Kid) ? null : jwt.Kid);
        if (ring is not null && ring.IsRetired(keyId, now))
        {
            return $"The token was signed with the retired key '{keyId}'.";
        }
        return null;
    }
}
