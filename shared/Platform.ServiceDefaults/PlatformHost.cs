using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace Platform.ServiceDefaults;

/// <summary>
/// Creates every host's builder with a content root that holds its appsettings.json. The
/// default content root is the current directory, so a process started by the path of its dll
/// from another folder (`dotnet /opt/platform/gateway/Platform.Gateway.dll`, a container whose
/// working directory differs, a systemd unit) silently ran without its own settings: a gateway
/// with no routes that answered /health 200 and 404 everywhere.
/// </summary>
public static class PlatformHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, Assembly host) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ContentRoot(
                Directory.GetCurrentDirectory(), AppContext.BaseDirectory, host, Assembly.GetEntryAssembly(), args, Environment.GetEnvironmentVariable),
        });

    /// <summary>
    /// The content root to use, or null to keep the host's own choice: an explicit
    /// `--contentRoot` / ASPNETCORE_CONTENTROOT wins; under a test host (the entry assembly is
    /// not <paramref name="host"/>) the test decides; `dotnet run` starts in the project folder
    /// (it holds the project file), where the node's data/ folder lives. Anywhere else the
    /// folder of the host's assembly, where the build put appsettings.json.
    /// </summary>
    public static string? ContentRoot(
        string currentDirectory, string baseDirectory, Assembly host, Assembly? entry, string[] args, Func<string, string?> environment)
    {
        if (args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT")))
        {
            return null;
        }
        if (entry != host)
        {
            return null;
        }
        var name = host.GetName().Name;
        if (File.Exists(Path.Combine(currentDirectory, name + ".csproj")))
        {
            return null;
        }
        return baseDirectory;
    }
}
