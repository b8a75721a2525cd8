using Proto = Platform.Contracts.Federation.V1;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>A node as its operator and its peers see it: an embedded node process or a distributed node's gateway.</summary>
public interface IFederatedNode
{
    string NodeId { get; }

    string RegionCode { get; }

    /// <summary>Where peers reach its federation listener (Federation:PublicAddress).</summary>
    string FederationAddress { get; }

    Proto.FederationLinks.FederationLinksClient Links();

    Task<Metadata> OperatorAsync();

    async Task<IReadOnlyList<Proto.Link>> ListLinksAsync() =>
        (await Links().ListLinksAsync(new Proto.ListLinksRequest(), await OperatorAsync())).Links;
}

/// <summary>
/// Separate node processes joined as docs/federation.md "Joining two nodes" says, by their operators'
/// calls on platform.federation.v1: the parent's enrolment code, the child's registration, the parent's
/// approval, then the child's collection of its certificate. Each node keeps its folder under one
/// temporary root, removed with the hierarchy.
/// </summary>
public sealed class NodeHierarchy : IAsyncDisposable
{
    private readonly List<NodeProcess> _nodes = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory("platform-hierarchy-").FullName;

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public NodeProcess Add(string nodeId, string level, string regionCode, string name)
    {
        var node = new NodeProcess(nodeId, level, regionCode, name, Folder);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts every node that is not running, two at a time (each start migrates six stores).</summary>
    public async Task StartAllAsync()
    {
        using var slots = new SemaphoreSlim(2);
        await Task.WhenAll(_nodes.Where(n => !n.Running).Select(async n =>
        {
            await slots.WaitAsync();
            try
            {
                await n.StartAsync();
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    /// <summary>Enrols <paramref name="child"/> under <paramref name="parent"/>, approves it, and waits until both sides hold an active link.</summary>
    public static async Task JoinAsync(IFederatedNode parent, IFederatedNode child)
    {
        var parentOperator = await parent.OperatorAsync();
        var code = await parent.Links().CreateEnrolmentCodeAsync(new Proto.CreateEnrolmentCodeRequest { ChildRegionCode = child.RegionCode }, parentOperator);
        var registered = await child.Links().RegisterAsync(new Proto.RegisterRequest
        {
            ParentAddress = parent.FederationAddress,
            EnrolmentCode = code.Code,
            ParentCertificateThumbprint = code.ParentCertificateThumbprint,
        }, await child.OperatorAsync());
        if (registered.State != "pending" || registered.PeerNodeId != parent.NodeId)
        {
            throw new InvalidOperationException($"{child.NodeId} registered with {registered.PeerNodeId} as {registered.State}.");
        }
        var pending = (await parent.ListLinksAsync()).Single(l => l.PeerNodeId == child.NodeId && l.State == "pending");
        await parent.Links().ApproveLinkAsync(new Proto.ApproveLinkRequest { LinkId = pending.LinkId }, parentOperator);
        await Eventually.GetAsync<object>(async () =>
            (await child.ListLinksAsync()).Any(l => l.Role == "parent" && l.PeerNodeId == parent.NodeId && l.State == "active") ? true : null,
            TimeSpan.FromSeconds(60), $"{child.NodeId}'s link to {parent.NodeId} to become active");
    }

    /// <summary>The link that <paramref name="node"/> holds with <paramref name="peer"/>.</summary>
    public static async Task<Proto.Link> LinkAsync(IFederatedNode node, IFederatedNode peer) =>
        (await node.ListLinksAsync()).Single(l => l.PeerNodeId == peer.NodeId);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.StopAsync()));
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is just ending: the temporary folder is left behind.
        }
    }
}

/// <summary>The hierarchy tests start several node processes each: one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class HierarchyCollection
{
    public const string Name = "node hierarchy";
}
