using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Components.Authorization;
using AssessmentV1 = Platform.Contracts.Assessment.V1;
using FederationV1 = Platform.Contracts.Federation.V1;
using InspectionV1 = Platform.Contracts.Inspection.V1;
using NotificationV1 = Platform.Contracts.Notification.V1;
using PlanningV1 = Platform.Contracts.Planning.V1;
using RectificationV1 = Platform.Contracts.Rectification.V1;

namespace Platform.WebConsole.Api;

/// <summary>One channel per process to the node's own gRPC API.</summary>
public sealed class ApiChannel(string address) : IDisposable
{
    public GrpcChannel Channel { get; } = GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        // Report uploads carry files; the API's own limits decide what is too large.
        MaxSendMessageSize = 64 * 1024 * 1024,
        MaxReceiveMessageSize = 64 * 1024 * 1024,
    });

    public string Address => address;

    /// <summary>
    /// The same listener over HTTP/2 for the API's REST downloads (files, .docx, .xlsx), which
    /// gRPC does not offer for every file; cleartext HTTP/2 as the gRPC channel speaks it.
    /// </summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler())
    {
        BaseAddress = new Uri(address),
        DefaultRequestVersion = System.Net.HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public void Dispose()
    {
        Http.Dispose();
        Channel.Dispose();
    }
}

/// <summary>
/// The node's API as the signed-in person: every call carries the session's token, so the API's
/// own rules (roles, units, confidentiality) decide what the console can show or do.
/// </summary>
public sealed class NodeApi(AuthenticationStateProvider authentication, ApiChannel channel, Sessions.SessionTokens tokens)
{
    public PlanningV1.PlanningService.PlanningServiceClient Planning { get; } = new(channel.Channel);

    public NotificationV1.NotificationService.NotificationServiceClient Notification { get; } = new(channel.Channel);

    public InspectionV1.InspectionService.InspectionServiceClient Inspection { get; } = new(channel.Channel);

    public RectificationV1.RectificationService.RectificationServiceClient Rectification { get; } = new(channel.Channel);

    public AssessmentV1.AssessmentService.AssessmentServiceClient Assessment { get; } = new(channel.Channel);

    public AssessmentV1.DossierService.DossierServiceClient Dossier { get; } = new(channel.Channel);

    public AssessmentV1.EvaluationService.EvaluationServiceClient Evaluation { get; } = new(channel.Channel);

    public AssessmentV1.QualificationService.QualificationServiceClient Qualification { get; } = new(channel.Channel);

    /// <summary>The node's federation links (the node operator's): enrolment codes, approval, revocation.</summary>
    public FederationV1.FederationLinks.FederationLinksClient Links { get; } = new(channel.Channel);

    /// <summary>Call options with the person's bearer token.</summary>
    public async Task<CallOptions> AsUserAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        // None once the session ended: the API then answers Unauthenticated, and the page's session guard signs the person out.
        var token = await tokens.ForAsync(state.User, cancellationToken);
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add("authorization", "Bearer " + token);
        }
        return new CallOptions(headers, cancellationToken: cancellationToken);
    }
}

/// <summary>An API error as the console shows it: a message, and each bad field's description.</summary>
public sealed record ApiProblem(string Message, IReadOnlyDictionary<string, string> Fields)
{
    public const string SessionExpiredMessage = "登录已过期，请重新登录。";

    public static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>The description of a field, or of the first field under it (<c>attachments</c> finds <c>attachments[0].content</c>).</summary>
    public string? For(string field) =>
        Fields.TryGetValue(field, out var exact)
            ? exact
            : Fields.FirstOrDefault(f => f.Key.StartsWith(field + "[", StringComparison.Ordinal) || f.Key.StartsWith(field + ".", StringComparison.Ordinal)).Value;

    public static ApiProblem From(RpcException exception)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = exception.GetRpcStatus();
        var badRequest = status?.GetDetail<BadRequest>();
        foreach (var violation in badRequest?.FieldViolations ?? [])
        {
            // The API says in Chinese what a person meets (a refused upload); integrators read the English description,
            // which the console says in Chinese where it knows the validator's words.
            var text = violation.LocalizedMessage is { Locale: "zh-CN", Message.Length: > 0 } chinese ? chinese.Message : ApiText.Description(violation.Description);
            fields[violation.Field] = fields.TryGetValue(violation.Field, out var earlier)
                ? earlier + "；" + text
                : text;
        }
        var message = exception.StatusCode switch
        {
            StatusCode.Unauthenticated => SessionExpiredMessage,
            StatusCode.PermissionDenied => "无权进行此操作：" + ApiText.Description(exception.Status.Detail),
            StatusCode.InvalidArgument => fields.Count > 0 ? "请修改标出的内容。" : ApiText.Description(exception.Status.Detail),
            StatusCode.NotFound => "未找到：" + ApiText.Description(exception.Status.Detail),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => "服务暂不可用，请稍后再试。",
            _ => ApiText.Description(exception.Status.Detail),
        };
        return new ApiProblem(message, fields);
    }

    /// <summary>
    /// As <see cref="From(RpcException)"/>, but a refusal of the request as a whole that names no field (no passed
    /// exam for a credential, a number already issued) is shown next to the field the page names for its status.
    /// </summary>
    public static ApiProblem From(RpcException exception, params (StatusCode Status, string Field)[] refusals)
    {
        var problem = From(exception);
        if (problem.Fields.Count > 0)
        {
            return problem;
        }
        foreach (var (status, field) in refusals)
        {
            if (status == exception.StatusCode)
            {
                return new ApiProblem("请修改标出的内容。", new Dictionary<string, string>(StringComparer.Ordinal) { [field] = exception.Status.Detail });
            }
        }
        return problem;
    }

    public static ApiProblem Of(string message) => new(message, NoFields);

    /// <summary>The console's own checks (accounts, passwords), which meet the same validator as the API: each field's problems, in Chinese.</summary>
    public static ApiProblem From(Platform.BuildingBlocks.Errors.ValidationException exception) =>
        new("请修改标出的内容。", exception.Violations.GroupBy(v => v.Field, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => string.Join("；", g.Select(v => v.Chinese is { Length: > 0 } chinese ? chinese : ApiText.Description(v.Description))),
            StringComparer.Ordinal));
}
