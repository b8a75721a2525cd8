using Platform.BuildingBlocks.Hosting;
using Platform.Notification.Module;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationModule();
var app = builder.BuildPlatformService();
app.MapDefaultEndpoints();
app.MapNotificationModule();
app.Run();
