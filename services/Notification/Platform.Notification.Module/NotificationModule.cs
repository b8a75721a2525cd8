using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Locks;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Net;
using Platform.BuildingBlocks.Persistence;
using Platform.Notification.Module.Consumers;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Features;
using Platform.Notification.Module.Features.CreateWebhookSubscription;
using Platform.Notification.Module.Features.DeleteContact;
using Platform.Notification.Module.Features.DeleteWebhookSubscription;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Documents;
using Platform.Notification.Module.Features.Downloads;
using Platform.Notification.Module.Features.GetDocument;
using Platform.Notification.Module.Features.GetDocumentFile;
using Platform.Notification.Module.Features.GetFanOutProgress;
using Platform.Notification.Module.Features.GetInboxMessage;
using Platform.Notification.Module.Features.GetMyPreferences;
using Platform.Notification.Module.Features.Inbox;
using Platform.Notification.Module.Features.ListContacts;
using Platform.Notification.Module.Features.ListDeadlineWatches;
using Platform.Notification.Module.Features.ListDeliveries;
using Platform.Notification.Module.Features.ListDocuments;
using Platform.Notification.Module.Features.ListInbox;
using Platform.Notification.Module.Features.ListMyInbox;
using Platform.Notification.Module.Features.ListReadReceipts;
using Platform.Notification.Module.Features.ListReminders;
using Platform.Notification.Module.Features.ListTemplates;
using Platform.Notification.Module.Features.ListWebhookSubscriptions;
using Platform.Notification.Module.Features.MarkInboxMessageRead;
using Platform.Notification.Module.Features.Reminders;
using Platform.Notification.Module.Features.ReplayDeadLetter;
using Platform.Notification.Module.Features.RunReminderScan;
using Platform.Notification.Module.Features.SendBulletin;
using Platform.Notification.Module.Features.UpdateMyPreferences;
using Platform.Notification.Module.Features.UpdateTemplate;
using Platform.Notification.Module.Features.UpsertContact;
using Platform.Notification.Module.Grpc;
using Platform.Notification.Module.Infrastructure;

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

        services.AddSingleton(sp => new ReminderSchedule(
            sp.GetRequiredService<WorkingDayCalendar>(), sp.GetRequiredService<IOptions<ReminderOptions>>().Value.BeforeWorkingDays));
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
        services.AddScoped<ListInboxHandler>();
        services.AddScoped<ListMyInboxHandler>();
        services.AddScoped<GetInboxMessageHandler>();
        services.AddScoped<MarkInboxMessageReadHandler>();
        services.AddScoped<ListReadReceiptsHandler>();
        services.AddScoped<UpsertContactHandler>();
        services.AddScoped<ListContactsHandler>();
        services.AddScoped<DeleteContactHandler>();
        services.AddScoped<CreateWebhookSubscriptionHandler>();
        services.AddScoped<ListWebhookSubscriptionsHandler>();
        services.AddScoped<DeleteWebhookSubscriptionHandler>();
        services.AddScoped<ListDeadlineWatchesHandler>();
        services.AddScoped<ListRemindersHandler>();
        services.AddScoped<RunReminderScanHandler>();
        services.AddScoped<ListDeliveriesHandler>();
        services.AddScoped<ReplayDeadLetterHandler>();
        services.AddScoped<GetFanOutProgressHandler>();
        services.AddScoped<GetMyPreferencesHandler>();
        services.AddScoped<UpdateMyPreferencesHandler>();
        services.AddScoped<ListTemplatesHandler>();
        services.AddScoped<UpdateTemplateHandler>();
        services.AddScoped<ListDocumentsHandler>();
        services.AddScoped<GetDocumentHandler>();
        services.AddScoped<GetDocumentFileHandler>();
        services.AddScoped<SendBulletinHandler>();

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
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<NotificationGrpcService>();
        endpoints.MapNotificationDownloads();
        return endpoints;
    }
}
