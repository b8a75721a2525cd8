using Platform.BuildingBlocks.Hosting;
using Platform.Inspection.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddInspectionModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapInspectionModule();
    await app.RunAsync();
    return 0;
});
