using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults;

namespace Platform.BuildingBlocks.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// Bearer-token authentication for every host: the gateway checks tokens at the edge and
    /// each service checks them again, because a service may be reached without the gateway
    /// inside the cluster.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(TokenIssuer)))
        {
            return builder;
        }
        builder.Services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // One ring per process, loaded on first use (after the options were validated at start-up).
        builder.Services.AddSingleton(sp => new Lazy<SigningKeyRing>(() => new SigningKeyRing(sp.GetRequiredService<IOptions<AuthOptions>>())));
        // The node's own claims for the external issuer's tokens need the node's id and region.
        builder.Services.AddOptions<Node.NodeOptions>().Bind(builder.Configuration.GetSection(Node.NodeOptions.SectionName));
        builder.Services.AddSingleton<ExternalIssuerTokens>();
        builder.Services.AddSingleton(sp => new TokenIssuer(
            sp.GetRequiredService<IOptions<AuthOptions>>(), sp.GetRequiredService<Lazy<SigningKeyRing>>(), sp.GetRequiredService<TimeProvider>()));

        builder.Services.AddKeyFileCheck(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            var files = auth.PreviousSigningKeys.Select((k, i) => ($"Auth:PreviousSigningKeys:{i}:KeyFile", string.IsNullOrWhiteSpace(k.Key) ? k.KeyFile : null)).ToList();
            files.Insert(0, ("Auth:SigningKeyFile", string.IsNullOrWhiteSpace(auth.SigningKey) ? auth.SigningKeyFile : null));
            return files;
        });
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, Lazy<SigningKeyRing>, TimeProvider>((jwt, auth, ring, clock) =>
            {
                var options = auth.Value;
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                // With an authority the handler reads its OpenID metadata and the JWKS it names, and refreshes them as keys rotate.
                jwt.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKeys = ring.Value.ValidationKeys,
                    ValidAlgorithms = options.AcceptedAlgorithms(),
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    NameClaimType = PlatformClaims.Name,
                    RoleClaimType = PlatformClaims.Role,
                    ClockSkew = TokenPolicy.ClockSkew,
                };
                jwt.Events = new JwtBearerEvents
                {
                    // A token that says it is the external issuer's (ADR 0025) is checked and mapped there, and only there.
                    OnMessageReceived = async context =>
                    {
                        var external = context.HttpContext.RequestServices.GetRequiredService<ExternalIssuerTokens>();
                        if (BearerToken(context.Request) is not { } token || !external.Claims(token))
                        {
                            return;
                        }
                        var result = await external.ValidateAsync(token, context.HttpContext.RequestAborted);
                        if (result.Principal is { } principal)
                        {
                            context.Principal = principal;
                            context.Success();
                        }
                        else
                        {
                            context.Fail(result.Refusal!);
                        }
                    },
                    OnChallenge = RefuseAsync,
                    OnTokenValidated = context =>
                    {
                        if (TokenPolicy.Violation(context.SecurityToken, options.MaxTokenLifetime, ring.Value, clock.GetUtcNow()) is { } reason)
                        {
                            context.Fail(reason);
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization(authorization =>
            authorization.AddPolicy(OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(PlatformRoles.NodeOperator)));
        builder.Services.AddSingleton<IHealthDetailGate, OperatorHealthDetailGate>();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    /// <summary>
    /// A refused token gets its reason: a gRPC caller the status Unauthenticated with it as the message (a
    /// trailers-only response, which the client reads as such), a REST caller a 401 with it as JSON.
    /// The node's own failures (lifetime, key id) and the external issuer's (audience, mapping) alike.
    /// </summary>
    private static async Task RefuseAsync(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is not { } failure)
        {
            return;
        }
        var message = failure is AuthenticationFailureException ? failure.Message : "The token is not valid: " + failure.GetType().Name + ".";
        context.HandleResponse();
        await Unauthenticated.WriteAsync(context.HttpContext, "Bearer error=\"invalid_token\"", message);
    }

    /// <summary>Authorization policy of what only the node's operators may use outside Development (reflection, health details).</summary>
    public const string OperatorPolicy = "node-operator";

    /// <summary>The caller of the current request; fails if the request was not authenticated.</summary>
    public static PlatformUser GetPlatformUser(this HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? PlatformUser.FromPrincipal(context.User)
            : throw new Errors.PermissionDeniedException("The request carries no valid token.");
}

/// <summary>Each health check's detail: anyone in Development, a node operator's token elsewhere.</summary>
internal sealed class OperatorHealthDetailGate(IHostEnvironment environment) : IHealthDetailGate
{
    public bool MayReadDetail(HttpContext context) =>
        environment.IsDevelopment()
        || (context.User.Identity?.IsAuthenticated == true && context.User.HasClaim(PlatformClaims.Role, PlatformRoles.NodeOperator));
}
