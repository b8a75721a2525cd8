using System.Diagnostics;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;

namespace Platform.Benchmarks.Load;

/// <summary>
/// A node the harness measures: the embedded node it starts from the built AllInOne (fresh data
/// folder, private ports, Development so /dev/tokens mints tokens, edge rate limit off), or the
/// local distributed stack's gateway it only connects to.
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private readonly ChildProcess? _process;
    private readonly Func<object, Task<string>> _mint;

    private EmbeddedNode(ChildProcess? process, Uri http, Uri grpc, Func<object, Task<string>> mint, TimeSpan startup)
    {
        _process = process;
        Http = http;
        Grpc = grpc;
        _mint = mint;
        Startup = startup;
        HttpClient = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromMinutes(5) };
        Channel = OpenChannel(grpc);
    }

    public Uri Http { get; }
    public Uri Grpc { get; }
    public HttpClient HttpClient { get; }
    public GrpcChannel Channel { get; }

    /// <summary>From starting the process to the first healthy answer of GET /health.</summary>
    public TimeSpan Startup { get; }
    public ChildProcess? Process => _process;

    public static GrpcChannel OpenChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) },
        MaxReceiveMessageSize = 256 * 1024 * 1024,
    });

    public static async Task<EmbeddedNode> StartAsync(
        string dll, string folder, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"no built embedded node at {dll}; build services/Platform.AllInOne in Release first (scripts/benchmarks.sh does)", dll);
        }
        Directory.CreateDirectory(folder);
        int httpPort = ChildProcess.FreePort(), grpcPort = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Edge__RateLimit__Enabled"] = "false",
            ["Database__DataDirectory"] = Path.Combine(folder, "data"),
            ["Files__Directory"] = Path.Combine(folder, "files"),
            ["Auth__SigningKeyFile"] = Path.Combine(folder, "keys", "token-signing.key"),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            // The node's request log would be most of its work under load; warnings still reach the log file.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = ChildProcess.Start(dll, [], environment, Path.Combine(folder, "node.log"));
        var http = new Uri($"http://127.0.0.1:{httpPort}/");
        try
        {
            // A healthy node answers within seconds; the bound is for a starved machine (the test command starts every test
            // assembly at once on 2 cores), where 90 s was seen to be too short.
            var startup = await WaitHealthyAsync(process, http, timeout ?? TimeSpan.FromSeconds(180));
            return new EmbeddedNode(process, http, new Uri($"http://127.0.0.1:{grpcPort}/"), MintDevToken(http), startup);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>A node started elsewhere (the distributed stack): tokens are minted by the given function.</summary>
    public static EmbeddedNode Attach(Uri http, Uri grpc, Func<object, Task<string>> mint) => new(null, http, grpc, mint, TimeSpan.Zero);

    public Task<string> MintAsync(string userId, string role, string? unitId = null) =>
        _mint(unitId is null ? new { userId, name = userId, roles = new[] { role } } : new { userId, name = userId, unitId, roles = new[] { role } });

    public async Task<Metadata> BearerAsync(string userId, string role, string? unitId = null) =>
        new() { { "authorization", "Bearer " + await MintAsync(userId, role, unitId) } };

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        HttpClient.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static async Task<TimeSpan> WaitHealthyAsync(ChildProcess process, Uri http, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(2) };
        while (Stopwatch.GetElapsedTime(process.StartedAt) < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the node stopped during start-up; see {process.LogPath}");
            }
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(process.StartedAt);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"the node was not healthy within {timeout}; see {process.LogPath}");
    }

    private static Func<object, Task<string>> MintDevToken(Uri http)
    {
        var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromMinutes(1) };
        return async request =>
        {
            using var response = await client.PostAsJsonAsync("/dev/tokens", request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
            return body?.Token ?? throw new InvalidOperationException("/dev/tokens answered without a token");
        };
    }

    private sealed record TokenResponse(string Token);
}
