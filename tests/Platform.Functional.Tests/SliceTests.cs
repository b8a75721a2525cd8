
namespace Platform.Functional.Tests;

/// <summary>The walking-skeleton slice on the embedded node, over gRPC and over REST.</summary>
[Collection(EmbeddedNodeCollection.Name)]
public sealed class SliceTests(EmbeddedNodeFactory node)
{
    private SliceScenario Scenario => new(node.Tokens);

    [Fact]
    public Task Assigned_task_reaches_the_unit_inbox_over_grpc() =>
        Scenario.RunOverGrpcAsync(node.CreateGrpcChannel());

    [Fact]
    public Task Assigned_task_reaches_the_unit_inbox_over_rest() =>
        Scenario.RunOverRestAsync(node.CreateClient());

    [Fact]
    public Task Invalid_requests_get_invalid_argument_naming_the_fields_over_grpc() =>
        Scenario.RejectsInvalidInputOverGrpcAsync(node.CreateGrpcChannel());

    [Fact]
    public Task Invalid_requests_get_400_naming_the_fields_over_rest() =>
        Scenario.RejectsInvalidInputOverRestAsync(node.CreateClient());

    [Fact]
    public Task Tokens_and_roles_are_enforced_over_grpc() =>
        Scenario.EnforcesIdentityOverGrpcAsync(node.CreateGrpcChannel());

    [Fact]
    public Task Tokens_and_roles_are_enforced_over_rest() =>
        Scenario.EnforcesIdentityOverRestAsync(node.CreateClient());
}
