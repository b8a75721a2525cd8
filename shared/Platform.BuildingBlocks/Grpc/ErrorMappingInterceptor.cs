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
/// bad field. Anything unexpected becomes Internal with no internals in the message.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
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

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ValidationException validation:
                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(validation.Violations.Select(v =>
                    new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
                return new Status
                {
                    Code = (int)Code.InvalidArgument,
                    Message = validation.Message,
                    Details = { Any.Pack(badRequest) },
                }.ToRpcException();
            case NotFoundException:
                return Simple(Code.NotFound, exception.Message);
            case AlreadyExistsException:
                return Simple(Code.AlreadyExists, exception.Message);
            case PreconditionFailedException:
                return Simple(Code.FailedPrecondition, exception.Message);
            case Calendar.CalendarYearNotLoadedException:
                return Simple(Code.FailedPrecondition, exception.Message);
            case PermissionDeniedException:
                return Simple(Code.PermissionDenied, exception.Message);
            case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
            case Npgsql.NpgsqlException { IsTransient: true }:
                // The database is busy or briefly unreachable: the caller may simply try again.
                LogTransient(logger, exception, context.Method);
                return Simple(Code.Unavailable, "The node is busy; try again in a moment.");
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return Simple(Code.Cancelled, "The call was cancelled.");
            default:
                LogUnexpected(logger, exception, context.Method);
                return Simple(Code.Internal, "An internal error occurred. It has been logged.");
        }
    }

    private static RpcException Simple(Code code, string message) =>
        new Status { Code = (int)code, Message = message }.ToRpcException();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient database error in {Method}")]
    private static partial void LogTransient(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
