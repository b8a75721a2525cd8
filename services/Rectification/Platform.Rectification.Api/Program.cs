using Platform.BuildingBlocks.Hosting;
using Platform.Rectification.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddRectificationModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapRectificationModule();
    await app.RunAsync();
    return 0;
});
