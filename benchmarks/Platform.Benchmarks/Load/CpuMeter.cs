using System.Diagnostics;
using System.Globalization;

namespace Platform.Benchmarks.Load;

/// <summary>
/// CPU used over a measured period: the whole machine's busy time (/proc/stat) and each named
/// process's own (/proc/&lt;pid&gt;/stat). When the machine is the bound, a call's throughput follows
/// from the CPU it costs everywhere, so this is how a scenario says what each part of a call costs.
/// </summary>
public sealed class CpuMeter
{
    // The kernel reports both files in USER_HZ, which is 100 on every architecture Linux runs .NET on.
    private const double TicksPerSecond = 100.0;

    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly double? _machineAtStart;
    private readonly Dictionary<string, double?> _processesAtStart;
    private readonly long _startedAt;

    private CpuMeter(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _machineAtStart = MachineBusySeconds();
        _processesAtStart = processes.ToDictionary(p => p.Key, p => ProcessSeconds(p.Value), StringComparer.Ordinal);
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts measuring the machine and the given processes (name → process id).</summary>
    public static CpuMeter Start(IReadOnlyDictionary<string, int> processes) => new(processes);

    public CpuUse Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(_startedAt);
        var machine = Difference(_machineAtStart, MachineBusySeconds());
        var processes = _processes.ToDictionary(p => p.Key, p => Difference(_processesAtStart[p.Key], ProcessSeconds(p.Value)), StringComparer.Ordinal);
        return new CpuUse(elapsed, machine, processes, MachineCpuCount());
    }

    /// <summary>CPU seconds a process has used (user + system); null where /proc is absent or the process is gone.</summary>
    public static double? ProcessSeconds(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return ParseProcessStat(text);
    }

    /// <summary>The utime + stime of a /proc/&lt;pid&gt;/stat line, in seconds.</summary>
    public static double ParseProcessStat(string text)
    {
        // Fields after the command name (which may hold spaces and parentheses) start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }

    /// <summary>Seconds all CPUs together have spent on anything but idling, waiting for I/O and being stolen by the hypervisor; null without /proc.</summary>
    public static double? MachineBusySeconds()
    {
        var line = File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").FirstOrDefault() : null;
        return line is null ? null : ParseMachineStat(line);
    }

    /// <summary>The busy time of the "cpu" line of /proc/stat (user nice system idle iowait irq softirq steal …), in seconds.</summary>
    /// <remarks>Steal is time a virtual machine's CPU ran something else of the host's: not this machine's work.</remarks>
    public static double ParseMachineStat(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || fields[0] != "cpu")
        {
            throw new FormatException($"not the summary line of /proc/stat: '{line}'");
        }
        // guest and guest_nice (fields 9 and 10) are already counted in user and nice.
        var counted = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var notBusy = counted[3] + counted[4] + counted[7];
        return (counted.Sum() - notBusy) / TicksPerSecond;
    }

    /// <summary>The CPUs /proc/stat counts (its "cpuN" lines), which its summary line adds up; a cgroup limit can make the runtime's count smaller.</summary>
    public static int MachineCpuCount()
    {
        var count = File.Exists("/proc/stat")
            ? File.ReadLines("/proc/stat").Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]))
            : 0;
        return count > 0 ? count : Environment.ProcessorCount;
    }

    private static double? Difference(double? start, double? end) => start is { } s && end is { } e ? e - s : null;
}

/// <summary>CPU seconds used during one period: the machine's and each named process's.</summary>
public sealed record CpuUse(TimeSpan Elapsed, double? Machine, IReadOnlyDictionary<string, double?> Processes, int Cpus)
{
    /// <summary>The machine's CPU not used by the named processes: databases, broker, cache, kernel, the rest.</summary>
    public double? Rest => Machine is { } machine && Processes.Values.All(v => v.HasValue)
        ? Math.Max(0, machine - Processes.Values.Sum(v => v!.Value))
        : null;

    /// <summary>Share of all cores that was busy, 0–1.</summary>
    public double? Busy => Machine is { } machine && Elapsed > TimeSpan.Zero && Cpus > 0
        ? machine / (Elapsed.TotalSeconds * Cpus)
        : null;

    /// <summary>Milliseconds of CPU per call, or null when a figure or the calls are missing.</summary>
    public static double? PerCall(double? seconds, long calls) => seconds is { } s && calls > 0 ? s * 1000 / calls : null;
}
