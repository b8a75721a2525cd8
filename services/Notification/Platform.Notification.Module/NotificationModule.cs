using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.Notification.Module.Consumers;
using Platform.Notification.Module.Features.Inbox;
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
        builder.Services.AddScoped<ServiceDescriber<NotificationDbContext>>();
        builder.Services.AddScoped<InboxFeature>();
        builder.Services.AddPlatformConsumer<TaskAssignedConsumer>("notification-task-assigned");
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<NotificationGrpcService>();
        return endpoints;
    }
}
