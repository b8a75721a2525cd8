using Platform.BuildingBlocks.Hosting;
using Platform.Rectification.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = PlatformHost.CreateBuilder(args, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddRectificationModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapRectificationModule();
    await app.RunAsync();
    return 0;
});
