using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;
using Xunit;

namespace Platform.Architecture.Tests.Operating;

/// <summary>
/// The defaults docs/configuration.md states are the ones the code has, and no host's
/// appsettings.json says otherwise: a gateway and services that disagree on the token issuer
/// answer 401 to every call of a freshly started distributed node.
/// </summary>
public sealed partial class DefaultsTests
{
    public static TheoryData<string> Hosts() => LaunchProfileTests.Hosts();

    /// <summary>Documented key → the default the code applies when nothing configures it.</summary>
    private static readonly Dictionary<string, string> CodeDefaults = new(StringComparer.Ordinal)
    {
        ["Auth:Issuer"] = new AuthOptions().Issuer,
        ["Auth:Audience"] = new AuthOptions().Audience,
        ["Node:Id"] = new NodeOptions().Id,
        ["Node:Level"] = new NodeOptions().Level.ToString(),
        ["Node:RegionCode"] = new NodeOptions().RegionCode,
        ["Database:Provider"] = new DatabaseOptions().Provider.ToString(),
        ["Database:DataDirectory"] = new DatabaseOptions().DataDirectory,
        ["Database:MigrateOnStartup"] = new DatabaseOptions().MigrateOnStartup.ToString().ToLowerInvariant(),
        ["Messaging:Transport"] = new MessagingOptions().Transport.ToString(),
        ["Dapr:Enabled"] = new Platform.ServiceDefaults.Dapr.DaprSidecarOptions().Enabled.ToString().ToLowerInvariant(),
        ["Dapr:Host"] = new Platform.ServiceDefaults.Dapr.DaprSidecarOptions().Host,
        ["Dapr:GrpcPort"] = new Platform.ServiceDefaults.Dapr.DaprSidecarOptions().GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dapr:HttpPort"] = new Platform.ServiceDefaults.Dapr.DaprSidecarOptions().HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Dapr:StartupWait"] = new Platform.ServiceDefaults.Dapr.DaprSidecarOptions().StartupWait.ToString(),
    };

    [Fact]
    public void Documented_defaults_are_the_code_defaults()
    {
        var documented = DocumentedDefaults();
        foreach (var (key, code) in CodeDefaults)
        {
            Assert.True(documented.TryGetValue(key, out var doc), $"docs/configuration.md has no default for {key}");
            Assert.True(doc == code, $"{key}: docs/configuration.md says '{doc}', the code's default is '{code}'");
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void No_host_overrides_a_documented_default(string host)
    {
        var documented = DocumentedDefaults();
        var path = Path.Combine(ModuleBoundaryTests.RepositoryRoot(), host, "appsettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var key in CodeDefaults.Keys)
        {
            var element = settings.RootElement;
            var found = true;
            foreach (var part in key.Split(':'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                {
                    found = false;
                    break;
                }
            }
            if (found)
            {
                var value = element.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? element.GetBoolean().ToString().ToLowerInvariant()
                    : element.ToString();
                Assert.True(value == documented[key], $"{host}/appsettings.json sets {key} to '{value}', the documented default is '{documented[key]}'");
            }
        }
    }

    /// <summary>`Section:Key` → default from the table's rows "| `A`, `B` | `a`, `b` | …" of docs/configuration.md.</summary>
    internal static Dictionary<string, string> DocumentedDefaults()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(ModuleBoundaryTests.RepositoryRoot(), "docs", "configuration.md"));
        foreach (var line in lines)
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !cells[1].StartsWith('`'))
            {
                continue;
            }
            var keys = Code().Matches(cells[1]).Select(m => m.Groups[1].Value).ToArray();
            var defaults = Code().Matches(cells[2]).Select(m => m.Groups[1].Value).ToArray();
            for (var i = 0; i < keys.Length && keys.Length == defaults.Length; i++)
            {
                result[keys[i]] = defaults[i];
            }
        }
        return result;
    }

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Code();
}
