using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// Marks an RPC that returns confidential material (findings, evidence, rectification items and
/// the ledger, documents and letters about them): each successful call is recorded as a read.
/// </summary>
/// <param name="entityType">What is read, e.g. "finding".</param>
/// <param name="idField">The request field that names it; empty for lists (the filters are recorded instead).</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AuditReadAttribute(string entityType, string idField = "") : Attribute
{
    public string EntityType { get; } = entityType;

    public string IdField { get; } = idField;
}

/// <summary>
/// Records reads marked with <see cref="AuditReadAttribute"/> in the store of the service that
/// answered, before the answer leaves: if the entry cannot be written, the caller gets no data.
/// The entries of concurrent reads of one store are committed together (<see cref="AuditReadWriter"/>).
/// </summary>
public sealed class AuditReadInterceptor : Interceptor
{
    /// <summary>The keyed service under which each module registers its store's context.</summary>
    public static string StoreKey(string service) => "audit-store:" + service;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var marker = Marker(context);
        var response = await continuation(request, context);
        if (marker is not null)
        {
            await RecordAsync(marker, request, context);
        }
        return response;
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var marker = Marker(context);
        if (marker is not null)
        {
            // A stream starts answering at once, so its read is recorded before the first message.
            await RecordAsync(marker, request, context);
        }
        await continuation(request, responseStream, context);
    }

    private static AuditReadAttribute? Marker(ServerCallContext context) =>
        context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<AuditReadAttribute>();

    private static async Task RecordAsync(AuditReadAttribute marker, object request, ServerCallContext context)
    {
        var service = ServiceOf(context.Method);
        var services = context.GetHttpContext().RequestServices;
        var recorder = services.GetRequiredService<AuditRecorder>();
        var (id, detail) = Describe(marker, request as IMessage);
        await services.GetRequiredKeyedService<AuditReadWriter>(StoreKey(service))
            .WriteAsync(recorder.NewEntry(service, "read", marker.EntityType, id, detail), context.CancellationToken);
    }

    /// <summary>"/platform.rectification.v1.RectificationService/GetItem" → "rectification".</summary>
    internal static string ServiceOf(string method)
    {
        var parts = method.TrimStart('/').Split('.');
        return parts.Length > 2 && parts[0] == "platform" ? parts[1] : throw new InvalidOperationException($"{method} is not a platform RPC.");
    }

    private static (string Id, string Detail) Describe(AuditReadAttribute marker, IMessage? request)
    {
        if (request is null)
        {
            return (string.Empty, string.Empty);
        }
        if (marker.IdField.Length > 0)
        {
            var field = request.Descriptor.FindFieldByName(marker.IdField)
                ?? throw new InvalidOperationException($"{request.Descriptor.FullName} has no field {marker.IdField}.");
            return (field.Accessor.GetValue(request)?.ToString() ?? string.Empty, string.Empty);
        }
        // Lists: the filters say what was asked for; requests carry ids and filters, not case text.
        return (string.Empty, JsonFormatter.Default.Format(request));
    }
}

public static class AuditReadEndpoints
{
    /// <summary>
    /// Records a successful call of a plain HTTP download of confidential material as a read,
    /// before the file is sent. <paramref name="idRouteValue"/> names the route value that identifies it.
    /// </summary>
    public static Microsoft.AspNetCore.Builder.RouteHandlerBuilder AuditRead(
        this Microsoft.AspNetCore.Builder.RouteHandlerBuilder endpoint, string service, string entityType, string? idRouteValue = null) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            var recorder = http.RequestServices.GetRequiredService<AuditRecorder>();
            var entry = recorder.NewEntry(service, "read", entityType, (idRouteValue is null ? null : http.GetRouteValue(idRouteValue)?.ToString()) ?? string.Empty, http.Request.QueryString.Value ?? string.Empty);
            await http.RequestServices.GetRequiredKeyedService<AuditReadWriter>(AuditReadInterceptor.StoreKey(service)).WriteAsync(entry, http.RequestAborted);
            return result;
        });
}
