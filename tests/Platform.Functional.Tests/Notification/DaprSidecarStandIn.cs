using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Platform.Testing;

namespace Platform.Functional.Tests.Notification;

/// <summary>One call of the sidecar's API as the stand-in saw it.</summary>
public sealed record SidecarCall(string Method, string? ApiToken, IMessage Request);

/// <summary>
/// A stand-in for the Dapr sidecar: a small Kestrel app answering the part of the sidecar's API
/// the Dapr .NET client calls for output bindings and secrets (dapr.proto.runtime.v1.Dapr over
/// HTTP/2 without TLS, as a sidecar in the pod serves it), recording each call.
/// </summary>
public sealed class DaprSidecarStandIn : IAsyncDisposable
{
    private const string Service = "/dapr.proto.runtime.v1.Dapr/";
    private readonly WebApplication _app;

    public DaprSidecarStandIn()
    {
        Port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        // Not the node's appsettings.json of the test folder (its Kestrel endpoints): only the port below.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, o => o.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost(Service + "{method}", HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public ConcurrentQueue<SidecarCall> Calls { get; } = new();

    /// <summary>The secret stores: store name → secret name → key → value.</summary>
    public ConcurrentDictionary<string, Dictionary<string, Dictionary<string, string>>> SecretStores { get; } = new();

    /// <summary>The status of each binding call; OK unless the test says otherwise (Unavailable: the sidecar's binding failed).</summary>
    public Func<InvokeBindingRequest, StatusCode> Binding { get; set; } = _ => StatusCode.OK;

    public IEnumerable<InvokeBindingRequest> BindingCalls => Calls.Select(c => c.Request).OfType<InvokeBindingRequest>();

    private async Task HandleAsync(HttpContext context, string method)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        // gRPC framing: a compressed flag, a 4-byte big-endian length, the message.
        var payload = body.ToArray().AsSpan(5).ToArray();
        var token = context.Request.Headers["dapr-api-token"].FirstOrDefault();
        context.Response.ContentType = "application/grpc";
        (StatusCode Status, IMessage? Reply, string Detail) answer;
        switch (method)
        {
            case "InvokeBinding":
                var binding = InvokeBindingRequest.Parser.ParseFrom(payload);
                Calls.Enqueue(new SidecarCall(method, token, binding));
                var status = Binding(binding);
                answer = (status, status == StatusCode.OK ? new InvokeBindingResponse() : null, $"error invoking output binding {binding.Name}");
                break;
            case "GetSecret":
                var request = GetSecretRequest.Parser.ParseFrom(payload);
                Calls.Enqueue(new SidecarCall(method, token, request));
                if (!SecretStores.TryGetValue(request.StoreName, out var store))
                {
                    answer = (StatusCode.InvalidArgument, null, $"failed finding secret store with key {request.StoreName}");
                }
                else if (!store.TryGetValue(request.Key, out var secret))
                {
                    answer = (StatusCode.Internal, null, $"failed getting secret with key {request.Key} from secret store {request.StoreName}: secrets \"{request.Key}\" not found");
                }
                else
                {
                    var reply = new GetSecretResponse();
                    reply.Data.Add(secret);
                    answer = (StatusCode.OK, reply, string.Empty);
                }
                break;
            default:
                answer = (StatusCode.Unimplemented, null, $"the stand-in does not answer {method}");
                break;
        }
        if (answer.Reply is not null)
        {
            var bytes = answer.Reply.ToByteArray();
            var frame = new byte[5 + bytes.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
            bytes.CopyTo(frame, 5);
            await context.Response.Body.WriteAsync(frame);
        }
        context.Response.AppendTrailer("grpc-status", ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (answer.Detail.Length > 0)
        {
            context.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(answer.Detail));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
