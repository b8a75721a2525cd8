using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Planning.V1;
using Proto = Platform.Contracts.Federation.V1;
using Platform.Testing;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// One embedded node (the built Platform.AllInOne dll) as its own process, the way an office runs it:
/// Production, its own data folder (SQLite stores, token key, audit key, federation key and certificate),
/// its own REST, gRPC and federation ports on loopback. Stopping and starting it again keeps the folder.
/// </summary>
public sealed class NodeProcess : IFederatedNode, IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private ServiceProcess? _process;
    private string? _operatorToken;
    private string? _officeToken;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _liaisonTokens = new();
    private GrpcChannel? _channel;
    private bool _started;

    public NodeProcess(string nodeId, string level, string regionCode, string name, string folder)
    {
        NodeId = nodeId;
        Level = level;
        RegionCode = regionCode;
        DataDirectory = Path.Combine(folder, nodeId);
        Directory.CreateDirectory(Path.Combine(DataDirectory, "keys"));
        var keyFile = Path.Combine(DataDirectory, "keys", "token-signing.key");
        // Production creates no token key: the operator provides one, as scripts/hierarchy.sh does.
        File.WriteAllText(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Node__Id"] = nodeId,
            ["Node__Name"] = name,
            ["Node__Level"] = level,
            ["Node__RegionCode"] = regionCode,
            ["Database__DataDirectory"] = DataDirectory,
            ["Files__Directory"] = Path.Combine(DataDirectory, "files"),
            ["Auth__SigningKeyFile"] = keyFile,
            // No in-call retries: a test waits seconds, not the production back-off. The polls keep their defaults:
            // committed events and link messages wake their senders at once (tests/README.md, "Polls").
            ["Federation__DeliveryRetries"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        UsePorts(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
    }

    public string NodeId { get; }

    public string Level { get; }

    public string RegionCode { get; }

    public string DataDirectory { get; }

    public int HttpPort { get; private set; }

    public int GrpcPort { get; private set; }

    public int FederationPort { get; private set; }

    public string FederationAddress => $"https://127.0.0.1:{FederationPort}";

    public bool Running => _process is not null;

    public static string AssemblyPath { get; } = Path.Combine(
        DistributedNode.RepositoryRoot(), "services", "Platform.AllInOne", "bin", DistributedNode.BuildConfiguration(), "net10.0", "Platform.AllInOne.dll");

    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{NodeId} is already running.");
        }
        for (var attempt = 1; ; attempt++)
        {
            _process = new ServiceProcess(NodeId, AssemblyPath, _environment, HttpPort);
            try
            {
                // Generous: a loaded CI machine starts five nodes slowly.
                await _process.WaitHealthyAsync(TimeSpan.FromSeconds(300));
                _started = true;
                return;
            }
            catch (InvalidOperationException) when (!_started && _process.PortWasTaken && attempt < 3)
            {
                // Another process bound a probed port first; before the first start no link knows the ports yet.
                await StopAsync();
                UsePorts(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
            }
            catch
            {
                await StopAsync();
                throw;
            }
        }
    }

    private void UsePorts(int http, int grpc, int federation)
    {
        (HttpPort, GrpcPort, FederationPort) = (http, grpc, federation);
        _channel?.Dispose();
        _channel = null;
        _environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{HttpPort}";
        _environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{GrpcPort}";
        _environment["Federation__ListenUrl"] = FederationAddress;
        _environment["Federation__PublicAddress"] = FederationAddress;
    }

    /// <summary>Kills the process, as a power cut would; its data folder stays.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>A node_operator token minted by the node's own `mint-token` command with its key.</summary>
    public async Task<Metadata> OperatorAsync()
    {
        _operatorToken ??= await MintTokenAsync("operator", "节点运维", "node_operator");
        return new Metadata { { "authorization", $"Bearer {_operatorToken}" } };
    }

    public async Task<string> MintTokenAsync(string user, string name, params string[] roles)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A role starting with "--" is an option of its own (e.g. "--unit", id).
        var options = new List<string>();
        for (var i = 0; i < roles.Length; i++)
        {
            options.AddRange(roles[i].StartsWith("--", StringComparison.Ordinal) ? [roles[i], roles[++i]] : ["--role", roles[i]]);
        }
        foreach (var argument in new[] { AssemblyPath, "mint-token", "--user", user, "--name", name }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mint-token on {NodeId} failed ({process.ExitCode}): {await error}");
        }
        return (await output).Trim();
    }

    /// <summary>
    /// The node's gRPC channel, one for the node's life (its ports stay when it is stopped and started again): a channel
    /// per call paid a new HTTP/2 connection each time. After a restart the channel connects again on the next call.
    /// </summary>
    public GrpcChannel Channel() => _channel ??= GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");

    public PlanningService.PlanningServiceClient Planning() => new(Channel());

    public Platform.Contracts.Notification.V1.NotificationService.NotificationServiceClient Notification() => new(Channel());

    /// <summary>The office's token (office_staff), minted by the node's own `mint-token`.</summary>
    public async Task<Metadata> OfficeAsync()
    {
        _officeToken ??= await MintTokenAsync("office", "王科员", "office_staff");
        return new Metadata { { "authorization", $"Bearer {_officeToken}" } };
    }

    /// <summary>A liaison's token for one unit of this node, minted once per unit (each mint starts the node's dll).</summary>
    public async Task<Metadata> LiaisonAsync(string unitId)
    {
        if (!_liaisonTokens.TryGetValue(unitId, out var token))
        {
            token = await MintTokenAsync("liaison-" + unitId[..8], "联络员", "unit_liaison", "--unit", unitId);
            token = _liaisonTokens.GetOrAdd(unitId, token);
        }
        return new Metadata { { "authorization", $"Bearer {token}" } };
    }

    public Proto.FederationLinks.FederationLinksClient Links() => new(Channel());

    /// <remarks>Implements <see cref="IFederatedNode.ListLinksAsync"/> itself: a body that called through the interface would call this again.</remarks>
    public async Task<IReadOnlyList<Proto.Link>> ListLinksAsync() =>
        (await Links().ListLinksAsync(new Proto.ListLinksRequest(), await OperatorAsync())).Links;

    /// <summary>
    /// Opens the node's own federation store file from outside the process (SQLite allows a second
    /// writer between the node's transactions): for what no flow sends yet, and to read delivery rows.
    /// </summary>
    public async Task<T> InStoreAsync<T>(Func<FederationDbContext, Task<T>> work)
    {
        var options = new DbContextOptionsBuilder<SqliteFederationDbContext>()
            .UseSqlite($"Data Source={Path.Combine(DataDirectory, "federationdb.db")};Default Timeout=30")
            .Options;
        await using var db = new SqliteFederationDbContext(options);
        return await work(db);
    }

    public string Output => _process?.Output ?? "";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _channel?.Dispose();
        _channel = null;
    }

}
