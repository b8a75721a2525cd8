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

    /// <summary>
    /// Starts `scripts/stack.sh up` unless a stack is up already, and stops what it started when disposed. The harness
    /// brings the stack up only for the gateway scenario: left idle beside the embedded scenarios, its servers and six
    /// processes took a share of the 2 cores and halved the embedded figures (docs/benchmarks.md).
    /// </summary>
    public static async Task<IAsyncDisposable> UpUnlessRunningAsync(string repository, TextWriter log)
    {
        if (File.Exists(Path.Combine(repository, ".stack", "servers.env")))
        {
            log.WriteLine("[gateway] using the stack that is already up (its own edge limits apply)");
            return new StartedStack(repository, log, started: false);
        }
        log.WriteLine("[gateway] starting the local distributed stack (scripts/stack.sh up)");
        // The harness calls with a handful of tokens, thousands of times a second; the edge's per-caller limit
        // (1,200 a minute) would refuse nearly all of it. The limiter still counts every request, so its cost
        // stays in the gateway's figures.
        await RunStackScriptAsync(repository, log, "up", ("Edge__RateLimit__PermitLimit", "100000000"));
        return new StartedStack(repository, log, started: true);
    }

    private static async Task RunStackScriptAsync(string repository, TextWriter log, string command, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(repository, "scripts", "stack.sh"), command])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var script = Process.Start(info) ?? throw new InvalidOperationException("scripts/stack.sh could not be started");
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        var text = (await output) + (await errors);
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/stack.sh {command} failed (exit code {script.ExitCode}): {text.Trim().Split('\n')[^1]}");
        }
        log.WriteLine($"[gateway] scripts/stack.sh {command}: done");
    }

    private sealed class StartedStack(string repository, TextWriter log, bool started) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (started)
            {
                await RunStackScriptAsync(repository, log, "down");
            }
        }
    }

    /// <summary>The process id `scripts/stack.sh` recorded for a service or the gateway; null when it recorded none.</summary>
    public int? ProcessIdOf(string name)
    {
        var file = Path.Combine(_state, "pids", name);
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
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
