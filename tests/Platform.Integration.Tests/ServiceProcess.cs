using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Integration.Tests;

/// <summary>One built service started as its own process, the way a pod runs it.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public ServiceProcess(string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, int httpPort)
    {
        Name = name;
        HttpPort = httpPort;
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"{name} is not built: {assemblyPath}");
        }
        var start = new ProcessStartInfo("dotnet", [assemblyPath])
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Why the process stopped, as it said (HostMain's "crit:" line, a critical or error log entry), so that a
    /// test's failure message starts with the reason rather than the start-up warnings before it.
    /// </summary>
    public string Failure
    {
        get
        {
            var reasons = _output.Where(line => line.StartsWith("crit:", StringComparison.Ordinal)
                || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)
                || line.StartsWith("Unhandled exception", StringComparison.Ordinal)).ToList();
            if (reasons.Count == 0)
            {
                reasons = _output.Where(line => line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).TakeLast(2).ToList();
            }
            return reasons.Count == 0 ? "(it gave no reason)" : string.Join(Environment.NewLine, reasons.TakeLast(3));
        }
    }

    /// <summary>It stopped because a port it was given was taken between the test's probe and its own bind.</summary>
    public bool PortWasTaken => _process.HasExited
        && _output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}: {Failure}{Environment.NewLine}Its output:{Environment.NewLine}{Output}");
            }
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{HttpPort}/health");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "health check timed out";
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} not healthy after {timeout.TotalSeconds:F0} s ({last}):{Environment.NewLine}{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
