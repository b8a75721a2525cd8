using System.Net.Sockets;
using Grpc.Net.Client;
using MassTransit;
using Npgsql;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Messaging;
using Platform.Testing;

namespace Platform.Integration.Tests;

/// <summary>
/// A whole distributed node: the five Api processes and the gateway on loopback, each
/// service on its own PostgreSQL database, messaging over RabbitMQ, counters in Redis.
/// </summary>
public sealed class DistributedNode : IAsyncLifetime
{
    public const string NodeId = "it-node";

    private static readonly string[] Services = ["planning", "inspection", "rectification", "assessment", "notification"];

    /// <summary>The services' stores and the gateway's federation store.</summary>
    private static readonly string[] Databases = [.. Services, "federation", "console"];

    /// <summary>Password of the gateway console's first-run operator account <c>admin</c>.</summary>
    public const string ConsoleOperatorPassword = "operator-pass-1";

    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, ServiceLaunch> _launches = new(StringComparer.Ordinal);
    private ServiceLaunch? _gateway;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..10];

    public DistributedNode()
    {
        Infrastructure = TestInfrastructure.FromEnvironment(out var missing);
        UnavailableReason = missing;
    }

    public TestInfrastructure? Infrastructure { get; }

    public string UnavailableReason { get; }

    public AuthOptions Auth { get; } = TestTokens.NewOptions();

    public TestTokens Tokens => new(Auth, NodeId);

    /// <summary>The node's audit checkpoint key (ECDSA P-256, PKCS#8 PEM), as a secret would hold it.</summary>
    public string AuditCheckpointKey { get; } = NewCheckpointKey();

    private static string NewCheckpointKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public int GatewayHttpPort { get; private set; }

    /// <summary>Between every process and Redis: cut it to take Redis away from the node.</summary>
    public FaultProxy RedisFault { get; private set; } = null!;

    /// <summary>Between the services and PostgreSQL (the gateway's audit store connects directly): cut it to take the services' databases away.</summary>
    public FaultProxy DatabaseFault { get; private set; } = null!;

    /// <summary>Between every process and RabbitMQ (a test's own bus connects directly): cut it to take the broker away from the node.</summary>
    public FaultProxy BrokerFault { get; private set; } = null!;

    public int GatewayGrpcPort { get; private set; }

    /// <summary>The gateway's mutual-TLS federation listener.</summary>
    public int GatewayFederationPort { get; private set; }

    public string GatewayFederationAddress => $"https://127.0.0.1:{GatewayFederationPort}";

    public IReadOnlyDictionary<string, (int Http, int Grpc)> ServicePorts { get; private set; } = new Dictionary<string, (int, int)>();

    public HttpClient CreateGatewayClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{GatewayHttpPort}") };

    public GrpcChannel CreateGatewayChannel() => GrpcChannel.ForAddress($"http://127.0.0.1:{GatewayGrpcPort}");

    public GrpcChannel CreateServiceChannel(string service) => GrpcChannel.ForAddress($"http://127.0.0.1:{ServicePorts[service].Grpc}");

    /// <summary>
    /// How long a service process may take to answer healthy. Six .NET processes starting at once
    /// on two cores shared with other builds took more than 90 s (the bus not yet started), which
    /// failed whichever test of the collection came first.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);

    /// <summary>How long a killed notification process holds its claimed deliveries and scan lease.</summary>
    public const string CrashedHolderReleasesAfter = "00:00:10";

    public void SkipIfUnavailable() => Skip.If(Infrastructure is null, UnavailableReason);

    public async Task InitializeAsync()
    {
        if (Infrastructure is null)
        {
            if (TestInfrastructure.RunningInCi)
            {
                throw new InvalidOperationException($"CI=true but the servers are missing: {UnavailableReason}.");
            }
            return;
        }

        await CreateDatabasesAsync();
        var redisAddress = Infrastructure.Redis.Split(',')[0];
        RedisFault = new FaultProxy(redisAddress[..redisAddress.LastIndexOf(':')], int.Parse(redisAddress[(redisAddress.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var postgres = new NpgsqlConnectionStringBuilder(Infrastructure.Postgres);
        DatabaseFault = new FaultProxy(postgres.Host!, postgres.Port);
        var broker = new Uri(Infrastructure.RabbitMq);
        BrokerFault = new FaultProxy(broker.Host, broker.Port);
        var proxiedBroker = new UriBuilder(broker) { Host = "127.0.0.1", Port = BrokerFault.Port }.Uri.ToString();
        var root = RepositoryRoot();
        var configuration = BuildConfiguration();
        var ports = Services.ToDictionary(s => s, _ => (Http: LoopbackPorts.Free(), Grpc: LoopbackPorts.Free()));
        ServicePorts = ports;
        foreach (var service in Services)
        {
            var name = char.ToUpperInvariant(service[0]) + service[1..];
            var environment = CommonEnvironment(ports[service].Http, ports[service].Grpc);
            environment["Database__Provider"] = "Postgres";
            environment[$"ConnectionStrings__{service}db"] = DatabaseConnectionString(service, DatabaseFault.Port);
            environment["Messaging__Transport"] = "RabbitMq";
            environment["ConnectionStrings__eventbus"] = proxiedBroker;
            // Overdue scans every second, so that the replicas a fault test adds race these
            // processes over the same rows (only rows past their deadline are touched).
            environment["Planning__Overdue__ScanInterval"] = "00:00:01";
            environment["Rectification__Evaluator__Interval"] = "00:00:01";
            // Their lost races are logged at Information (LostRaces); the test counts those lines.
            environment["Logging__LogLevel__Platform.Planning.Module.Features.Overdue"] = "Information";
            environment["Logging__LogLevel__Platform.Rectification.Module.Features.Escalation"] = "Information";
            if (service == "notification")
            {
                // Tests kill a notification process mid-work (RestartServiceAsync): the delivery
                // batch and the scan lease it held are freed only when their time runs out, which
                // by default (2 min, 60 s) outlasts every wait of a test.
                environment["Notification__Delivery__ClaimDuration"] = CrashedHolderReleasesAfter;
                environment["Notification__Reminders__LeaseDuration"] = CrashedHolderReleasesAfter;
            }
            var launch = new ServiceLaunch(
                name,
                Path.Combine(root, "services", name, $"Platform.{name}.Api", "bin", configuration, "net10.0", $"Platform.{name}.Api.dll"),
                environment);
            _launches[service] = launch;
            _processes.Add(launch.Start(ports[service].Http));
        }

        GatewayHttpPort = LoopbackPorts.Free();
        GatewayGrpcPort = LoopbackPorts.Free();
        var gateway = CommonEnvironment(GatewayHttpPort, GatewayGrpcPort);
        // The audit trail lives at the edge: the gateway seals and verifies every service's store
        // and signs checkpoints with the node's audit key.
        gateway["Database__Provider"] = "Postgres";
        gateway["Audit__CheckpointKey"] = AuditCheckpointKey;
        gateway["Audit__SealInterval"] = "00:00:01";
        // Federation at the edge: its store on PostgreSQL, its events on the node's bus.
        gateway["Federation__Enabled"] = "true";
        // Its listener, so embedded nodes can federate with it (Hierarchy/DistributedCityTests).
        GatewayFederationPort = LoopbackPorts.Free();
        gateway["Federation__ListenUrl"] = GatewayFederationAddress;
        gateway["Federation__PublicAddress"] = GatewayFederationAddress;
        gateway["Federation__DeliveryRetries"] = "0";
        gateway["Federation__KeyFile"] = Path.Combine(Path.GetTempPath(), $"federation-{DatabaseName("federation")}.pem");
        gateway["ConnectionStrings__federationdb"] = DatabaseConnectionString("federation");
        // The office console at the gateway, its accounts on PostgreSQL.
        gateway["Console__Enabled"] = "true";
        gateway["Console__InitialOperatorPassword"] = ConsoleOperatorPassword;
        gateway["ConnectionStrings__consoledb"] = DatabaseConnectionString("console");
        gateway["Messaging__Transport"] = "RabbitMq";
        gateway["ConnectionStrings__eventbus"] = proxiedBroker;
        foreach (var service in Services)
        {
            gateway[$"ReverseProxy__Clusters__{service}-http__Destinations__primary__Address"] = $"http://127.0.0.1:{ports[service].Http}";
            gateway[$"ReverseProxy__Clusters__{service}-grpc__Destinations__primary__Address"] = $"http://127.0.0.1:{ports[service].Grpc}";
            gateway[$"ConnectionStrings__{service}db"] = DatabaseConnectionString(service);
        }
        _gateway = new ServiceLaunch(
            "Gateway",
            Path.Combine(root, "gateway", "Platform.Gateway", "bin", configuration, "net10.0", "Platform.Gateway.dll"),
            gateway);
        _processes.Add(_gateway.Start(GatewayHttpPort));

        await Task.WhenAll(_processes.Select(p => p.WaitHealthyAsync(StartTimeout)));
    }

    /// <summary>Publishes one event on the node's RabbitMQ as a service of the node would (the wire names), from a bus of its own.</summary>
    public async Task PublishAsync<T>(T message)
        where T : class
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(Infrastructure!.RabbitMq));
            rabbit.UseWireNames();
        });
        await bus.StartAsync();
        try
        {
            await bus.Publish(message);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>
    /// Stops a service the hard way (as a crashed pod) and starts it again on the same ports,
    /// database and broker; returns once it answers /health.
    /// </summary>
    public async Task RestartServiceAsync(string service)
    {
        var index = _processes.FindIndex(p => p.Name == _launches[service].Name && p.HttpPort == ServicePorts[service].Http);
        await _processes[index].DisposeAsync();
        var restarted = _launches[service].Start(ServicePorts[service].Http);
        _processes[index] = restarted;
        await restarted.WaitHealthyAsync(StartTimeout);
    }

    /// <summary>Kills the gateway the hard way (as a crashed pod); the services keep running. <see cref="StartGatewayAsync"/> brings it back.</summary>
    public async Task KillGatewayAsync()
    {
        var index = _processes.FindIndex(p => p.Name == _gateway!.Name);
        await _processes[index].DisposeAsync();
        _processes.RemoveAt(index);
    }

    /// <summary>Starts the gateway again on the same ports and settings; returns once it answers /health.</summary>
    public async Task StartGatewayAsync()
    {
        var gateway = _gateway!.Start(GatewayHttpPort);
        _processes.Add(gateway);
        await gateway.WaitHealthyAsync(StartTimeout);
    }

    /// <summary>
    /// Starts one more replica of a service on ports of its own, against the same database,
    /// broker and Redis; <paramref name="overrides"/> adds or replaces settings. The node
    /// stops it with the rest.
    /// </summary>
    public async Task<(ServiceProcess Process, int HttpPort, int GrpcPort)> StartReplicaAsync(
        string service, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var (http, grpc) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        var launch = _launches[service];
        var environment = new Dictionary<string, string>(launch.Environment)
        {
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{http}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpc}",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var replica = (launch with { Environment = environment }).Start(http);
        _processes.Add(replica);
        await replica.WaitHealthyAsync(StartTimeout);
        return (replica, http, grpc);
    }

    /// <summary>The gateway's federation store (PostgreSQL).</summary>
    public string FederationConnectionString => DatabaseConnectionString("federation");

    /// <summary>The PostgreSQL database of one of the node's services (planning, notification...).</summary>
    public string ServiceConnectionString(string service) => DatabaseConnectionString(service);

    /// <summary>Stops a replica started by <see cref="StartReplicaAsync"/> before the node stops.</summary>
    public async Task StopReplicaAsync(ServiceProcess replica)
    {
        _processes.Remove(replica);
        await replica.DisposeAsync();
    }

    /// <summary>The settings a service process was started with (connection strings included).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment(string service) => _launches[service].Environment;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
        if (Infrastructure is not null)
        {
            await RedisFault.DisposeAsync();
            await DatabaseFault.DisposeAsync();
            await BrokerFault.DisposeAsync();
            await DropDatabasesAsync();
        }
    }

    private Dictionary<string, string> CommonEnvironment(int httpPort, int grpcPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
        ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
        ["Node__Id"] = NodeId,
        ["Node__RegionCode"] = "320600",
        ["Auth__Issuer"] = Auth.Issuer,
        ["Auth__Audience"] = Auth.Audience,
        ["Auth__SigningKey"] = Auth.SigningKey!,
        ["ConnectionStrings__redis"] = $"127.0.0.1:{RedisFault.Port}",
        ["Logging__LogLevel__Default"] = "Warning",
        // Workstation GC, as the images run (their Dockerfiles set it): run from bin/, a web project
        // defaults to Server GC, whose per-core heaps and GC threads, in six processes beside the
        // other test assemblies on two cores, cost CPU the images never spend.
        ["DOTNET_gcServer"] = "0",
    };

    private string DatabaseName(string service) => $"{service}_{_runId}";

    private string DatabaseConnectionString(string service, int? port = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(Infrastructure!.Postgres) { Database = DatabaseName(service) };
        if (port is { } proxied)
        {
            builder.Host = "127.0.0.1";
            builder.Port = proxied;
        }
        return builder.ConnectionString;
    }

    private async Task CreateDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(Infrastructure!.Postgres);
        await connection.OpenAsync();
        foreach (var service in Databases)
        {
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName(service)}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Infrastructure!.Postgres);
        await connection.OpenAsync();
        foreach (var service in Databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName(service)}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }


    internal static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test assembly.");
    }
}

/// <summary>How to start one service process: what to run and with which settings.</summary>
internal sealed record ServiceLaunch(string Name, string AssemblyPath, IReadOnlyDictionary<string, string> Environment)
{
    public ServiceProcess Start(int httpPort) => new(Name, AssemblyPath, Environment, httpPort);
}

[CollectionDefinition(Name)]
public sealed class DistributedNodeCollection : ICollectionFixture<DistributedNode>
{
    public const string Name = "distributed node";
}
