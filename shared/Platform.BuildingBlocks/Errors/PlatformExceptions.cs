namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// One field of a request and what is wrong with it: <paramref name="Description"/> in English for
/// integrators, and, where a person meets it in the console, <paramref name="Chinese"/> (sent as the
/// violation's zh-CN <c>localized_message</c>) with a <paramref name="Reason"/> code.
/// </summary>
public sealed record FieldViolation(string Field, string Description, string? Reason = null, string? Chinese = null);

/// <summary>The request is malformed; maps to InvalidArgument with a BadRequest detail.</summary>
public sealed class ValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public ValidationException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }
}

/// <summary>The thing asked for does not exist on this node; maps to NotFound.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The thing to create already exists; maps to AlreadyExists.</summary>
public sealed class AlreadyExistsException(string message) : Exception(message);

/// <summary>The request is valid but the state does not allow it now; maps to FailedPrecondition.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>The caller is known but may not do this; maps to PermissionDenied.</summary>
public sealed class PermissionDeniedException(string message) : Exception(message);
