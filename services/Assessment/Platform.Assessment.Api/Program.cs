using Platform.BuildingBlocks.Hosting;
using Platform.Assessment.Module;
using Platform.ServiceDefaults;

return await HostMain.RunAsync(async () =>
{
    var builder = PlatformHost.CreateBuilder(args, typeof(Program).Assembly);
    builder.AddServiceDefaults();
    builder.AddAssessmentModule();
    var app = builder.BuildPlatformService();
    app.MapDefaultEndpoints();
    app.MapAssessmentModule();
    await app.RunAsync();
    return 0;
});
