using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Functional.Tests.Console;

/// <summary>Who signs in at the stand-in next: the platform's own claims (organisation code, role names).</summary>
public sealed record PlatformPerson(string Subject, string Name, string? OrganisationCode, params string[] Roles);

/// <summary>
/// An OpenID Connect server standing in for the province's unified identity platform (ADR 0025): OpenIddict on a
/// private loopback port, with the node's console registered as a confidential client (secret, PKCE), RS256 access
/// tokens for the node's audience carrying the platform's own claims (<c>org_code</c>, <c>roles</c>). Its sign-in
/// page is replaced by <see cref="NextPerson"/>: whoever the test names is signed in at once (nobody: access denied).
/// </summary>
public sealed class ProvincePlatform : IAsyncDisposable
{
    public const string Audience = "fzdc-node-510100";
    public const string ClientId = "fzdc-console";
    public const string ClientSecret = "platform-client-secret-for-tests";
    public const string OrganisationClaim = "org_code";
    public const string RolesClaim = "roles";

    private readonly WebApplication _app;
    private readonly string _database;

    private ProvincePlatform(WebApplication app, string authority, string database, RsaSecurityKey signingKey)
    {
        _app = app;
        Authority = authority;
        _database = database;
        SigningKey = signingKey;
    }

    /// <summary>The platform's address, which is also the <c>iss</c> of its tokens.</summary>
    public string Authority { get; }

    /// <summary>The key its tokens are signed with, published in its JWKS.</summary>
    public RsaSecurityKey SigningKey { get; }

    public PlatformPerson? NextPerson { get; set; }

    private int _endedSessions;

    /// <summary>How many times a person was sent to its end-session endpoint.</summary>
    public int EndedSessions => Volatile.Read(ref _endedSessions);

    /// <summary>Every access token its token endpoint handed out, in order.</summary>
    public ConcurrentQueue<string> IssuedAccessTokens { get; } = new();

    /// <summary>Starts the platform and registers the console's client with its redirection endpoint.</summary>
    public static async Task<ProvincePlatform> StartAsync(string consoleRedirectUri)
    {
        var port = LoopbackPorts.Free();
        var authority = $"http://127.0.0.1:{port}/";
        var database = Path.Combine(Path.GetTempPath(), $"province-platform-{Guid.NewGuid():N}.db");
        var signingKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "province-2026" };
        ProvincePlatform? platform = null;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        // Not the test folder's appsettings.json, whose Kestrel endpoints are the node's.
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<PlatformStore>(db => db.UseSqlite($"Data Source={database}").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<PlatformStore>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(authority));
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/endsession")
                    .SetConfigurationEndpointUris(".well-known/openid-configuration").SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                server.AddSigningKey(signingKey).AddEphemeralEncryptionKey();
                // Signed, not encrypted: the node reads and checks the platform's access tokens itself.
                server.DisableAccessTokenEncryption();
                server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler.UseInlineHandler(context =>
                {
                    if (context.Response.AccessToken is { } token)
                    {
                        platform!.IssuedAccessTokens.Enqueue(token);
                    }
                    return default;
                }));
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        platform = new ProvincePlatform(app, authority, database, signingKey);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) => platform.Authorize(context));
        // RP-initiated logout: the platform ends its own session and sends the person back to the registered address.
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], () =>
        {
            Interlocked.Increment(ref platform!._endedSessions);
            return Results.SignOut(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlatformStore>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                RedirectUris = { new Uri(consoleRedirectUri) },
                PostLogoutRedirectUris = { new Uri(new Uri(consoleRedirectUri), "signin?reason=signedout") },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }
        await app.StartAsync();
        // Its first requests pay for start-up work that on a loaded machine outlasts the node's back-channel timeouts: pay it here.
        using var http = new HttpClient { BaseAddress = new Uri(authority), Timeout = TimeSpan.FromMinutes(3) };
        (await http.GetAsync(".well-known/openid-configuration")).EnsureSuccessStatusCode();
        (await http.GetAsync(".well-known/jwks")).EnsureSuccessStatusCode();
        using var bogus = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "warm-up", ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
            ["redirect_uri"] = consoleRedirectUri, ["code_verifier"] = new string('v', 43),
        }));
        return platform;
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()!;
        if (NextPerson is not { } person)
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Nobody signs in at the stand-in now.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, RolesClaim);
        identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Name, person.Name);
        if (person.OrganisationCode is { } code)
        {
            identity.SetClaim(OrganisationClaim, code);
        }
        identity.SetClaims(RolesClaim, [.. person.Roles]);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>A token as the platform would sign it, with the parts a test wants wrong (audience, lifetime, key).</summary>
    public string Sign(PlatformPerson person, string? audience = Audience, TimeSpan? lifetime = null, RsaSecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { [Claims.Subject] = person.Subject, [Claims.Name] = person.Name, [RolesClaim] = person.Roles };
        if (person.OrganisationCode is { } code)
        {
            claims[OrganisationClaim] = code;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(30)),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Rotation: publishes another key in the JWKS beside the current one, as a platform does before it signs with it.</summary>
    public void Publish(RsaSecurityKey key) =>
        _app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials
            .Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    /// <summary>The stand-in's OpenIddict store (applications, authorizations, tokens).</summary>
    private sealed class PlatformStore(DbContextOptions<PlatformStore> options) : DbContext(options);
}
