using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Node;
using Proto = Platform.Contracts.Federation.V1;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The child's side of enrolment: registers with the parent's listener using the operator's code and
/// the parent's thumbprint, keeps a pending parent link, and activates it once the certificate the
/// parent issued at approval has been collected. The request is for the node certificate's key, so
/// no further private key is created or stored.
/// </summary>
public sealed class ParentRegistration(
    FederationDbContext db, FederationCertificateAuthority authority, IOptions<NodeOptions> node, IOptions<FederationOptions> options, TimeProvider clock)
{
    public async Task<FederationLink> RegisterAsync(string parentAddress, string enrolmentCode, string parentThumbprint, CancellationToken cancellationToken)
    {
        // A province has no level above it: refused before anything is read or called.
        if (node.Value.Level == NodeLevel.Province)
        {
            throw new PreconditionFailedException($"{NodeOptions.SectionName}:Level 为 province：省级节点没有上级节点，不能向上级登记");
        }
        var validator = new RequestValidator();
        string? address = null;
        try
        {
            address = ParseAddress("parent_address", parentAddress);
        }
        catch (ValidationException e)
        {
            foreach (var v in e.Violations)
            {
                validator.Add(v.Field, v.Description);
            }
        }
        if (string.IsNullOrWhiteSpace(enrolmentCode))
        {
            validator.Add("enrolment_code", "必须填写登记码");
        }
        if (!Enrolment.IsThumbprint(parentThumbprint))
        {
            validator.Add("parent_certificate_thumbprint", "证书指纹须为 64 位十六进制 SHA-256");
        }
        validator.ThrowIfInvalid();
        var ownAddress = options.Value.PublicAddress
            ?? throw new PreconditionFailedException("未配置 Federation:PublicAddress（本节点联邦监听端口的地址），上级节点无法向本节点投递");
        if (await db.Links.AnyAsync(l => l.Role == LinkRole.Parent && l.State != LinkState.Revoked, cancellationToken))
        {
            throw new PreconditionFailedException("本节点已有上级节点");
        }
        using var key = authority.NodeCertificate.GetECDsaPrivateKey()!;
        var csr = new CertificateRequest($"CN={node.Value.Id}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        Proto.RegisterChildResponse response;
        using (var channel = GrpcFederationTransport.OpenChannel(address!, authority.NodeCertificate, parentThumbprint.ToLowerInvariant()))
        {
            var request = new Proto.RegisterChildRequest
            {
                EnrolmentCode = enrolmentCode.Trim(),
                NodeId = node.Value.Id,
                RegionCode = node.Value.RegionCode,
                CertificateRequest = csr,
                Address = ownAddress,
            };
            try
            {
                // A parent that is unreachable for a moment, or resets the connection while busy, is tried again with
                // backoff (Federation:DeliveryRetries, DeliveryRetryDelay, DeliveryMaxRetryDelay, as a delivery is); the
                // parent answers a repeat of a registration it already took with the same pending link.
                response = await FederationRetry.Pipeline(options.Value, clock, e => e is RpcException { StatusCode: StatusCode.Unavailable }).ExecuteAsync(async token =>
                    await new Proto.FederationExchange.FederationExchangeClient(channel).RegisterChildAsync(request, cancellationToken: token), cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unimplemented)
            {
                throw new PreconditionFailedException($"无法连接上级节点 {address}（{e.Status.Detail}）");
            }
        }
        // The parent this node was enrolled under before and revoked: the same link row becomes pending again, keeping its
        // sequences and its backlog (the parent keeps its side the same way).
        var link = await db.Links.SingleOrDefaultAsync(l => l.PeerNodeId == response.ParentNodeId && l.Role == LinkRole.Parent, cancellationToken);
        if (link is null)
        {
            link = new FederationLink
            {
                Id = Guid.CreateVersion7(),
                PeerNodeId = response.ParentNodeId,
                PeerRegionCode = response.ParentRegionCode,
                Role = LinkRole.Parent,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Links.Add(link);
        }
        link.MoveTo(LinkState.Pending, clock.GetUtcNow());
        link.RefusedByPeerAt = null;
        link.RefusedByPeerReason = null;
        link.PeerAddress = address;
        link.PeerCertificateThumbprint = parentThumbprint.ToLowerInvariant();
        link.RemoteLinkId = Guid.Parse(response.LinkId);
        link.LastContactAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return link;
    }

    /// <summary>Asks the parent whether the pending link was approved; if so keeps the certificate and activates the link.</summary>
    /// <returns>True when the link became active.</returns>
    public async Task<bool> CollectAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var link = await db.Links.SingleAsync(l => l.Id == linkId, cancellationToken);
        if (link is not { Role: LinkRole.Parent, State: LinkState.Pending, RemoteLinkId: { } remote })
        {
            return false;
        }
        Proto.CollectCertificateResponse response;
        using (var channel = GrpcFederationTransport.OpenChannel(authority, link))
        {
            response = await new Proto.FederationExchange.FederationExchangeClient(channel)
                .CollectCertificateAsync(new Proto.CollectCertificateRequest { LinkId = remote.ToString() }, cancellationToken: cancellationToken);
        }
        link.LastContactAt = clock.GetUtcNow();
        if (response.Approved)
        {
            using var issued = X509Certificate2.CreateFromPem(response.Certificate);
            if (!FederationCertificateAuthority.SameKey(issued.PublicKey, authority.NodeCertificate.PublicKey))
            {
                throw new InvalidOperationException($"The parent of link {linkId} returned a certificate for another key.");
            }
            link.LinkCertificatePem = response.Certificate;
            link.RemoteLinkId = null;
            link.MoveTo(LinkState.Active, clock.GetUtcNow());
        }
        await db.SaveChangesAsync(cancellationToken);
        return response.Approved;
    }

    /// <summary>An absolute https URL of a federation listener.</summary>
    public static string ParseAddress(string field, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || value!.Length > FederationLink.MaxAddressLength)
        {
            throw new ValidationException(field, $"'{value}' 不是联邦监听端口的地址，须为 https://主机:端口");
        }
        return uri.GetLeftPart(UriPartial.Authority);
    }
}

/// <summary>On the child: every poll interval, collects the certificate of a pending parent link once the parent approved it.</summary>
public sealed partial class ParentCertificateCollector(IServiceScopeFactory scopes, IOptions<FederationOptions> options, ILogger<ParentCertificateCollector> logger)
    : PeriodicWorker(logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        var pending = await db.Links.AsNoTracking()
            .Where(l => l.Role == LinkRole.Parent && l.State == LinkState.Pending && l.RemoteLinkId != null)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var linkId in pending)
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<ParentRegistration>().CollectAsync(linkId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCollectFailed(logger, e, linkId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation link {LinkId}: collecting the parent's certificate failed")]
    private static partial void LogCollectFailed(ILogger logger, Exception exception, Guid linkId);
}
