using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Auth;

/// <summary>What a correctly signed token must still satisfy: a bounded lifetime and a key not yet retired.</summary>
public static class TokenPolicy
{
    /// <summary>Why the token is refused, or null when it is acceptable.</summary>
    public static string? Violation(SecurityToken token, TimeSpan maxLifetime, SigningKeyRing ring, DateTimeOffset now)
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
        if (jwt.ValidTo - issuedAt > maxLifetime)
        {
            return $"The token lives longer than the {maxLifetime} this node accepts (Auth:MaxTokenLifetime).";
        }
        var keyId = jwt.SigningKey?.KeyId ?? (string.IsNullOrEmpty(jwt.Kid) ? null : jwt.Kid);
        if (ring.IsRetired(keyId, now))
        {
            return $"The token was signed with the retired key '{keyId}'.";
        }
        return null;
    }
}
