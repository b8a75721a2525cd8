using Google.Protobuf;
using Platform.Contracts.Assessment.V1;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Reads a leader dossier a child sent up (platform.assessment.v1.Dossier as proto3 JSON, ADR 0023), one strict check for
/// the receiving edge and for assessment: it must parse, stay under <see cref="MaxChars"/>, and be the dossier of the
/// person the message names. A newer child's fields this node does not know are left out, not refused.
/// </summary>
public static class LeaderDossierJson
{
    /// <summary>Far more than a head's dossier over a whole term (reports, sessions, classes, exams); above it is not a dossier.</summary>
    public const int MaxChars = 1_000_000;

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithRecursionLimit(32));

    /// <summary>The dossier, or null with the reason it cannot be one.</summary>
    public static (Dossier? Dossier, string Reason) Read(string? json, Guid personId)
    {
        if (string.IsNullOrEmpty(json))
        {
            return (null, "the dossier is empty");
        }
        if (json.Length > MaxChars)
        {
            return (null, $"the dossier is {json.Length} characters long, above {MaxChars}");
        }
        Dossier dossier;
        try
        {
            dossier = Parser.Parse<Dossier>(json);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException or InvalidOperationException)
        {
            return (null, $"the dossier is not a platform.assessment.v1.Dossier: {e.Message}");
        }
        if (dossier.Person is null || !Guid.TryParse(dossier.Person.Id, out var id) || id != personId)
        {
            return (null, $"the dossier names person {dossier.Person?.Id}, not {personId}");
        }
        return (dossier, string.Empty);
    }
}
