using Platform.BuildingBlocks.Hosting;
using Platform.Assessment.Module;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAssessmentModule();
var app = builder.BuildPlatformService();
app.MapDefaultEndpoints();
app.MapAssessmentModule();
app.Run();
