using Platform.Functional.Tests.Inspection;
using Xunit;

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
