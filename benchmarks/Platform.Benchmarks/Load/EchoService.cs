using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Platform.Benchmarks.Load;

/// <summary>
/// The echo's one method, bound by hand over a well-known message: protos are compiled in
/// Platform.Contracts only, and the baseline must not be a contract of the platform.
/// </summary>
public static class EchoService
{
    private static readonly Marshaller<StringValue> Marshaller =
        Marshallers.Create(m => m.ToByteArray(), StringValue.Parser.ParseFrom);

    public static readonly Method<StringValue, StringValue> Echo =
        new(MethodType.Unary, "platform.benchmarks.v1.EchoService", "Echo", Marshaller, Marshaller);

    public static AsyncUnaryCall<StringValue> CallAsync(CallInvoker invoker, StringValue message, DateTime? deadline = null) =>
        invoker.AsyncUnaryCall(Echo, null, new CallOptions(deadline: deadline), message);
}

/// <summary>The server side: answers with what it was sent.</summary>
[BindServiceMethod(typeof(EchoHandler), nameof(Bind))]
public class EchoHandler
{
    // ASP.NET Core binds with no instance, then finds the handler as a virtual method named after the RPC
    // ("Echo") and declared on the bound type.
    public static void Bind(ServiceBinderBase binder, EchoHandler? handler) =>
        binder.AddMethod(EchoService.Echo, handler is null ? null : handler.Echo);

    public virtual Task<StringValue> Echo(StringValue request, ServerCallContext context) => Task.FromResult(request);
}
