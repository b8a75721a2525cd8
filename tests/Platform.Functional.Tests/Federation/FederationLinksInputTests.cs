using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Proto = Platform.Contracts.Federation.V1;

namespace Platform.Functional.Tests.Federation;

/// <summary>Bad input to the operator's federation RPCs is refused naming each field, before anything is called or stored.</summary>
[Collection(EmbeddedNodeCollection.Name)]
public sealed class FederationLinksInputTests(EmbeddedNodeFactory node)
{
    private readonly Proto.FederationLinks.FederationLinksClient _links = new(node.CreateGrpcChannel());

    private Metadata Operator => SliceScenario.Bearer(node.Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    [Fact]
    public async Task Register_names_every_bad_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _links.RegisterAsync(new()
        {
            ParentAddress = "http://province.example:5443",
            EnrolmentCode = " ",
            ParentCertificateThumbprint = "abc",
        }, Operator));
        SliceScenario.AssertBadRequest(error, "parent_address", "enrolment_code", "parent_certificate_thumbprint");
    }

    [Fact]
    public async Task A_city_node_refuses_an_enrolment_code_for_a_region_outside_it()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _links.CreateEnrolmentCodeAsync(new() { ChildRegionCode = "320100" }, Operator));
        SliceScenario.AssertBadRequest(error, "child_region_code");
        // Inside the city by its digits, but no county of Nantong has this code in GB/T 2260.
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await _links.CreateEnrolmentCodeAsync(new() { ChildRegionCode = "320699" }, Operator));
        SliceScenario.AssertBadRequest(unknown, "child_region_code");
        Assert.Contains("GB/T 2260", unknown.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_and_revoke_name_a_bad_link_id_and_hide_nothing_about_a_missing_one()
    {
        SliceScenario.AssertBadRequest(
            await Assert.ThrowsAsync<RpcException>(async () => await _links.ApproveLinkAsync(new() { LinkId = "link-1" }, Operator)), "link_id");
        SliceScenario.AssertBadRequest(
            await Assert.ThrowsAsync<RpcException>(async () => await _links.RevokeLinkAsync(new() { LinkId = "" }, Operator)), "link_id");
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await _links.ApproveLinkAsync(new() { LinkId = Guid.CreateVersion7().ToString() }, Operator));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Replay_names_a_bad_link_id_and_answers_not_found_for_a_missing_link()
    {
        SliceScenario.AssertBadRequest(
            await Assert.ThrowsAsync<RpcException>(async () => await _links.ReplayUnrecognisedAsync(new() { LinkId = "link-1" }, Operator)), "link_id");
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await _links.ReplayUnrecognisedAsync(new() { LinkId = Guid.CreateVersion7().ToString() }, Operator));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
