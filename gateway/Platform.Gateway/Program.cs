using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Edge;
using Platform.ServiceDefaults;

// A start-up failure ends with its message (naming the setting) and exit code 1.
return await HostMain.RunAsync(async () =>
{
    // `dotnet Platform.Gateway.dll audit verify` checks the node's audit trail with the gateway's configuration.
    var auditCommand = AuditCommand.TryParse(args, out var hostArgs);

    var builder = WebApplication.CreateBuilder(hostArgs);
    builder.AddServiceDefaults();
    builder.AddPlatformEdge();
    // The audit trail is a node-level concern, so it lives at the edge: it seals and verifies every service's store.
    builder.AddPlatformAuditTrail();
    builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
    var app = builder.Build();
    if (auditCommand is not null)
    {
        return await auditCommand.RunAsync(app.Services, Console.Out, Console.Error);
    }
    app.UsePlatformEdge();
    app.MapDefaultEndpoints();
    app.MapPlatformAuditTrail();
    app.MapReverseProxy();
    await app.RunAsync();
    return 0;
});
