using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RosterEntry = Platform.Assessment.Module.Domain.RosterEntry;

namespace Platform.Assessment.Module.Features.GenerateRoster;

/// <summary>
/// New roster entries in multi-row INSERTs of <see cref="RowsPerStatement"/> rows. Table, columns and
/// parameter types come from the model (each value converted as EF converts it on the provider), so
/// SQLite and PostgreSQL get the same statement. A person already on the campaign's roster (a run at
/// the same time) is skipped by the unique key (campaign, person), on both providers.
/// </summary>
internal static class RosterInserts
{
    /// <summary>17 parameters a row: 8,500 a statement, far below both providers' limits.</summary>
    private const int RowsPerStatement = 500;

    public static async Task<int> InsertAsync(AssessmentDbContext db, IReadOnlyList<RosterEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return 0;
        }
        var entity = db.Model.FindEntityType(typeof(RosterEntry))!;
        var created = entity.FindComplexProperty(nameof(RosterEntry.Created))!.ComplexType;
        IProperty Of(string name) => entity.FindProperty(name)!;
        // The columns a new entry sets; the report and review columns stay empty (NULL) until then.
        (IProperty Property, Func<RosterEntry, object?> Value)[] columns =
        [
            (Of(nameof(RosterEntry.Id)), e => e.Id),
            (Of(nameof(RosterEntry.CampaignId)), e => e.CampaignId),
            (Of(nameof(RosterEntry.PersonId)), e => e.PersonId),
            (Of(nameof(RosterEntry.PersonName)), e => e.PersonName),
            (Of(nameof(RosterEntry.UnitId)), e => e.UnitId),
            (Of(nameof(RosterEntry.PostKind)), e => e.PostKind),
            (Of(nameof(RosterEntry.Level)), e => e.Level),
            (Of(nameof(RosterEntry.Status)), e => e.Status),
            (Of(nameof(RosterEntry.Reason)), e => e.Reason),
            (Of(nameof(RosterEntry.Form)), e => e.Form),
            (Of(nameof(RosterEntry.Text)), e => e.Text),
            (Of(nameof(RosterEntry.ReviewComment)), e => e.ReviewComment),
            (Of(nameof(RosterEntry.PublicEvaluationRequired)), e => e.PublicEvaluationRequired),
            (Of(nameof(RosterEntry.PublicEvaluation)), e => e.PublicEvaluation),
            (created.FindProperty(nameof(Audit.UserId))!, e => e.Created.UserId),
            (created.FindProperty(nameof(Audit.At))!, e => e.Created.At),
            (created.FindProperty(nameof(Audit.NodeId))!, e => e.Created.NodeId),
        ];
        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = columns.Select(c => c.Property.GetRelationalTypeMapping()).ToArray();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(entity.GetTableName()!)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName())))}) VALUES ";
        var onConflict = $" ON CONFLICT ({sql.DelimitIdentifier(Of(nameof(RosterEntry.CampaignId)).GetColumnName())}, {sql.DelimitIdentifier(Of(nameof(RosterEntry.PersonId)).GetColumnName())}) DO NOTHING";

        await using var command = db.Database.GetDbConnection().CreateCommand();
        var added = 0;
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            var text = new StringBuilder(insert);
            var parameters = new List<object>(chunk.Length * columns.Length);
            for (var row = 0; row < chunk.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Length; column++)
                {
                    var name = $"p{row}_{column}";
                    text.Append(column == 0 ? "@" : ", @").Append(name);
                    parameters.Add(mappings[column].CreateParameter(command, name, columns[column].Value(chunk[row])));
                }
                text.Append(')');
            }
            text.Append(onConflict);
            added += await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
        return added;
    }
}
