using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Auth;
using Platform.WebConsole.Sessions;

namespace Platform.WebConsole;

/// <summary>
/// The console's session: a row the node keeps (<see cref="ConsoleSessions"/>) which the encrypted, HTTP-only
/// cookie only names, so sign-out or an operator's change of the account ends it everywhere (ADR 0021).
/// </summary>
public static class ConsoleSession
{
    /// <summary>The cookie scheme of console pages; the API itself only ever reads bearer tokens.</summary>
    public const string Scheme = "console";

    public const string Policy = "console-user";

    /// <summary>The server-side session the cookie names.</summary>
    public const string SessionIdClaim = "console_session";

    /// <summary>
    /// An external issuer's access token (ADR 0025), which the node cannot mint again; sessions at the node's own
    /// issuer carry none: the console mints short-lived tokens for them (<see cref="SessionTokens"/>).
    /// </summary>
    public const string ApiTokenClaim = "console_api_token";

    /// <summary>Which issuer the session came from: the client registration (the node's own, or the external one).</summary>
    public const string IssuerClaim = "console_issuer";

    /// <summary>Why a request's session was refused, for the redirect to the sign-in page.</summary>
    private const string RefusedItem = "console.session.refused";

    /// <summary>
    /// Starts the console session after the authorization-code flow: a session row, and in the cookie its id and
    /// the person's claims (from the identity token) for the pages; an external issuer's access token too.
    /// </summary>
    public static async Task SignInAsync(HttpContext context, ClaimsPrincipal signedIn, string accessToken, string issuer)
    {
        var services = context.RequestServices;
        var subject = signedIn.FindFirst(PlatformClaims.Subject)?.Value
            ?? throw new InvalidOperationException("The identity token names no subject.");
        var session = await services.GetRequiredService<ConsoleSessions>().StartAsync(subject, issuer, context.RequestAborted);
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, subject),
            new(PlatformClaims.Name, signedIn.FindFirst(PlatformClaims.Name)?.Value ?? subject),
            new(SessionIdClaim, session.Id.ToString()),
            new(IssuerClaim, issuer),
        };
        if (issuer == Issuer.NodeIssuerSetup.ExternalRegistration)
        {
            claims.Add(new Claim(ApiTokenClaim, accessToken));
        }
        if (signedIn.FindFirst(PlatformClaims.Unit)?.Value is { } unit)
        {
            claims.Add(new Claim(PlatformClaims.Unit, unit));
        }
        claims.AddRange(signedIn.FindAll(PlatformClaims.Role).Select(r => new Claim(PlatformClaims.Role, r.Value)).DistinctBy(c => c.Value));
        var identity = new ClaimsIdentity(claims, Scheme, PlatformClaims.Name, PlatformClaims.Role);
        // A browser-session cookie; its ticket ends with the session's absolute end, which the row enforces as well.
        var properties = new AuthenticationProperties { IsPersistent = false, ExpiresUtc = session.ExpiresAt };
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>The server-side session a signed-in principal belongs to, or null.</summary>
    public static Guid? SessionId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(SessionIdClaim)?.Value, out var id) ? id : null;

    /// <summary>The path that tells a person their session ended and asks them to sign in again.</summary>
    public const string ExpiredPath = "/signin?reason=expired";

    /// <summary>Where a person lands after signing out (the sign-in page, saying so).</summary>
    public const string SignedOutPath = "/signin?reason=signedout";

    /// <summary>Where a person lands whose session was ended elsewhere (signed out, or the account changed by the operator).</summary>
    public const string EndedPath = "/signin?reason=ended";

    /// <summary>
    /// Ends the console session (its row, so every copy of the cookie is dead) and the node's own issuer session
    /// with it (a sign-in still owing its second factor included), so the next sign-in asks for the password again.
    /// </summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (SessionId(context.User) is { } id)
        {
            await context.RequestServices.GetRequiredService<ConsoleSessions>().EndAsync(id, context.RequestAborted);
        }
        await context.SignOutAsync(Scheme);
        await context.SignOutAsync(Issuer.NodeIssuerSetup.AccountScheme);
    }

    /// <summary>
    /// The cookie options: HTTP-only, same-site, a browser-session cookie. Idle and absolute ends are the server-side
    /// session's: each request asks it (and counts as activity), so the cookie's own dates do not slide.
    /// </summary>
    internal static void Configure(CookieAuthenticationOptions cookie, ConsoleOptions options)
    {
        cookie.Cookie.Name = "platform.console";
        cookie.Cookie.HttpOnly = true;
        // Lax, not Strict: the session starts on the redirect back from the issuer, which may be the province's platform.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.SessionLifetime;
        cookie.SlidingExpiration = false;
        // Not signed in: start the authorization-code flow against the issuer.
        cookie.LoginPath = Issuer.NodeIssuerSetup.StartPath;
        // Signed in, but the page is for other roles: 无权访问, not an empty page.
        cookie.AccessDeniedPath = "/forbidden";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = async context =>
            {
                var state = SessionId(context.Principal!) is { } id
                    ? await context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().CheckAsync(id, active: true, context.HttpContext.RequestAborted)
                    : SessionState.Ended;
                if (state != SessionState.Active)
                {
                    context.HttpContext.Items[RefusedItem] = state;
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            },
            OnRedirectToLogin = context =>
            {
                // The browser still sends a session cookie, so there was a session and it ended (idle, absolute, or
                // ended by sign-out or the operator): say so on the sign-in page rather than silently starting over.
                if (context.Request.Cookies.ContainsKey(cookie.Cookie.Name!))
                {
                    context.Options.CookieManager.DeleteCookie(context.HttpContext, context.Options.Cookie.Name!, context.Options.Cookie.Build(context.HttpContext));
                    var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    var path = context.HttpContext.Items[RefusedItem] is SessionState.Ended ? EndedPath : ExpiredPath;
                    context.Response.Redirect(path + "&returnUrl=" + Uri.EscapeDataString(SafeReturnUrl(back)));
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// Only a path of this site: an absolute or protocol-relative URL would send the person elsewhere. A browser reads
    /// a backslash as a slash and drops a tab or line break from a URL (so <c>/&lt;TAB&gt;/evil.example</c> is
    /// <c>//evil.example</c>), and Kestrel refuses a control character in the Location header (a 500): any of them
    /// anywhere lands on <c>/</c>.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\') && !returnUrl.Any(char.IsControl)
            && !returnUrl.StartsWith("/signin", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
