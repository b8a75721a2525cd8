using Platform.BuildingBlocks.Hosting;
using Platform.Planning.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = PlatformHost.CreateBuilder(args, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddPlanningModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapPlanningModule();
    await app.RunAsync();
    return 0;
});
