using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Client.AspNetCore;
using OpenIddict.Server.AspNetCore;
using Platform.BuildingBlocks.Auth;
using Platform.WebConsole.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.WebConsole.Issuer;

/// <summary>
/// The node as its own OpenID Connect issuer (ADR 0021), and the console as its client: the
/// console signs a person in by the authorization-code flow with PKCE against this issuer, whose
/// sign-in page checks the node's accounts.
/// </summary>
public static class NodeIssuerSetup
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string CallbackPath = "/signin-oidc";
    public const string StartPath = "/signin/start";

    /// <summary>The console's client id at the node's issuer.</summary>
    public const string ConsoleClientId = "platform-console";

    /// <summary>
    /// The issuer's own short session: from a checked password to the code it hands the console.
    /// Separate from the console's session, and ended as soon as a code is issued, so every
    /// console session starts with the password (and second factor).
    /// </summary>
    public const string AccountScheme = "console-account";

    /// <summary>On an account session whose password was right but whose TOTP code is still due.</summary>
    public const string PendingSecondFactorClaim = "totp_pending";

    /// <summary>The console's client registration at the node's own issuer.</summary>
    public const string NodeRegistration = "node";

    /// <summary>The console's client registration at the external issuer (ADR 0025).</summary>
    public const string ExternalRegistration = "external";

    /// <summary>The value of <c>via</c> on <see cref="StartPath"/> that signs in at the external issuer.</summary>
    public const string ExternalVia = "platform";

    public static void AddNodeIssuer(IServiceCollection services, ConsoleOptions options, ExternalIssuerOptions external, Uri issuer, IssuerKeys keys)
    {
        services.AddSingleton<NodeAccessTokens>();
        services.AddAuthentication().AddCookie(AccountScheme, cookie =>
        {
            cookie.Cookie.Name = "platform.signin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/signin";
            cookie.ReturnUrlParameter = "returnUrl";
        });

        var openIddict = services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AccountsDbContext>());
        if (options.LocalAccounts)
        {
            openIddict.AddServer(server =>
            {
                server.SetIssuer(issuer);
                server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetConfigurationEndpointUris(".well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                // The code flow with PKCE only: no implicit, hybrid, password or client-credentials grant.
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles);
                server.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
                // The access token is the node's own signed JWT (NodeAccessTokens), which every service reads as is.
                server.DisableAccessTokenEncryption();
                // Short-lived: the console mints its own for the session afterwards (SessionTokens), and another client's token dies soon.
                server.SetAccessTokenLifetime(options.ApiTokenLifetime);
                server.SetIdentityTokenLifetime(TimeSpan.FromMinutes(10));
                server.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2));
                server.AddEventHandler(NodeAccessTokens.Descriptor);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    // TLS ends at the node's edge or at the office's reverse proxy (security.md); the embedded node listens on plain HTTP.
                    .DisableTransportSecurityRequirement();
            });
        }
        openIddict.AddClient(client =>
            {
                client.AllowAuthorizationCodeFlow();
                client.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
                client.UseSystemNetHttp();
                client.UseAspNetCore()
                    .EnableRedirectionEndpointPassthrough()
                    // An error the issuer sends back (access_denied, ...) reaches CallbackAsync, which shows the sign-in page saying so.
                    .EnableErrorPassthrough()
                    .DisableTransportSecurityRequirement();
                client.SetRedirectionEndpointUris(CallbackPath.TrimStart('/'));
                if (options.LocalAccounts)
                {
                    client.AddRegistration(new OpenIddict.Client.OpenIddictClientRegistration
                    {
                        Issuer = issuer,
                        RegistrationId = NodeRegistration,
                        ClientId = ConsoleClientId,
                        RedirectUri = new Uri(issuer, CallbackPath.TrimStart('/')),
                        Scopes = { Scopes.OpenId, Scopes.Profile, Scopes.Roles },
                    });
                }
                if (external.IsConfigured)
                {
                    // The province's platform: a confidential client (its secret from configuration), code flow with PKCE.
                    var registration = new OpenIddict.Client.OpenIddictClientRegistration
                    {
                        Issuer = new Uri(external.ExpectedIssuer, UriKind.Absolute),
                        RegistrationId = ExternalRegistration,
                        ClientId = external.ClientId,
                        ClientSecret = string.IsNullOrWhiteSpace(external.ClientSecret) ? null : external.ClientSecret,
                        RedirectUri = new Uri(issuer, CallbackPath.TrimStart('/')),
                        ConfigurationEndpoint = new Uri(external.Authority!.TrimEnd('/') + "/.well-known/openid-configuration", UriKind.Absolute),
                    };
                    foreach (var scope in external.RequestedScopes())
                    {
                        registration.Scopes.Add(scope);
                    }
                    client.AddRegistration(registration);
                }
            });
        // Everything happens on one site (or, with an external issuer, by top-level GET redirects): Lax is enough, and plain HTTP works on the embedded node.
        services.Configure<OpenIddictClientAspNetCoreOptions>(client =>
        {
            client.CookieBuilder.SameSite = SameSiteMode.Lax;
            client.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        if (options.LocalAccounts)
        {
            services.AddHostedService(sp => new ConsoleClientRegistration(sp, new Uri(issuer, CallbackPath.TrimStart('/'))));
        }
    }

    public static void MapNodeIssuer(WebApplication app)
    {
        var localAccounts = app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.LocalAccounts;
        var externalConfigured = app.Services.GetRequiredService<ExternalIssuerTokens>().IsConfigured;
        if (localAccounts)
        {
            app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
            app.MapPost(TokenPath, TokenAsync).AllowAnonymous().DisableAntiforgery();
        }
        // The node's own issuer unless the person chose the platform (via=platform) or the node has no accounts of its own.
        app.MapGet(StartPath, (string? returnUrl, string? via) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = ConsoleSession.SafeReturnUrl(returnUrl) };
            properties.Items[OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] =
                externalConfigured && (!localAccounts || via == ExternalVia) ? ExternalRegistration : NodeRegistration;
            return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
        }).AllowAnonymous();
        app.MapMethods(CallbackPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)CallbackAsync).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>
    /// The authorization endpoint: a person whose password the sign-in page checked (the short
    /// account session) gets a code for the console; anyone else is sent to the sign-in page first.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, AccountService accounts)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request was not read.");
        var session = await context.AuthenticateAsync(AccountScheme);
        // A session still owing its second factor is no sign-in.
        var account = session.Succeeded && !session.Principal!.HasClaim(c => c.Type == PendingSecondFactorClaim)
            ? await accounts.FindByNameAsync(session.Principal!.FindFirstValue(PlatformClaims.Subject), context.RequestAborted)
            : null;
        if (account is null || account.Disabled)
        {
            var back = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType
                    ? context.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString()))
                    : context.Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [AccountScheme]);
        }
        var identity = AccountClaims.Identity(account, TokenValidationParameters.DefaultAuthenticationType);
        identity.SetScopes(request.GetScopes());
        // One code per password: the next console session asks for the password again.
        await context.SignOutAsync(AccountScheme);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The token endpoint: a code is exchanged only while its account still exists and is enabled, with the account's current unit and roles.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context, AccountService accounts)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request was not read.");
        if (!request.IsAuthorizationCodeGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "Only the authorization_code grant is served.");
        }
        var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = code.Succeeded ? await accounts.FindByNameAsync(code.Principal!.GetClaim(Claims.Subject), context.RequestAborted) : null;
        if (account is null || account.Disabled)
        {
            return Forbid(Errors.InvalidGrant, "The account no longer exists or is disabled.");
        }
        var identity = AccountClaims.Identity(account, TokenValidationParameters.DefaultAuthenticationType);
        identity.SetScopes(code.Principal!.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>
    /// The console's redirection endpoint: the client has exchanged the code; the session keeps the
    /// access token (for the API) and the identity token's claims (for the pages).
    /// </summary>
    private static async Task<IResult> CallbackAsync(HttpContext context, ExternalIssuerTokens external, ILoggerFactory logs)
    {
        var log = logs.CreateLogger(typeof(NodeIssuerSetup));
        // An error answer (the issuer's, or the client's own check of the answer): the sign-in page says what happened.
        if (context.GetOpenIddictClientResponse() is { Error: { Length: > 0 } passedError } response)
        {
            log.LogWarning("Sign-in ended with the OpenID Connect error {Error}: {Description}", passedError, response.ErrorDescription);
            return Results.Redirect(SignInFailedPath(passedError));
        }
        var result = await context.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var token = result.Properties?.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelAccessToken);
        if (!result.Succeeded || string.IsNullOrEmpty(token))
        {
            var error = result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error);
            log.LogWarning("Sign-in refused at the redirection endpoint: {Error} {Description}",
                error, result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription) ?? result.Failure?.Message);
            return Results.Redirect(SignInFailedPath(error));
        }
        var person = result.Principal!;
        var registration = person.GetClaim(Claims.Private.RegistrationId) ?? NodeRegistration;
        if (registration == ExternalRegistration)
        {
            // The platform's identity token speaks its own claims: the session takes the person as the API will see them,
            // from the access token checked and mapped by the API's own rules; a person the tables leave out gets no session.
            var mapped = await external.ValidateAsync(token, context.RequestAborted);
            if (mapped.Principal is null)
            {
                log.LogWarning("Sign-in through the external issuer refused: {Reason}", mapped.Refusal);
                return Results.Redirect(mapped.Unmapped ? "/signin?reason=unmapped" : "/signin?reason=failed");
            }
            person = mapped.Principal;
        }
        await ConsoleSession.SignInAsync(context, person, token, registration);
        return Results.Redirect(ConsoleSession.SafeReturnUrl(result.Properties!.RedirectUri));
    }

    /// <summary>The sign-in page for an OpenID Connect error: the person refused (or was refused) at the issuer, or anything else.</summary>
    public static string SignInFailedPath(string? error) => error switch
    {
        Errors.AccessDenied or Errors.ConsentRequired or Errors.LoginRequired or Errors.InteractionRequired => "/signin?reason=denied",
        null or "" => "/signin?reason=failed",
        _ => "/signin?reason=issuer",
    };

    /// <summary>
    /// The external issuer's end-session address for a person signing out (RP-initiated logout: the console's client id and
    /// the sign-in page to come back to), or null when its discovery document names no end-session endpoint or cannot be read.
    /// </summary>
    internal static async Task<string?> ExternalEndSessionAsync(HttpContext context)
    {
        var client = context.RequestServices.GetRequiredService<OpenIddict.Client.OpenIddictClientService>();
        try
        {
            var registration = await client.GetClientRegistrationByIdAsync(ExternalRegistration, context.RequestAborted);
            var configuration = await client.GetServerConfigurationByRegistrationIdAsync(ExternalRegistration, context.RequestAborted);
            if (configuration.EndSessionEndpoint is not { } endpoint || registration.RedirectUri is not { } redirect)
            {
                return null;
            }
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(endpoint.AbsoluteUri, new Dictionary<string, string?>
            {
                [Parameters.ClientId] = registration.ClientId,
                [Parameters.PostLogoutRedirectUri] = new Uri(redirect, ConsoleSession.SignedOutPath.TrimStart('/')).AbsoluteUri,
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The console session has ended already; the platform's own session then ends when it expires.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NodeIssuerSetup))
                .LogWarning(e, "The external issuer's end-session endpoint could not be read; signed out of the console only");
            return null;
        }
    }
}

/// <summary>Registers (or updates) the console as a public client with PKCE at the node's issuer on start.</summary>
internal sealed class ConsoleClientRegistration(IServiceProvider services, Uri redirectUri) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = NodeIssuerSetup.ConsoleClientId,
            // Public: the console runs in the node's own process and keeps no secret; PKCE binds each code to its request.
            ClientType = ClientTypes.Public,
            DisplayName = "法治督察平台控制台",
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        var existing = await manager.FindByClientIdAsync(NodeIssuerSetup.ConsoleClientId, cancellationToken);
        if (existing is null)
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            // The node's address may have changed since the last start.
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
