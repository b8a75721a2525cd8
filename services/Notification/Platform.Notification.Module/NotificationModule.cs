using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Locks;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Net;
using Platform.Notification.Module.Consumers;
using Platform.Notification.Module.Features.Downloads;
using Platform.Notification.Module.Features;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Documents;
using Platform.Notification.Module.Features.Inbox;
using Platform.Notification.Module.Features.NoticesDown;
using Platform.Notification.Module.Features.Reminders;
using Platform.Notification.Module.Grpc;

namespace Platform.Notification.Module;

public static class NotificationModule
{
    public const string ServiceName = "notification";
    public const string ConnectionName = "notificationdb";

    public static IHostApplicationBuilder AddNotificationModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<NotificationDbContext, SqliteNotificationDbContext, PostgresNotificationDbContext>(ConnectionName);
        builder.AddWorkingDayCalendar();
        builder.AddPlatformFileStore();
        builder.AddPlatformLeases();
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DaprBindingOptions>().Bind(configuration.GetSection(DaprBindingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new OutboundAddressGuard(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedNetworks));

        services.AddSingleton(sp =>
        {
            // The calendar in force, which the updates from above change while the node runs (ADR 0024).
            var calendar = sp.GetRequiredService<WorkingDayCalendarSource>();
            return new ReminderSchedule(() => calendar.Current, sp.GetRequiredService<IOptions<ReminderOptions>>().Value.BeforeWorkingDays);
        });
        services.AddScoped<ServiceDescriber<NotificationDbContext>>();
        services.AddScoped<NotificationAccess>();
        services.AddScoped<OutgoingMessages>();
        services.AddScoped<ReminderWriter>();
        services.AddScoped<DeadlineWatches>();
        services.AddScoped<DocumentNumbers>();
        services.AddScoped<DocumentIssuer>();
        services.AddScoped<EscalationDocuments>();
        services.AddScoped<InboxReader>();
        services.AddScoped<DocumentReader>();
        services.AddScoped<NoticeReceipts>();
        services.AddScoped<NoticeSender>();
        services.AddFeatureHandlers(typeof(NotificationModule).Assembly);

        services.AddSingleton<ChannelHttpClient>();
        services.AddSingleton<WebhookHttpClient>();
        services.AddSingleton<IDeliveryChannel, WebhookChannel>();
        // With Dapr on, SMS (and e-mail, when a binding is named) go through the sidecar's output bindings.
        var dapr = configuration.GetSection(DaprBindingOptions.SectionName).Get<DaprBindingOptions>() ?? new DaprBindingOptions();
        if (dapr.Enabled)
        {
            services.AddSingleton<IDeliveryChannel, DaprSmsChannel>();
        }
        if (dapr.EmailThroughDapr)
        {
            services.AddSingleton<IDeliveryChannel, DaprEmailChannel>();
        }
        else
        {
            services.AddSingleton<IDeliveryChannel, EmailChannel>();
        }
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddSingleton<ReminderScanner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScanner>());

        services.AddPlatformConsumer<TaskAssignedConsumer>("notification-task-assigned");
        services.AddPlatformConsumer<UnitSavedConsumer>(UnitSavedConsumer.QueueName);
        services.AddPlatformConsumer<ExtensionApprovedConsumer>("notification-extension-approved");
        services.AddPlatformConsumer<ProgressReportedConsumer>("notification-progress-reported");
        services.AddPlatformConsumer<TaskCompletedConsumer>("notification-task-completed");
        services.AddPlatformConsumer<AssignmentOverdueConsumer>("notification-assignment-overdue");
        services.AddPlatformConsumer<RectificationItemOpenedConsumer>("notification-rectification-item-opened");
        services.AddPlatformConsumer<RectificationExtensionApprovedConsumer>("notification-rectification-extension-approved");
        services.AddPlatformConsumer<RectificationSentBackConsumer>("notification-rectification-sent-back");
        services.AddPlatformConsumer<RectificationReopenedConsumer>("notification-rectification-reopened");
        services.AddPlatformConsumer<RectificationVerifiedConsumer>("notification-rectification-verified");
        services.AddPlatformConsumer<RectificationOverdueConsumer>("notification-rectification-overdue");
        services.AddPlatformConsumer<RectificationEscalatedConsumer>("notification-rectification-escalated");
        services.AddPlatformConsumer<MissionNotifiedConsumer>("notification-mission-notified");
        services.AddPlatformConsumer<FeedbackGivenConsumer>("notification-feedback-given");
        services.AddPlatformConsumer<StudyBehindConsumer>("notification-study-behind");
        services.AddPlatformConsumer<NoticeReceivedConsumer>("notification-notice-received");
        services.AddPlatformConsumer<NoticeReceiptReceivedConsumer>("notification-notice-receipt-received");
        services.AddPlatformConsumer<ChildLinksChangedConsumer>("notification-child-links");
        services.AddPlatformConsumer<CalendarUpdateReceivedConsumer>("notification-calendar-update-received");
        services.AddCalendarUpdatesRefresher<NotificationDbContext>();
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<NotificationGrpcService>();
        endpoints.MapNotificationDownloads();
        return endpoints;
    }
}
