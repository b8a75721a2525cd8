using Platform.BuildingBlocks.Hosting;
using Platform.Notification.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = PlatformHost.CreateBuilder(args, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddNotificationModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapNotificationModule();
    await app.RunAsync();
    return 0;
});
