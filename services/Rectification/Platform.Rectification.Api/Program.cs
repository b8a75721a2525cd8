using Platform.BuildingBlocks.Hosting;
using Platform.Rectification.Module;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRectificationModule();
var app = builder.BuildPlatformService();
app.MapDefaultEndpoints();
app.MapRectificationModule();
app.Run();
