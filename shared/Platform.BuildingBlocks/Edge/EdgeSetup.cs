using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        builder.Services.AddEdgeRateLimitOptions(builder.Configuration);
        builder.Services.AddOptions<SecurityHeadersOptions>().Bind(builder.Configuration.GetSection(SecurityHeadersOptions.SectionName));
        return builder;
    }

    /// <summary>Binds "Edge:RateLimit"; a configured list of key paths replaces the default one.</summary>
    public static OptionsBuilder<EdgeRateLimitOptions> AddEdgeRateLimitOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EdgeRateLimitOptions.SectionName);
        return services.AddOptions<EdgeRateLimitOptions>()
            .Bind(section)
            // The binder appends configured array items to the default ones, so a node naming its own
            // key paths would still count keys on the defaults; the configured list stands alone.
            .PostConfigure(options =>
            {
                if (section.GetSection(nameof(EdgeRateLimitOptions.KeyPaths)).Get<string[]>() is { } configured)
                {
                    options.KeyPaths = configured;
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
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
