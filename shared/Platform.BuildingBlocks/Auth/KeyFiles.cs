using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Auth;

/// <summary>
/// Secret key files of the node (the token signing key, the audit checkpoint key): created
/// readable by the owner only (0600), and a warning at start-up for one that group or others can read.
/// </summary>
public static partial class KeyFiles
{
    private const UnixFileMode Exposing =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A new key file (fails when it exists), mode 0600 where the system has modes.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileStream(path, options);
    }

    /// <summary>
    /// Creates the key file once, whole, even when several processes (or threads) start at once: creation is serialised
    /// by an exclusive lock on <c>{path}.lock</c>, and the content is written under a temporary name and moved into
    /// place, so a reader never sees a half-written file and no second key replaces the first.
    /// </summary>
    public static void CreateOnce(string path, Action<Stream> write)
    {
        if (File.Exists(path))
        {
            return;
        }
        using var guard = Lock(path + ".lock");
        if (File.Exists(path))
        {
            return;
        }
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = CreateNew(temporary))
            {
                write(file);
            }
            File.Move(temporary, path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>An exclusive lock on <paramref name="lockPath"/> (flock where the system has it), waited for up to 30 seconds.</summary>
    private static FileStream Lock(string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>True when the file exists and its group or others have any access to it.</summary>
    public static bool IsExposed(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & Exposing) != 0;

    /// <summary>Registers a start-up check that warns about the key files <paramref name="files"/> names (setting, path).</summary>
    public static void AddKeyFileCheck(this IServiceCollection services, Func<IServiceProvider, IEnumerable<(string Setting, string? Path)>> files)
    {
        services.AddSingleton(new KeyFileSource(files));
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(KeyFileModeCheck)))
        {
            services.AddHostedService<KeyFileModeCheck>();
        }
    }

    /// <summary>Logs a warning for each named key file that group or others can access; returns how many.</summary>
    public static int WarnAboutExposed(ILogger logger, IEnumerable<(string Setting, string? Path)> files)
    {
        var exposed = 0;
        if (OperatingSystem.IsWindows())
        {
            return exposed;
        }
        foreach (var (setting, path) in files)
        {
            if (string.IsNullOrWhiteSpace(path) || !IsExposed(Path.GetFullPath(path)))
            {
                continue;
            }
            exposed++;
            LogExposed(logger, setting, path, Convert.ToString((int)File.GetUnixFileMode(Path.GetFullPath(path)), 8));
        }
        return exposed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key file {Path} ({Setting}) has mode {Mode}: group or others can read it. Restrict it to its owner: chmod 600 '{Path}'")]
    private static partial void LogExposed(ILogger logger, string setting, string path, string mode);

    internal sealed record KeyFileSource(Func<IServiceProvider, IEnumerable<(string Setting, string? Path)>> Files);

    private sealed class KeyFileModeCheck(IServiceProvider services, IEnumerable<KeyFileSource> sources, ILogger<KeyFileModeCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            WarnAboutExposed(logger, sources.SelectMany(s => s.Files(services)));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
