using Platform.AllInOne;
using Platform.Assessment.Module;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Edge;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Hosting;
using Platform.WebConsole;
using Platform.Inspection.Module;
using Platform.Notification.Module;
using Platform.Planning.Module;
using Platform.Rectification.Module;
using Platform.ServiceDefaults;

// A start-up failure ends with its message (naming the setting) and exit code 1.
return await HostMain.RunAsync(async () =>
{
    // `dotnet run -- token ...` mints a development token instead of starting the node.
    var tokenCommand = DevTokenCommand.TryParse(args, out var hostArgs)
        // `dotnet Platform.AllInOne.dll mint-token ...` mints one with the node's key in any environment.
        ?? TokenCommand.TryParseOperator(args, out hostArgs);
    // `dotnet run -- audit verify` checks the audit trail's chain instead.
    var auditCommand = AuditCommand.TryParse(hostArgs, out hostArgs);

    var builder = PlatformHost.CreateBuilder(hostArgs, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddPlatformEdge();
    builder.AddPlanningModule();
    builder.AddInspectionModule();
    builder.AddRectificationModule();
    builder.AddAssessmentModule();
    builder.AddNotificationModule();
    builder.AddPlatformAuditTrail();
    builder.AddPlatformFederation();
    // The office console at /, a client of the node's own gRPC API.
    builder.AddPlatformConsole();
    var app = builder.BuildPlatformService(edge => edge.UsePlatformEdge());

    if (tokenCommand is not null)
    {
        return tokenCommand.Run(app.Services, Console.Out, Console.Error);
    }
    if (auditCommand is not null)
    {
        return await auditCommand.RunAsync(app.Services, Console.Out, Console.Error);
    }

    app.MapDefaultEndpoints();
    app.MapDevelopmentTokens();
    app.MapPlanningModule();
    app.MapInspectionModule();
    app.MapRectificationModule();
    app.MapAssessmentModule();
    app.MapNotificationModule();
    app.MapPlatformAuditTrail();
    app.MapPlatformFederation();
    app.MapPlatformConsole();
    await app.RunAsync();
    return 0;
});

/// <summary>Entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
