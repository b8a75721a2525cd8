using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Edge;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Messaging;
using Platform.ServiceDefaults;
using Platform.WebConsole;

// A start-up failure ends with its message (naming the setting) and exit code 1.
return await HostMain.RunAsync(async () =>
{
    // `dotnet Platform.Gateway.dll audit verify` checks the node's audit trail with the gateway's configuration.
    var auditCommand = AuditCommand.TryParse(args, out var hostArgs);
    // `dotnet Platform.Gateway.dll mint-token --user ops --role node_operator` mints a token with the node's key.
    var tokenCommand = TokenCommand.TryParseOperator(hostArgs, out hostArgs);

    var builder = PlatformHost.CreateBuilder(hostArgs, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddPlatformEdge();
    // The audit trail is a node-level concern, so it lives at the edge: it seals and verifies every service's store.
    builder.AddPlatformAuditTrail();
    // Federation is the node's too: its store (federationdb) and listener live at the edge, and a
    // received message reaches the services as an event on the node's bus.
    var federation = builder.Configuration.GetValue<bool>("Federation:Enabled")
        || !string.IsNullOrWhiteSpace(builder.Configuration["Federation:ListenUrl"]);
    if (federation)
    {
        builder.AddPlatformFederation();
        builder.AddPlatformMessaging();
    }
    // The office console at / (ADR 0017): hosted by the gateway, off unless Console:Enabled; it calls
    // the gateway's own gRPC listener, which routes to the services like any other client's call.
    var console = builder.Configuration.GetValue<bool>("Console:Enabled");
    if (console)
    {
        builder.AddPlatformConsole();
    }
    builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
    var app = builder.Build();
    if (tokenCommand is not null)
    {
        return tokenCommand.Run(app.Services, Console.Out, Console.Error);
    }
    if (auditCommand is not null)
    {
        return await auditCommand.RunAsync(app.Services, Console.Out, Console.Error);
    }
    app.UsePlatformEdge();
    app.MapDefaultEndpoints();
    app.MapPlatformAuditTrail();
    if (federation)
    {
        app.MapPlatformFederation();
    }
    if (console)
    {
        app.MapPlatformConsole();
    }
    app.MapReverseProxy();
    await app.RunAsync();
    return 0;
});
