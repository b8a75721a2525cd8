using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;

namespace Platform.WebConsole.Sessions;

/// <summary>
/// The bearer token the console sends for a session (ADR 0021). For a session at the node's own issuer it is a
/// short-lived node token (Console:ApiTokenLifetime) minted while the server-side session stands, with the
/// session's subject, unit and roles, and renewed at half its life; once the session ended no new one is made,
/// so a copied token dies within its short lifetime. An external issuer's token is its own, used while the
/// session stands.
/// </summary>
public sealed class SessionTokens(ConsoleSessions sessions, TokenIssuer issuer, IOptions<NodeOptions> node, IOptions<ConsoleOptions> options, IMemoryCache cache)
{
    /// <summary>The token for the signed-in person's session, or null when there is no standing session.</summary>
    public async Task<string?> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (ConsoleSession.SessionId(user) is not { } id
            || await sessions.CheckAsync(id, active: false, cancellationToken) != SessionState.Active)
        {
            return null;
        }
        if (user.FindFirst(ConsoleSession.ApiTokenClaim)?.Value is { Length: > 0 } external)
        {
            return external;
        }
        var lifetime = options.Value.ApiTokenLifetime;
        return cache.GetOrCreate("console-token:" + id.ToString("N"), entry =>
        {
            // Renewed at half its life, so a call never leaves with a token about to expire.
            entry.AbsoluteExpirationRelativeToNow = lifetime / 2;
            return issuer.Issue(new TokenRequest(
                user.FindFirst(PlatformClaims.Subject)?.Value ?? throw new InvalidOperationException("A console session names no subject."),
                user.FindFirst(PlatformClaims.Name)?.Value,
                node.Value.Id,
                node.Value.RegionCode,
                Guid.TryParse(user.FindFirst(PlatformClaims.Unit)?.Value, out var unit) ? unit : null,
                [.. user.FindAll(PlatformClaims.Role).Select(r => r.Value)],
                lifetime));
        });
    }
}
