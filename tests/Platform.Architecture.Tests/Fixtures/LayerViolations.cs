// Deliberate violations, so the layer rules are shown to catch and name them (LayeringTests).
// They live in the test assembly only; nothing uses them.

namespace Platform.Architecture.Tests.Fixtures.Domain
{
    public sealed class AggregateHoldingADbContext(Microsoft.EntityFrameworkCore.DbContext context)
    {
        public Microsoft.EntityFrameworkCore.DbContext Context { get; } = context;
    }

    public sealed class AggregateStampedByTheRequest(Platform.BuildingBlocks.Persistence.AuditStamper stamper)
    {
        public Platform.BuildingBlocks.Persistence.Audit Created { get; } = stamper.Now();
    }

    public sealed class AggregateFormattingForTheWire(DateOnly due)
    {
        public string DueOnTheWire => Platform.BuildingBlocks.Grpc.WireFormat.ToWire(due);
    }

    // Shared types with no infrastructure behind them are fine in a domain model.
    public sealed class AggregateKeepingToItself(Platform.BuildingBlocks.Persistence.Audit created, Platform.BuildingBlocks.Kernel.Calendar.WorkingDayCalendar calendar)
    {
        public Platform.BuildingBlocks.Persistence.Audit Created { get; } = created;

        public DateOnly Due { get; } = calendar.AddWorkingDays(DateOnly.FromDateTime(created.At.UtcDateTime), 5);
    }
}

namespace Platform.Architecture.Tests.Fixtures.Kernel
{
    public sealed class RuleReadingOptions(Microsoft.Extensions.Options.IOptions<object> options)
    {
        public object Settings { get; } = options.Value;
    }

    public sealed class RuleWritingTheOutbox(Platform.BuildingBlocks.Outbox.IOutboxPublisher outbox)
    {
        public Platform.BuildingBlocks.Outbox.IOutboxPublisher Outbox { get; } = outbox;
    }

    public static class RuleOnDatesOnly
    {
        public static bool IsLate(DateOnly due, DateOnly today) => today > due;
    }
}
