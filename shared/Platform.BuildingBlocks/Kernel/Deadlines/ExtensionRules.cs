using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Kernel.Deadlines;

/// <summary>Where an extension request stands. Stored by name.</summary>
public enum ExtensionStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>The statuses as they are written on the wire (list filters).</summary>
public static class ExtensionStatuses
{
    public static readonly IReadOnlyDictionary<string, ExtensionStatus> ByWireName =
        new Dictionary<string, ExtensionStatus>(StringComparer.OrdinalIgnoreCase)
        {
            ["pending"] = ExtensionStatus.Pending,
            ["approved"] = ExtensionStatus.Approved,
            ["refused"] = ExtensionStatus.Refused,
        };
}

/// <summary>
/// The rules every extension request (延期申请) follows, whatever it extends: it is filed before
/// the deadline (苏政办发〔2014〕94号: 期限内不能办结的，提前报告), it asks for a later date, and the office
/// decides it once.
/// </summary>
public static class ExtensionRules
{
    public static void CheckRequest(DateOnly currentDeadline, DateOnly requestedDeadline, DateOnly today)
    {
        if (today > currentDeadline)
        {
            throw new PreconditionFailedException(
                $"An extension must be requested before the deadline ({currentDeadline:yyyy-MM-dd}); it has passed.");
        }
        if (requestedDeadline <= currentDeadline)
        {
            throw new ValidationException("requested_deadline", $"must be after the current deadline {currentDeadline:yyyy-MM-dd}");
        }
    }

    /// <summary>
    /// Reads a decision: the request it decides and the office's note, which a refusal must
    /// give (the unit is told why). Throws naming each bad field.
    /// </summary>
    public static (Guid ExtensionId, string Note) ReadDecision(string extensionId, bool approve, string? note)
    {
        var validator = new RequestValidator();
        var id = validator.Id("extension_id", extensionId);
        var text = validator.Optional("note", note, 2000) ?? string.Empty;
        if (!approve && text.Length == 0)
        {
            validator.Add("note", "must say why the request is refused");
        }
        validator.ThrowIfInvalid();
        return (id, text);
    }

    /// <summary>
    /// A date the office grants instead of the one asked for, read only with an approval: it must lie after the current
    /// deadline (an extension extends) and not in the past. Null when none is given (the requested date is granted).
    /// </summary>
    public static DateOnly? ReadGrant(string? grantedDeadline, bool approve, DateOnly currentDeadline, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(grantedDeadline))
        {
            return null;
        }
        var validator = new RequestValidator();
        var granted = validator.Date("granted_deadline", grantedDeadline);
        if (validator.IsValid && !approve)
        {
            validator.Add("granted_deadline", "may be given only when approving the request");
        }
        else if (validator.IsValid && granted <= currentDeadline)
        {
            validator.Add("granted_deadline", $"must be after the current deadline {currentDeadline:yyyy-MM-dd}");
        }
        else if (validator.IsValid && granted < today)
        {
            validator.Add("granted_deadline", $"must not be in the past, got {granted:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();
        return granted;
    }

    public static void CheckUndecided(ExtensionStatus status)
    {
        if (status != ExtensionStatus.Pending)
        {
            throw new PreconditionFailedException(
                $"The extension request is already {status.ToString().ToLowerInvariant()}; only a pending request can be decided.");
        }
    }
}
