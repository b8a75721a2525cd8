using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.BuildingBlocks.Auth;

namespace Platform.Functional.Tests;

/// <summary>One embedded node with its SQLite files in a temporary folder.</summary>
public class EmbeddedNodeFactory : WebApplicationFactory<Program>
{
    public const string NodeId = "func-test";

    private readonly string _ownDataDirectory = Path.Combine(Path.GetTempPath(), "platform-func-" + Guid.NewGuid().ToString("N"));

    /// <summary>The node's SQLite folder; its own temporary one (deleted with the node) unless a test hands one in.</summary>
    protected virtual string? SharedDataDirectory => null;

    private string DataDirectory => SharedDataDirectory ?? _ownDataDirectory;

    public AuthOptions Auth { get; } = TestTokens.NewOptions();

    public virtual TestTokens Tokens => new(Auth, NodeIdentity);

    /// <summary>Node:Id of this node; nodes of one hierarchy test need different ones.</summary>
    protected virtual string NodeIdentity => NodeId;

    protected virtual string EnvironmentName => "Development";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<GrpcChannel>> _kestrelChannels = new();

    /// <summary>
    /// The node's one gRPC channel to its Kestrel port (a node on real ports): a channel per call paid a new HTTP/2
    /// connection each time. Disposed with the node.
    /// </summary>
    protected GrpcChannel KestrelChannelTo(int port) =>
        _kestrelChannels.GetOrAdd(port, p => new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress($"http://127.0.0.1:{p}"))).Value;

    public GrpcChannel CreateGrpcChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    /// <summary>
    /// PBKDF2 iterations of the console's password hashes on a Development node: each account created
    /// and each sign-in costs a hash, 100,000 iterations by default (a CPU-second on the loaded test machine).
    /// Allowed in Development only; a test node may set another count in <see cref="ConfigureNode"/>.
    /// </summary>
    public const string TestPasswordHashIterations = "1000";

    /// <summary>
    /// The console's issuer keys (Console:IssuerKeyFile: two RSA-2048 keys, as a node makes at its first start) made once
    /// for the whole test run: a node start in this assembly would otherwise spend close to a CPU-second on them on the
    /// loaded test machine. Nodes started as processes (the integration tests) still make their own.
    /// </summary>
    private static readonly Lazy<string> SharedIssuerKeyFile = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "platform-func-issuer-" + Guid.NewGuid().ToString("N") + ".pem");
        using var signing = System.Security.Cryptography.RSA.Create(2048);
        using var encryption = System.Security.Cryptography.RSA.Create(2048);
        File.WriteAllText(path, signing.ExportPkcs8PrivateKeyPem() + "\n" + encryption.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (EnvironmentName == Microsoft.Extensions.Hosting.Environments.Development)
        {
            builder.UseSetting("Console:PasswordHashIterations", TestPasswordHashIterations);
        }
        // Every node of the run signs in with the same two issuer keys instead of making two RSA keys at its first start.
        builder.UseSetting("Console:IssuerKeyFile", SharedIssuerKeyFile.Value);
        ConfigureNode(builder);
        builder.UseEnvironment(EnvironmentName);
        // UseSetting, not ConfigureAppConfiguration: the modules read these while the host is being built.
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Node:Id", NodeIdentity);
        builder.UseSetting("Auth:Issuer", Auth.Issuer);
        builder.UseSetting("Auth:Audience", Auth.Audience);
        builder.UseSetting("Auth:SigningKey", Auth.SigningKey);
        builder.UseSetting("Auth:DevelopmentTokens", "true");
        // Tests move the clock by months and then read the outbox for the events a step raised.
        builder.UseSetting("Outbox:RetainPublishedFor", "3650.00:00:00");
        // A test node's files live in a temp folder that no power cut needs to survive: its commits skip the
        // per-commit fsync of the default (Full), which the suite's thousands of commits would pay on a slow disk.
        // The nodes the integration tests start as processes keep the default.
        builder.UseSetting("Database:SqliteSynchronous", "Normal");
    }

    protected virtual void ConfigureNode(IWebHostBuilder builder)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var channel in _kestrelChannels.Values.Where(c => c.IsValueCreated))
            {
                channel.Value.Dispose();
            }
            _kestrelChannels.Clear();
        }
        if (disposing && Directory.Exists(_ownDataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            DeleteDataDirectory();
        }
    }

    /// <summary>
    /// Deletes the node's folder, asking again for a while: a file may still appear in it just after the host stopped
    /// (CI saw "Directory not empty" on disposal). A folder that stays is only left in the temp folder, no test's failure.
    /// </summary>
    private void DeleteDataDirectory()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_ownDataDirectory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(200);
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}

/// <summary>The same node in Production, where development tokens must be off.</summary>
public sealed class ProductionNodeFactory : EmbeddedNodeFactory
{
    protected override string EnvironmentName => "Production";
}
