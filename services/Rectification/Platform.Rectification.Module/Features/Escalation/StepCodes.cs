namespace Platform.Rectification.Module.Features.Escalation;

/// <summary>The ladder's step codes as a lookup for RequestValidator.OneOf, shared by the handlers that take a step.</summary>
internal static class StepCodes
{
    public static readonly IReadOnlyDictionary<string, string> ByCode =
        LadderSteps.Codes.ToDictionary(c => c, c => c, StringComparer.Ordinal);
}
