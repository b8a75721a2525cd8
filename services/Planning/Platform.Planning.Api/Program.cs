using Platform.BuildingBlocks.Hosting;
using Platform.Planning.Module;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlanningModule();
var app = builder.BuildPlatformService();
app.MapDefaultEndpoints();
app.MapPlanningModule();
app.Run();
