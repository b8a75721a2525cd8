using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Rectification.Module.Consumers;
using Platform.Rectification.Module.Features;
using Platform.Rectification.Module.Features.Downloads;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Features.Evidence;
using Platform.Rectification.Module.Features.Ledger;
using Platform.Rectification.Module.Features.Summaries;
using Platform.Rectification.Module.Grpc;

namespace Platform.Rectification.Module;

public static class RectificationModule
{
    public const string ServiceName = "rectification";
    public const string ConnectionName = "rectificationdb";

    public static IHostApplicationBuilder AddRectificationModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<RectificationDbContext, SqliteRectificationDbContext, PostgresRectificationDbContext>(ConnectionName);
        builder.AddWorkingDayCalendar();
        builder.AddPlatformFileStore();
        builder.Services.AddOptions<EvidenceOptions>()
            .Bind(builder.Configuration.GetSection(EvidenceOptions.SectionName))
            .ValidateDataAnnotations()
            // An extension the shared check does not know would silently never be accepted.
            .Validate(
                o => o.AllowedExtensions.Length > 0 && o.AllowedExtensions.All(e => UploadCheck.KnownExtensions.Contains(e.Trim().ToLowerInvariant())),
                $"Rectification:Evidence:AllowedExtensions must list known types only: {string.Join(" ", UploadCheck.KnownExtensions)}.")
            .ValidateOnStart();
        builder.Services.AddOptions<DeadlineOptions>()
            .Bind(builder.Configuration.GetSection(DeadlineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<EvaluatorOptions>()
            .Bind(builder.Configuration.GetSection(EvaluatorOptions.SectionName))
            .ValidateDataAnnotations()
            // Task.Delay accepts at most about 49 days.
            .Validate(o => o.Interval > TimeSpan.Zero && o.Interval <= TimeSpan.FromDays(30), "Rectification:Evaluator:Interval must be between 0 and 30 days.")
            .ValidateOnStart();
        builder.Services.AddScoped<ServiceDescriber<RectificationDbContext>>();
        builder.Services.AddSingleton<DeadlinePolicy>();
        builder.Services.AddScoped<RectificationAccess>();
        builder.Services.AddScoped<EvidenceIntake>();
        builder.Services.AddScoped<EvidenceReader>();
        builder.Services.AddScoped<StatusSummaries>();
        builder.Services.AddScoped<LedgerQuery>();
        builder.Services.AddFeatureHandlers(typeof(RectificationModule).Assembly);
        builder.Services.AddSingleton<EscalationEvaluator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EscalationEvaluator>());
        builder.Services.AddPlatformConsumer<FeedbackGivenConsumer>(FeedbackGivenConsumer.QueueName);
        builder.Services.AddPlatformConsumer<MissionNoticeReceivedConsumer>(MissionNoticeReceivedConsumer.QueueName);
        builder.Services.AddPlatformConsumer<StatusFromBelowConsumer>(StatusFromBelowConsumer.QueueName);
        builder.Services.AddPlatformConsumer<OwnMissionNotifiedConsumer>(OwnMissionNotifiedConsumer.QueueName);
        builder.Services.AddPlatformConsumer<CalendarUpdateReceivedConsumer>(CalendarUpdateReceivedConsumer.QueueName);
        builder.Services.AddCalendarUpdatesRefresher<RectificationDbContext>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRectificationModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<RectificationGrpcService>();
        endpoints.MapRectificationDownloads();
        return endpoints;
    }
}
