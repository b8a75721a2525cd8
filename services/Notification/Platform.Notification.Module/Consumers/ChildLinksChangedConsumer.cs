using Platform.BuildingBlocks.Federation;

namespace Platform.Notification.Module.Consumers;

/// <summary>The edge's list of child links replaces the one kept for notices down, unless it is older (ADR 0022).</summary>
[WireName("notification.child_links_consumer.v1")]
public sealed class ChildLinksChangedConsumer(NotificationDbContext db, TimeProvider clock)
    : ChildLinksChangedConsumerBase<NotificationDbContext>(db, clock);
