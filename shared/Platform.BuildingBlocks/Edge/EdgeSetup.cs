using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Edge;

public static class EdgeSetup
{
    /// <summary>What the edge of a node does before any service sees a request: token checks and per-caller limits.</summary>
    public static IHostApplicationBuilder AddPlatformEdge(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication();
        // The node's identity goes into the tokens the edge mints (`mint-token`).
        builder.AddPlatformNodeOptions();
        builder.AddPlatformCaching();
        builder.Services.AddOptions<EdgeRateLimitOptions>().Bind(builder.Configuration.GetSection(EdgeRateLimitOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SecurityHeadersOptions>().Bind(builder.Configuration.GetSection(SecurityHeadersOptions.SectionName));
        return builder;
    }

    public static IApplicationBuilder UsePlatformEdge(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        // Limit before authorisation, so anonymous floods are counted too.
        app.UseMiddleware<EdgeRateLimitMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
