using Platform.BuildingBlocks.Hosting;
using Platform.Inspection.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = PlatformHost.CreateBuilder(args, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddInspectionModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapInspectionModule();
    await app.RunAsync();
    return 0;
});
