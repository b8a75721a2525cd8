using Platform.BuildingBlocks.Calendar;

namespace Platform.Notification.Module.Consumers;

/// <summary>A calendar update from above is kept and, when it is in force for its year, places the reminders computed from now on (ADR 0024).</summary>
[WireName("notification.calendar_update_received_consumer.v1")]
public sealed class CalendarUpdateReceivedConsumer(NotificationDbContext db, TimeProvider clock, WorkingDayCalendarSource calendar)
    : CalendarUpdateReceivedConsumerBase<NotificationDbContext>(db, clock, calendar);
