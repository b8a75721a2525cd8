using Platform.BuildingBlocks.Calendar;
using Platform.Contracts.Events.Federation;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>
/// A calendar update from above is kept and, when it is in force for its year, places the reminders from now on (ADR 0024):
/// the next reminder of the deadlines already watched in that year too, in the same save.
/// </summary>
[WireName("notification.calendar_update_received_consumer.v1")]
public sealed class CalendarUpdateReceivedConsumer(NotificationDbContext db, TimeProvider clock, WorkingDayCalendarSource calendar, DeadlineWatches watches)
    : CalendarUpdateReceivedConsumerBase<NotificationDbContext>(db, clock, calendar)
{
    protected override async Task HandleAsync(CalendarUpdateReceived message, ConsumeContext<CalendarUpdateReceived> context)
    {
        await base.HandleAsync(message, context);
        await watches.ReplanInYearAsync(message.Update.Year, context.CancellationToken);
    }
}
