using Google.Protobuf;
using Google.Protobuf.Reflection;
using BadRequest = Google.Rpc.BadRequest;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>
/// Checks the JSON body of a transcoded gRPC call with <see cref="ProtoJsonBody"/> before transcoding reads it.
/// Transcoding alone answers "Request JSON payload is not correctly formatted." without saying where, and
/// silently drops fields the message does not have; here both become a 400 whose google.rpc.BadRequest names
/// the position or the field, in the same shape the error mapping gives every other bad request. The query string
/// is read the same way first (<see cref="ProtoQuery"/>): unknown parameters and values that do not fit are named.
/// </summary>
public sealed class JsonBodyGuardMiddleware(RequestDelegate next)
{
    private static readonly JsonFormatter StatusFormatter =
        new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor)));

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (metadata is not null && context.Request.Query.Count > 0
            && ProtoQuery.Check(context.Request.Query, metadata.MethodDescriptor.InputType, metadata.HttpRule.Body) is { Count: > 0 } queryViolations)
        {
            await WriteBadRequestAsync(context, queryViolations);
            return;
        }
        var bodyType = metadata is null ? null : BodyTypeOf(metadata);
        if (bodyType is null || !HasJsonBody(context.Request))
        {
            await next(context);
            return;
        }
        IReadOnlyList<FieldViolation> violations;
        byte[] body = [];
        try
        {
            body = await ProtoJsonBody.ReadBoundedAsync(context.Request.Body, context.RequestAborted);
            violations = ProtoJsonBody.Check(body, bodyType);
        }
        catch (ValidationException ex)
        {
            violations = ex.Violations;
        }
        if (violations.Count > 0)
        {
            await WriteBadRequestAsync(context, violations);
            return;
        }
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        await next(context);
    }

    /// <summary>The message the body stands for: the whole request for body "*", else the named field's message.</summary>
    private static MessageDescriptor? BodyTypeOf(GrpcJsonTranscodingMetadata metadata)
    {
        var body = metadata.HttpRule.Body;
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }
        var input = metadata.MethodDescriptor.InputType;
        if (body == "*")
        {
            return input;
        }
        var field = input.FindFieldByName(body);
        return field is { FieldType: FieldType.Message, IsRepeated: false } ? field.MessageType : null;
    }

    private static bool HasJsonBody(HttpRequest request) =>
        request.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static Task WriteBadRequestAsync(HttpContext context, IReadOnlyList<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => GrpcFieldViolations.ToProto(v)));
        var status = new Google.Rpc.Status
        {
            Code = (int)Google.Rpc.Code.InvalidArgument,
            Message = string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(StatusFormatter.Format(status), context.RequestAborted);
    }
}
