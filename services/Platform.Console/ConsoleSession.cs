using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole;

/// <summary>The console's cookie session and the platform token it carries.</summary>
public static class ConsoleSession
{
    /// <summary>The cookie scheme of console pages; the API itself only ever reads bearer tokens.</summary>
    public const string Scheme = "console";

    public const string Policy = "console-user";

    /// <summary>The session's platform token, sent as the bearer token on each API call.</summary>
    public const string ApiTokenClaim = "console_api_token";

    /// <summary>
    /// Signs the person in: mints a token with the node's key (same issuer, audience and claims as
    /// every other token of the node) that lives as long as the session, and keeps it in the
    /// (encrypted, HTTP-only) session cookie.
    /// </summary>
    public static async Task SignInAsync(HttpContext context, ConsoleAccount account)
    {
        var services = context.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.SessionLifetime;
        var node = services.GetRequiredService<IOptions<NodeOptions>>().Value;
        var token = services.GetRequiredService<TokenIssuer>().Issue(new TokenRequest(
            account.UserName, account.DisplayName, node.Id, node.RegionCode, account.UnitId, account.RoleList, lifetime));
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, account.UserName),
            new(PlatformClaims.Name, account.DisplayName),
            new(ApiTokenClaim, token),
        };
        if (account.UnitId is { } unit)
        {
            claims.Add(new Claim(PlatformClaims.Unit, unit.ToString()));
        }
        claims.AddRange(account.RoleList.Select(r => new Claim(PlatformClaims.Role, r)));
        var identity = new ClaimsIdentity(claims, Scheme, PlatformClaims.Name, PlatformClaims.Role);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IssuedUtc = now,
            // The session ends with its token: the API would refuse the token afterwards anyway.
            ExpiresUtc = now + lifetime,
            IsPersistent = false,
        });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>The cookie options: HTTP-only, same-site, no sliding beyond the token's life.</summary>
    internal static void Configure(CookieAuthenticationOptions cookie, ConsoleOptions options)
    {
        cookie.Cookie.Name = "platform.console";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.SessionLifetime;
        cookie.SlidingExpiration = false;
        cookie.LoginPath = "/signin";
        cookie.AccessDeniedPath = "/";
        cookie.ReturnUrlParameter = "returnUrl";
    }
}
