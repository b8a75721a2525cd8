using Platform.Benchmarks.Load;

namespace Platform.Benchmarks.Tests;

/// <summary>The gateway scenario's CPU per call: readings of /proc and the arithmetic on them.</summary>
public sealed class CpuMeterTests
{
    [Fact]
    public void The_machines_busy_time_leaves_out_idle_io_wait_and_steal_and_counts_guests_once()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        const string line = "cpu  1000 50 300 9000 200 10 40 70 500 0";

        Assert.Equal((1000 + 50 + 300 + 10 + 40) / 100.0, CpuMeter.ParseMachineStat(line), 6);
        Assert.Throws<FormatException>(() => CpuMeter.ParseMachineStat("cpu0 1 2 3 4 5 6 7 8"));
    }

    [Fact]
    public void A_process_reading_is_its_user_and_system_time_whatever_its_name_holds()
    {
        // The command name may hold spaces and parentheses: fields are counted after the last ')'.
        const string stat = "4242 (.NET TP (Worker) 1) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 100 0 0";

        Assert.Equal((1234 + 567) / 100.0, CpuMeter.ParseProcessStat(stat), 6);
    }

    [Fact]
    public void A_meter_reads_this_processs_cpu_and_the_machines_from_proc()
    {
        var meter = CpuMeter.Start(new Dictionary<string, int> { ["harness"] = Environment.ProcessId });
        var spin = System.Diagnostics.Stopwatch.StartNew();
        var sum = 0.0;
        // Enough work for the kernel's 10 ms accounting to see it.
        while (spin.ElapsedMilliseconds < 300)
        {
            sum += Math.Sqrt(sum + 1);
        }
        var use = meter.Stop();

        Assert.True(sum > 0);
        Assert.True(use.Processes["harness"] > 0, "the spinning process used no CPU by its own /proc reading");
        // The machine's counters are kept per CPU and may be brought up to date late (tickless kernels), so over a
        // window this short only their presence is certain; the scenario reads them over seconds.
        Assert.True(use.Machine >= 0);
        Assert.Equal(CpuMeter.MachineCpuCount(), use.Cpus);
        Assert.InRange(use.Cpus, 1, 4096);
    }

    [Fact]
    public void Cpu_per_call_is_milliseconds_over_the_calls_and_missing_figures_stay_missing()
    {
        var use = new CpuUse(TimeSpan.FromSeconds(4), 7.0, new Dictionary<string, double?> { ["gateway"] = 1.5, ["planning"] = 3.0 }, Cpus: 2);

        Assert.Equal(2.5, use.Rest!.Value, 6);
        Assert.Equal(0.75, CpuUse.PerCall(use.Processes["gateway"], 2000)!.Value, 6);
        Assert.Null(CpuUse.PerCall(1.0, 0));
        Assert.Null(CpuUse.PerCall(null, 10));
        Assert.Equal(7.0 / 8, use.Busy!.Value, 6);
        Assert.Null(new CpuUse(TimeSpan.FromSeconds(1), 2.0, new Dictionary<string, double?> { ["gone"] = null }, Cpus: 2).Rest);
    }
}
