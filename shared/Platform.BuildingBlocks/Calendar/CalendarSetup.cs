using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.BuildingBlocks.Calendar;

public static class CalendarSetup
{
    /// <summary>
    /// Registers the singleton <see cref="WorkingDayCalendar"/> built from the shipped years and
    /// the files in Calendar:Directory. Calling it again is a no-op, so every module that needs
    /// the calendar may ask for it.
    /// </summary>
    public static IHostApplicationBuilder AddWorkingDayCalendar(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(WorkingDayCalendar)))
        {
            return builder;
        }

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<CalendarOptions>()
            .Bind(builder.Configuration.GetSection(CalendarOptions.SectionName))
            .PostConfigure(options =>
            {
                if (!string.IsNullOrWhiteSpace(options.Directory) && !Path.IsPathRooted(options.Directory))
                {
                    options.Directory = Path.GetFullPath(options.Directory, contentRoot);
                }
            });
        builder.Services.TryAddSingleton<CalendarLoader>();
        // The calendar that updates from above change while the node runs (ADR 0024); a module that applies them reads
        // the source, the others the calendar as the node started with it.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<CalendarLoader>().LoadSource(sp.GetRequiredService<IOptions<CalendarOptions>>().Value));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<CalendarLoader>().Check(sp.GetRequiredService<WorkingDayCalendarSource>().Current));
        builder.Services.AddHostedService<CalendarStartupCheck>();
        return builder;
    }

    /// <summary>Builds the calendar when the host starts, so a bad operator file stops the node at once instead of failing the first deadline hours later.</summary>
    private sealed class CalendarStartupCheck(WorkingDayCalendar calendar) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(calendar);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
