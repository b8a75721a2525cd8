using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Errors;
using Status = Google.Rpc.Status;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>
/// Turns the platform's exceptions into gRPC statuses (and, through JSON transcoding,
/// into HTTP statuses). Validation errors carry a google.rpc.BadRequest that lists each
/// bad field. Every request first meets <see cref="RequestRules"/> (names, free text, list sizes).
/// Anything unexpected becomes Internal with no internals in the message.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            CheckRules(request);
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            CheckRules(request);
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    /// <summary>The rules of every request (names, free text, list sizes), before the method runs, so each bad field is named the usual way.</summary>
    private static void CheckRules(object request)
    {
        if (request is Google.Protobuf.IMessage message)
        {
            RequestRules.ThrowIfBroken(message);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        var error = ErrorClassifier.Classify(exception, context.CancellationToken.IsCancellationRequested);
        if (error.Transient)
        {
            LogTransient(logger, exception, context.Method);
            // A response header for gRPC callers and, through transcoding, the 503's Retry-After.
            if (context.GetHttpContext() is { } http && !http.Response.HasStarted)
            {
                http.Response.Headers.RetryAfter = ErrorClassifier.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (error.Unexpected)
        {
            LogUnexpected(logger, exception, context.Method);
        }
        var status = new Status { Code = (int)error.Code, Message = error.Message };
        if (error.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(error.Violations.Select(v =>
                GrpcFieldViolations.ToProto(v)));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status.ToRpcException();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database busy or unavailable in {Method}; answered Unavailable")]
    private static partial void LogTransient(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
