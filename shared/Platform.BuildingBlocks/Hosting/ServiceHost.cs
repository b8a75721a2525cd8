using Microsoft.AspNetCore.Builder;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Hosting;

public static class ServiceHost
{
    /// <summary>
    /// Finishes a host of one or more modules: builds the bus from the consumers the modules
    /// registered, then the app with token checks and the gRPC reflection and health services.
    /// </summary>
    public static WebApplication BuildPlatformService(this WebApplicationBuilder builder, Action<IApplicationBuilder>? edge = null)
    {
        builder.AddPlatformMessaging();
        var app = builder.Build();
        if (edge is null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        else
        {
            edge(app);
        }
        // After the token checks, so an anonymous caller cannot make the node parse bodies it would refuse anyway.
        app.UseMiddleware<JsonBodyGuardMiddleware>();
        app.MapPlatformGrpcInfrastructure();
        return app;
    }
}
