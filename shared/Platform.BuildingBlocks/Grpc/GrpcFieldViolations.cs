using Google.Rpc;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>A field violation on the wire (google.rpc.BadRequest): the English description, and the Chinese one as zh-CN localized_message.</summary>
public static class GrpcFieldViolations
{
    public const string ChineseLocale = "zh-CN";

    public static BadRequest.Types.FieldViolation ToProto(FieldViolation violation)
    {
        var proto = new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description };
        if (violation.Reason is { Length: > 0 } reason)
        {
            proto.Reason = reason;
        }
        if (violation.Chinese is { Length: > 0 } chinese)
        {
            proto.LocalizedMessage = new LocalizedMessage { Locale = ChineseLocale, Message = chinese };
        }
        return proto;
    }
}
