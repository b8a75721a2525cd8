using Platform.BuildingBlocks.Hosting;
using Platform.Notification.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddNotificationModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapNotificationModule();
    await app.RunAsync();
    return 0;
});
