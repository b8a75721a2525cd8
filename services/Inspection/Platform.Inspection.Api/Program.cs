using Platform.BuildingBlocks.Hosting;
using Platform.Inspection.Module;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInspectionModule();
var app = builder.BuildPlatformService();
app.MapDefaultEndpoints();
app.MapInspectionModule();
app.Run();
