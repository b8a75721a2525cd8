using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// The frame of every host's Main: a start-up failure (a missing key file, a bad setting) ends
/// the process with its message, which names the setting, and exit code 1 instead of an
/// unhandled exception (exit code 134 and a stack trace); and a process running in Development
/// says so at start, with how to run in production.
/// </summary>
public static partial class HostMain
{
    public const int StartupFailed = 1;

    /// <summary>Runs <paramref name="main"/>; a failure is written to <paramref name="error"/> (stderr by default) and returns 1.</summary>
    public static Task<int> RunAsync(Func<Task<int>> main, TextWriter? error = null) =>
        RunAsync(main, error, ownProcess: Assembly.GetEntryAssembly() == main.Method.Module.Assembly);

    /// <summary>
    /// <paramref name="ownProcess"/>: Main is the process's entry point. Under a test host
    /// (WebApplicationFactory runs Main inside the test process) every exception goes to the
    /// test host unchanged, which reports it to the test and stops the host with HostAbortedException.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> main, TextWriter? error, bool ownProcess)
    {
        try
        {
            return await main();
        }
        catch (Exception ex) when (ownProcess && ex is not HostAbortedException)
        {
            var writer = error ?? Console.Error;
            await writer.WriteLineAsync("crit: The process stopped: " + Describe(ex));
            await writer.FlushAsync();
            return StartupFailed;
        }
    }

    /// <summary>The messages of an exception and its inner ones, without the stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 })
            {
                continue;
            }
            if (!messages.Contains(ex.Message, StringComparer.Ordinal))
            {
                messages.Add(ex.Message);
            }
        }
        return string.Join(" ", messages);
    }

    /// <summary>What a process in Development warns about at start; null in any other environment.</summary>
    public static string? DevelopmentWarning(IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsDevelopment())
        {
            return null;
        }
        var tokens = configuration.GetValue<bool>("Auth:DevelopmentTokens")
            ? "development tokens are ON (/dev/tokens and the `token` command mint tokens for anyone; Auth:DevelopmentTokens)"
            : "development settings apply";
        var profile = Environment.GetEnvironmentVariable("DOTNET_LAUNCH_PROFILE");
        var source = string.IsNullOrEmpty(profile)
            ? "ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT"
            : $"the launch profile '{profile}' of Properties/launchSettings.json, which overrides ASPNETCORE_ENVIRONMENT of the shell";
        return $"Running in the Development environment (set by {source}): {tokens}, and health details are open to anyone. " +
            "Do not use this for production. To run in production: `dotnet <host>.dll` with ASPNETCORE_ENVIRONMENT=Production (or unset), " +
            "or `dotnet run --launch-profile Production` (or `--no-launch-profile`) from source.";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogDevelopment(ILogger logger, string warning);

    internal sealed class DevelopmentWarningAtStart(IHostEnvironment environment, IConfiguration configuration, ILogger<DevelopmentWarningAtStart> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (DevelopmentWarning(environment, configuration) is { } warning)
            {
                LogDevelopment(logger, warning);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal static void AddDevelopmentWarning(IServiceCollection services) => services.AddHostedService<DevelopmentWarningAtStart>();
}
