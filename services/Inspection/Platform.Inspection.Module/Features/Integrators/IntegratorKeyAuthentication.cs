using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;

namespace Platform.Inspection.Module.Features.Integrators;

/// <summary>
/// Authenticates an outside system by its integrator key (`x-integrator-key: id.secret`). The
/// scheme is used by the clue intake alone: no other endpoint names it, so a key opens nothing
/// else, and the intake policy names no other scheme, so a user token opens no intake.
/// </summary>
public sealed class IntegratorKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "IntegratorKey";
    public const string HeaderName = "x-integrator-key";
    public const string PolicyName = "inspection-intake";
    public const string IntegratorIdClaim = "integrator_id";
    public const string AllowedSourceClaim = "integrator_source";

    private const string MissingKeyMessage =
        "Clue intake accepts an integrator key in the x-integrator-key header only; user tokens are not accepted here.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (!Domain.Integrator.TryParseKey(values[0], out var id, out var secret))
        {
            return AuthenticateResult.Fail("The integrator key is malformed.");
        }
        var db = Context.RequestServices.GetRequiredService<InspectionDbContext>();
        var integrator = await db.Integrators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, Context.RequestAborted);
        if (integrator is null || !integrator.Verifies(secret, Context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            return AuthenticateResult.Fail("The integrator key is unknown, expired or revoked.");
        }
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, "integrator:" + integrator.Id.ToString("N")),
            new(PlatformClaims.Name, integrator.Name),
            new(IntegratorIdClaim, integrator.Id.ToString()),
        };
        claims.AddRange(integrator.AllowedSources.Select(s => new Claim(AllowedSourceClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, PlatformClaims.Name, PlatformClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Says why, in the caller's protocol: gRPC status Unauthenticated with a message, or HTTP 401 with JSON.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? MissingKeyMessage;
        await Unauthenticated.WriteAsync(Context, SchemeName, message);
    }
}
