using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>
/// 文号 sequences per (office, year, kind prefix). One upsert statement increments and returns
/// the number, so two replicas issuing at once get different numbers. A number taken by a
/// document whose transaction then fails is not reused: a gap is acceptable, a duplicate is not.
/// </summary>
public sealed class DocumentNumbers(NotificationDbContext db)
{
    public async Task<int> NextAsync(string office, int year, string prefix, CancellationToken cancellationToken)
    {
        // The same SQL on PostgreSQL and SQLite (3.35+): both know ON CONFLICT and RETURNING.
        const string sql =
            "INSERT INTO document_sequences (office, year, prefix, last_number) VALUES (@office, @year, @prefix, 1) " +
            "ON CONFLICT (office, year, prefix) DO UPDATE SET last_number = document_sequences.last_number + 1 " +
            "RETURNING last_number";
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddParameter(command, "@office", office);
            AddParameter(command, "@year", year);
            AddParameter(command, "@prefix", prefix);
            var result = await command.ExecuteScalarAsync(cancellationToken);
            return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
