using Platform.Contracts.Events.Planning;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>A final progress report ends the watch of that assignment.</summary>
[WireName("notification.progress_reported_consumer.v1")]
public sealed class ProgressReportedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<ProgressReported, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(ProgressReported message, ConsumeContext<ProgressReported> context) =>
        message.Final ? watches.StopAsync(WatchSources.Assignment, message.AssignmentId, context.CancellationToken) : Task.CompletedTask;
}
