using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Benchmarks.Load;

/// <summary>
/// The baseline of the read figures: a bare Kestrel gRPC service answering with what it was sent,
/// nothing else in its pipeline. The harness runs it as its own child process (`serve-echo`), so
/// it competes for the cores the way the node does.
/// </summary>
public static class EchoServer
{
    public static async Task<int> ServeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<EchoHandler>();
        await app.RunAsync();
        return 0;
    }
}
