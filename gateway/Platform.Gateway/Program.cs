using Platform.BuildingBlocks.Edge;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformEdge();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
var app = builder.Build();
app.UsePlatformEdge();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();
