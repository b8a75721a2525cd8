using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;

namespace Platform.WebConsole;

/// <summary>The console's cookie session and the access token it carries.</summary>
public static class ConsoleSession
{
    /// <summary>The cookie scheme of console pages; the API itself only ever reads bearer tokens.</summary>
    public const string Scheme = "console";

    public const string Policy = "console-user";

    /// <summary>The session's access token, sent as the bearer token on each API call.</summary>
    public const string ApiTokenClaim = "console_api_token";

    /// <summary>Which issuer the session came from: the client registration (the node's own, or the external one).</summary>
    public const string IssuerClaim = "console_issuer";

    /// <summary>When the session ends whatever the activity (the sliding renewal rewrites the cookie's own dates, not this).</summary>
    private const string EndsAtItem = ".console.ends_at";

    /// <summary>
    /// Starts the console session after the authorization-code flow: the person's claims (from the
    /// identity token) for the pages, and the access token for the API, in the encrypted,
    /// HTTP-only session cookie. The session lasts at most as long as the access token.
    /// </summary>
    public static async Task SignInAsync(HttpContext context, ClaimsPrincipal signedIn, string accessToken, string issuer)
    {
        var services = context.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.SessionLifetime;
        var subject = signedIn.FindFirst(PlatformClaims.Subject)?.Value
            ?? throw new InvalidOperationException("The identity token names no subject.");
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, subject),
            new(PlatformClaims.Name, signedIn.FindFirst(PlatformClaims.Name)?.Value ?? subject),
            new(ApiTokenClaim, accessToken),
            new(IssuerClaim, issuer),
        };
        if (signedIn.FindFirst(PlatformClaims.Unit)?.Value is { } unit)
        {
            claims.Add(new Claim(PlatformClaims.Unit, unit));
        }
        claims.AddRange(signedIn.FindAll(PlatformClaims.Role).Select(r => new Claim(PlatformClaims.Role, r.Value)).DistinctBy(c => c.Value));
        var identity = new ClaimsIdentity(claims, Scheme, PlatformClaims.Name, PlatformClaims.Role);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var properties = new AuthenticationProperties { IsPersistent = false };
        // The session ends with its token at the latest: the API would refuse the token afterwards anyway.
        properties.Items[EndsAtItem] = (now + lifetime).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>The path that tells a person their session ended and asks them to sign in again.</summary>
    public const string ExpiredPath = "/signin?reason=expired";

    /// <summary>Where a person lands after signing out (the sign-in page, saying so).</summary>
    public const string SignedOutPath = "/signin?reason=signedout";

    /// <summary>
    /// Ends the console session and the node's own issuer session with it (a sign-in still owing its second
    /// factor included), so the next sign-in asks for the password again.
    /// </summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        await context.SignOutAsync(Issuer.NodeIssuerSetup.AccountScheme);
    }

    /// <summary>
    /// The cookie options: HTTP-only, same-site; sliding by <see cref="ConsoleOptions.SessionIdleTimeout"/>,
    /// never beyond <see cref="ConsoleOptions.SessionLifetime"/> from the sign-in.
    /// </summary>
    internal static void Configure(CookieAuthenticationOptions cookie, ConsoleOptions options)
    {
        cookie.Cookie.Name = "platform.console";
        cookie.Cookie.HttpOnly = true;
        // Lax, not Strict: the session starts on the redirect back from the issuer, which may be the province's platform.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.SessionIdleTimeout < options.SessionLifetime ? options.SessionIdleTimeout : options.SessionLifetime;
        cookie.SlidingExpiration = true;
        // Not signed in: start the authorization-code flow against the issuer.
        cookie.LoginPath = Issuer.NodeIssuerSetup.StartPath;
        cookie.AccessDeniedPath = "/";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = context =>
            {
                if (EndsAt(context.Properties) is not { } endsAt || endsAt <= context.Options.TimeProvider!.GetUtcNow())
                {
                    context.RejectPrincipal();
                    return context.HttpContext.SignOutAsync(Scheme);
                }
                return Task.CompletedTask;
            },
            OnRedirectToLogin = context =>
            {
                // The browser still sends a session cookie, so there was a session and it ended (idle or absolute):
                // say so on the sign-in page rather than silently starting over.
                if (context.Request.Cookies.ContainsKey(cookie.Cookie.Name!))
                {
                    context.Options.CookieManager.DeleteCookie(context.HttpContext, context.Options.Cookie.Name!, context.Options.Cookie.Build(context.HttpContext));
                    var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect(ExpiredPath + "&returnUrl=" + Uri.EscapeDataString(SafeReturnUrl(back)));
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            },
        };
    }

    private static DateTimeOffset? EndsAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(EndsAtItem, out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var endsAt)
            ? endsAt
            : null;

    /// <summary>Only a path of this site: an absolute or protocol-relative URL would send the person elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/signin", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
