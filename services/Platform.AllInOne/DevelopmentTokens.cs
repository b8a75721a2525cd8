using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Node;

namespace Platform.AllInOne;

/// <summary>Body of POST /dev/tokens.</summary>
public sealed record DevTokenRequest(string? UserId, string? Name, string? UnitId, string[]? Roles, string? RegionCode);

/// <summary>
/// Tokens for local users of an embedded node. Both the endpoint and the command exist only
/// in the Development environment with Auth:DevelopmentTokens on; a production node takes
/// its tokens from the configured issuer.
/// </summary>
public static class DevelopmentTokens
{
    public static bool Allowed(IServiceProvider services) =>
        services.GetRequiredService<IHostEnvironment>().IsDevelopment()
        && services.GetRequiredService<IOptions<AuthOptions>>().Value.DevelopmentTokens;

    public static WebApplication MapDevelopmentTokens(this WebApplication app)
    {
        if (!Allowed(app.Services))
        {
            return app;
        }
        app.MapPost("/dev/tokens", (DevTokenRequest request, TokenIssuer issuer, IOptions<NodeOptions> node) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.UserId))
            {
                errors["userId"] = ["must not be empty"];
            }
            Guid? unit = null;
            if (!string.IsNullOrWhiteSpace(request.UnitId))
            {
                if (Guid.TryParse(request.UnitId, out var parsed))
                {
                    unit = parsed;
                }
                else
                {
                    errors["unitId"] = ["is not a valid id"];
                }
            }
            var roles = request.Roles ?? [];
            var unknown = roles.Where(r => !PlatformRoles.All.Contains(r)).ToArray();
            if (roles.Length == 0 || unknown.Length > 0)
            {
                errors["roles"] = [$"must name one or more of: {string.Join(", ", PlatformRoles.All)}"];
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }
            var token = issuer.Issue(new TokenRequest(
                request.UserId!, request.Name, node.Value.Id, request.RegionCode ?? node.Value.RegionCode, unit, roles));
            return Results.Ok(new { token });
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>`token --user ID --role ROLE [--role ROLE] [--unit UNIT_ID] [--name NAME]`: Development only.</summary>
public static class DevTokenCommand
{
    public static TokenCommand? TryParse(string[] args, out string[] hostArgs) =>
        TokenCommand.TryParse(args, "token", services => DevelopmentTokens.Allowed(services)
            ? null
            : "Development tokens are off: they need the Development environment and Auth:DevelopmentTokens=true; " +
              $"a node with its own signing key mints operator tokens with `{TokenCommand.OperatorCommand}`.", out hostArgs);
}
