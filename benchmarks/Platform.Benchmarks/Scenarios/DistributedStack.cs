using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.Benchmarks.Load;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The local distributed stack that `scripts/stack.sh up` started: the gateway's and each
/// service's ports from .stack/servers.env, and tokens minted with the node's key by the
/// gateway's `mint-token` command (the stack has no /dev/tokens).
/// </summary>
public sealed partial class DistributedStack
{
    private readonly string _state;
    private readonly Dictionary<string, (int Http, int Grpc)> _ports;

    private DistributedStack(string state, Dictionary<string, (int Http, int Grpc)> ports)
    {
        _state = state;
        _ports = ports;
    }

    public static DistributedStack Open(string repository)
    {
        var state = Path.Combine(repository, ".stack");
        var servers = Path.Combine(state, "servers.env");
        if (!File.Exists(servers))
        {
            throw new InvalidOperationException("--distributed: no stack is up (.stack/servers.env); start one with `scripts/stack.sh up` first");
        }
        var ports = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (Match match in PortsLine().Matches(File.ReadAllText(servers)))
        {
            ports[match.Groups[1].Value] = (int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        if (!ports.ContainsKey("gateway") || !ports.ContainsKey("planning"))
        {
            throw new InvalidOperationException("--distributed: .stack/servers.env names no gateway or planning ports");
        }
        return new DistributedStack(state, ports);
    }

    public Uri GrpcOf(string name) => new($"http://127.0.0.1:{_ports[name].Grpc}/");
    public Uri HttpOf(string name) => new($"http://127.0.0.1:{_ports[name].Http}/");

    /// <summary>The gateway as a node the scenarios can seed and load.</summary>
    public EmbeddedNode Gateway() => EmbeddedNode.Attach(HttpOf("gateway"), GrpcOf("gateway"), MintAsync);

    private static readonly SemaphoreSlim Minting = new(4);

    private async Task<string> MintAsync(object request)
    {
        var fields = request.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(request));
        var gateway = Path.Combine(Path.GetDirectoryName(_state)!, "gateway/Platform.Gateway/bin/Release/net10.0/Platform.Gateway.dll");
        var arguments = new List<string> { "-c", ". \"$1\" && cd / && shift && exec dotnet \"$@\"", "_", Path.Combine(_state, "node.env"), gateway, "mint-token",
            "--user", (string)fields["userId"]!, "--name", (string)fields["name"]! };
        foreach (var role in (string[])fields["roles"]!)
        {
            arguments.AddRange(["--role", role]);
        }
        if (fields.TryGetValue("unitId", out var unit) && unit is string unitId)
        {
            arguments.AddRange(["--unit", unitId]);
        }
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(info.ArgumentList.Add);
        await Minting.WaitAsync();
        try
        {
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"mint-token failed: {error.Trim()}");
        }
        finally
        {
            Minting.Release();
        }
    }

    [GeneratedRegex(@"^PORTS_(\w+)=""?(\d+)\\? (\d+)""?$", RegexOptions.Multiline)]
    private static partial Regex PortsLine();
}
