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

/// <summary>`token --user ID --role ROLE [--role ROLE] [--unit UNIT_ID] [--name NAME]`.</summary>
public sealed class DevTokenCommand
{
    private readonly Dictionary<string, List<string>> _options;

    private DevTokenCommand(Dictionary<string, List<string>> options) => _options = options;

    public static DevTokenCommand? TryParse(string[] args, out string[] hostArgs)
    {
        if (args.Length == 0 || args[0] != "token")
        {
            hostArgs = args;
            return null;
        }
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--user" or "--role" or "--unit" or "--name" && i + 1 < args.Length)
            {
                var key = args[i][2..];
                if (!options.TryGetValue(key, out var values))
                {
                    options[key] = values = [];
                }
                values.Add(args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        hostArgs = rest.ToArray();
        return new DevTokenCommand(options);
    }

    public int Run(IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (!DevelopmentTokens.Allowed(services))
        {
            error.WriteLine("Development tokens are off: they need the Development environment and Auth:DevelopmentTokens=true.");
            return 2;
        }
        var user = _options.GetValueOrDefault("user")?.LastOrDefault();
        var roles = _options.GetValueOrDefault("role") ?? [];
        var unitText = _options.GetValueOrDefault("unit")?.LastOrDefault();
        Guid? unit = null;
        if (unitText is not null)
        {
            if (!Guid.TryParse(unitText, out var parsed))
            {
                error.WriteLine($"--unit: '{unitText}' is not a unit id.");
                return 2;
            }
            unit = parsed;
        }
        if (string.IsNullOrWhiteSpace(user) || roles.Count == 0)
        {
            error.WriteLine($"usage: token --user ID --role ROLE [--role ROLE] [--unit UNIT_ID] [--name NAME]; roles: {string.Join(", ", PlatformRoles.All)}");
            return 2;
        }
        try
        {
            var node = services.GetRequiredService<IOptions<NodeOptions>>().Value;
            var token = services.GetRequiredService<TokenIssuer>().Issue(new TokenRequest(
                user, _options.GetValueOrDefault("name")?.LastOrDefault(), node.Id, node.RegionCode, unit, roles));
            output.WriteLine(token);
            return 0;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }
}
