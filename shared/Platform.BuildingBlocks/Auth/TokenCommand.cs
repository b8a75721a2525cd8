using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// `&lt;command&gt; --user ID --role ROLE [--role ROLE] [--unit UNIT_ID] [--name NAME]`: mints one
/// token with the node's own signing key and writes only the token to stdout, so
/// `TOKEN=$(...)` captures nothing else. The embedded node's `token` (Development) and the
/// `mint-token` operator command of the gateway and the embedded node share it.
/// </summary>
public sealed class TokenCommand
{
    private readonly string _name;
    private readonly Func<IServiceProvider, string?> _refusal;
    private readonly Dictionary<string, List<string>> _options;

    private TokenCommand(string name, Func<IServiceProvider, string?> refusal, Dictionary<string, List<string>> options)
    {
        _name = name;
        _refusal = refusal;
        _options = options;
    }

    /// <summary>
    /// The operator's command on any node that signs its own tokens (Auth:SigningKey or
    /// SigningKeyFile), whatever the environment: whoever can read the node's key can sign
    /// tokens anyway, so this gives nothing new to anyone who can run it with the node's
    /// configuration. A node whose tokens come from an identity provider refuses.
    /// </summary>
    public const string OperatorCommand = "mint-token";

    public static TokenCommand? TryParseOperator(string[] args, out string[] hostArgs) =>
        TryParse(args, OperatorCommand, _ => null, out hostArgs);

    public static TokenCommand? TryParse(string[] args, string name, Func<IServiceProvider, string?> refusal, out string[] hostArgs)
    {
        if (args.Length == 0 || args[0] != name)
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
        return new TokenCommand(name, refusal, options);
    }

    public int Run(IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (_refusal(services) is { } refusal)
        {
            error.WriteLine(refusal);
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
            error.WriteLine($"usage: {_name} --user ID --role ROLE [--role ROLE] [--unit UNIT_ID] [--name NAME]; roles: {string.Join(", ", PlatformRoles.All)}");
            return 2;
        }
        if (services.GetRequiredService<Lazy<SigningKeyRing>>().Value.Current is null)
        {
            error.WriteLine("This node has no signing key of its own (Auth:SigningKey or Auth:SigningKeyFile): its tokens come from the identity provider (Auth:Authority).");
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
