using Platform.Functional.Tests.Inspection;
using Platform.Functional.Tests.Notification;
using Platform.Functional.Tests.Planning;
using Platform.Functional.Tests.Rectification;

namespace Platform.Functional.Tests;

// Starting a node (host, migrations of every store) costs seconds; classes whose settings match
// share one. A collection's classes run one after another, so each test still owns its calls, and
// every test makes its own units, missions and names rather than relying on empty tables.

/// <summary>Classes on the plain Development node.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedNodeCollection : ICollectionFixture<EmbeddedNodeFactory>
{
    public const string Name = "embedded node";
}

/// <summary>Classes on the Production node.</summary>
[CollectionDefinition(Name)]
public sealed class ProductionNodeCollection : ICollectionFixture<ProductionNodeFactory>
{
    public const string Name = "production node";
}

/// <summary>Classes on the inspection node (real clock, no rate limit).</summary>
[CollectionDefinition(Name)]
public sealed class InspectionNodeCollection : ICollectionFixture<InspectionNode>
{
    public const string Name = "inspection node";
}

/// <summary>
/// Classes on the planning node. They move its clock: each test sets the date it needs first
/// (SetToday) and reads the overdue scan's effect on its own plan only, since a scan sees every
/// plan on the node. FigureMigrationTests keeps a node of its own: it migrates the store down
/// and up again.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlanningNodeCollection : ICollectionFixture<PlanningNode>
{
    public const string Name = "planning node";
}

/// <summary>
/// Classes on the rectification node. They move its clock and run the escalation passes over
/// every item on the node; each test sets its date first and reads only its own items' state,
/// history and events.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RectificationNodeCollection : ICollectionFixture<RectificationNode>
{
    public const string Name = "rectification node";
}

/// <summary>
/// Classes on the notification node. They move its clock, run scans and dispatch over every
/// message on the node, subscribe webhooks that stay and share the stand-ins: each test sets its
/// date first and reads only its own watches, deliveries, documents, mails and stand-in calls
/// (by unit, address, path or title). WebhookTargetTests keeps a node of its own: it refuses
/// loopback webhooks.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NotificationNodeCollection : ICollectionFixture<NotificationNode>
{
    public const string Name = "notification node";
}
