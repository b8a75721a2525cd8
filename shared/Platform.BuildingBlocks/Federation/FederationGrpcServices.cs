using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Node;
using Proto = Platform.Contracts.Federation.V1;

namespace Platform.BuildingBlocks.Federation;

/// <summary>platform.federation.v1.FederationLinks: the node operator's view and management of the node's links.</summary>
public sealed class FederationLinksGrpcService(
    FederationDbContext db, Enrolment enrolment, ParentRegistration registration, FederationCertificateAuthority authority, LinkInbox inbox, TimeProvider clock)
    : Proto.FederationLinks.FederationLinksBase
{
    public override async Task<Proto.CreateEnrolmentCodeResponse> CreateEnrolmentCode(Proto.CreateEnrolmentCodeRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var issued = await enrolment.CreateCodeAsync(request.ChildRegionCode, context.CancellationToken);
        return new Proto.CreateEnrolmentCodeResponse
        {
            Code = issued.Code,
            ChildRegionCode = issued.ChildRegionCode,
            ExpiresAt = Instant(issued.ExpiresAt),
            ParentCertificateThumbprint = FederationCertificateAuthority.ThumbprintOf(authority.NodeCertificate),
        };
    }

    public override async Task<Proto.Link> Register(Proto.RegisterRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var link = await registration.RegisterAsync(request.ParentAddress, request.EnrolmentCode, request.ParentCertificateThumbprint, context.CancellationToken);
        return await StatusOfAsync(link.Id, context.CancellationToken);
    }

    public override async Task<Proto.Link> ApproveLink(Proto.ApproveLinkRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var (link, _) = await enrolment.ApproveAsync(ParseLinkId(request.LinkId), authority, context.CancellationToken);
        return await StatusOfAsync(link.Id, context.CancellationToken);
    }

    public override async Task<Proto.Link> RevokeLink(Proto.RevokeLinkRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var link = await enrolment.RevokeAsync(ParseLinkId(request.LinkId), context.CancellationToken);
        return await StatusOfAsync(link.Id, context.CancellationToken);
    }

    public override async Task<Proto.ListLinksResponse> ListLinks(Proto.ListLinksRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var response = new Proto.ListLinksResponse();
        response.Links.AddRange((await LinkStatusQuery.ListAsync(db, clock, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<Proto.ReplayUnrecognisedResponse> ReplayUnrecognised(Proto.ReplayUnrecognisedRequest request, ServerCallContext context)
    {
        RequireOperator(context);
        var linkId = ParseLinkId(request.LinkId);
        var (replayed, still) = await inbox.ReplayUnrecognisedAsync(linkId, context.CancellationToken);
        return new Proto.ReplayUnrecognisedResponse { Replayed = replayed, StillUnrecognised = still, Link = await StatusOfAsync(linkId, context.CancellationToken) };
    }

    private async Task<Proto.Link> StatusOfAsync(Guid linkId, CancellationToken cancellationToken) =>
        ToProto((await LinkStatusQuery.ListAsync(db, clock, cancellationToken)).Single(s => s.LinkId == linkId));

    private static void RequireOperator(ServerCallContext context) =>
        context.GetHttpContext().GetPlatformUser().RequireAnyRole(PlatformRoles.NodeOperator);

    internal static Guid ParseLinkId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw new ValidationException("link_id", $"'{value}' 不是有效的链路标识");

    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Proto.Link ToProto(LinkStatus s) => new()
    {
        LinkId = s.LinkId.ToString(),
        PeerNodeId = s.PeerNodeId,
        PeerRegionCode = s.PeerRegionCode,
        Role = s.Role.ToString().ToLowerInvariant(),
        State = s.State.ToString().ToLowerInvariant(),
        LastContactAt = s.LastContactAt is { } at ? Instant(at) : string.Empty,
        Backlog = s.Backlog,
        OldestUndeliveredAgeSeconds = (long)(s.OldestUndeliveredAge?.TotalSeconds ?? 0),
        Unrecognised = s.Unrecognised,
        RefusedByPeerAt = s.RefusedByPeerAt is { } refused ? Instant(refused) : string.Empty,
        RefusedByPeer = s.RefusedByPeerReason ?? string.Empty,
    };
}

/// <summary>
/// platform.federation.v1.FederationExchange: what nodes call on each other. Mapped without a bearer
/// token, because nodes prove themselves by their TLS certificate: a call that did not come over the
/// federation listener (no client certificate) is refused whatever it carries.
/// </summary>
public sealed class FederationExchangeGrpcService(
    FederationDbContext db, Enrolment enrolment, LinkInbox inbox, IOptions<NodeOptions> node)
    : Proto.FederationExchange.FederationExchangeBase
{
    public override async Task<Proto.RegisterChildResponse> RegisterChild(Proto.RegisterChildRequest request, ServerCallContext context)
    {
        var caller = ClientCertificate(context);
        var address = ParentRegistration.ParseAddress("address", request.Address);
        // The request must be for the key the caller proved over TLS, so the certificate issued later is only of use to it.
        if (!string.IsNullOrEmpty(request.CertificateRequest) && request.CertificateRequest.Length <= FederationLink.MaxCertificateRequestLength)
        {
            var requested = FederationCertificateAuthority.ParseRequest(request.CertificateRequest, "check").PublicKey;
            if (!FederationCertificateAuthority.SameKey(requested, caller.PublicKey))
            {
                throw new ValidationException("certificate_request", "证书签名请求的公钥须与本次 TLS 连接所用证书的公钥一致");
            }
        }
        var link = await enrolment.RegisterChildAsync(request.EnrolmentCode, request.NodeId, request.RegionCode, request.CertificateRequest, context.CancellationToken);
        link.PeerAddress = address;
        link.PeerServerCertificateThumbprint = FederationCertificateAuthority.ThumbprintOf(caller);
        await db.SaveChangesAsync(context.CancellationToken);
        return new Proto.RegisterChildResponse
        {
            LinkId = link.Id.ToString(),
            ParentNodeId = node.Value.Id,
            ParentRegionCode = node.Value.RegionCode,
        };
    }

    public override async Task<Proto.CollectCertificateResponse> CollectCertificate(Proto.CollectCertificateRequest request, ServerCallContext context)
    {
        var caller = ClientCertificate(context);
        var linkId = FederationLinksGrpcService.ParseLinkId(request.LinkId);
        var link = await db.Links.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId && l.Role == LinkRole.Child, context.CancellationToken);
        if (link is { State: LinkState.Pending })
        {
            return new Proto.CollectCertificateResponse { Approved = false };
        }
        if (link is not { State: LinkState.Active, LinkCertificatePem: { } pem })
        {
            throw new PermissionDeniedException("链路不存在或已撤销");
        }
        using var issued = X509Certificate2.CreateFromPem(pem);
        // Only the holder of the requested key gets its certificate.
        if (!FederationCertificateAuthority.SameKey(issued.PublicKey, caller.PublicKey))
        {
            throw new PermissionDeniedException("证书不属于调用方");
        }
        return new Proto.CollectCertificateResponse { Approved = true, Certificate = pem };
    }

    public override async Task<Proto.DeliverResponse> Deliver(Proto.DeliverRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        ClientCertificate(context);
        var link = await FederationListener.AuthorizeCallerAsync(http);
        var validator = new RequestValidator();
        var envelopes = new List<FederationEnvelope>(request.Envelopes.Count);
        for (var i = 0; i < request.Envelopes.Count; i++)
        {
            var e = request.Envelopes[i];
            if (!Guid.TryParse(e.MessageId, out var messageId))
            {
                validator.Add($"envelopes[{i}].message_id", "不是有效的标识");
            }
            // No sender makes an all-zero id; taken, it would be the one id every such message shares on the link.
            else if (messageId == Guid.Empty)
            {
                validator.Add($"envelopes[{i}].message_id", "不得为全零标识");
            }
            if (!DateTimeOffset.TryParse(e.OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var occurredAt))
            {
                validator.Add($"envelopes[{i}].occurred_at", "不是 ISO 8601 时间");
            }
            if (!FederationWireNames.IsWellFormed(e.WireName))
            {
                validator.Add($"envelopes[{i}].wire_name", $"'{e.WireName}' 不是 federation.<名称>.v<版本> 形式的报文名称");
            }
            envelopes.Add(new FederationEnvelope(e.Sequence, messageId, e.WireName, e.Payload, occurredAt));
        }
        validator.ThrowIfInvalid();
        var acknowledgement = await inbox.ReceiveAsync(link.Id, envelopes, context.CancellationToken);
        return new Proto.DeliverResponse { AcknowledgedSequence = acknowledgement.AcknowledgedSequence };
    }

    private static X509Certificate2 ClientCertificate(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        // Only the federation listener asks for client certificates; the node's other ports never have one.
        return http.Connection.ClientCertificate
            ?? throw new PermissionDeniedException("节点间接口只在联邦监听端口上以双向 TLS 提供");
    }

}
