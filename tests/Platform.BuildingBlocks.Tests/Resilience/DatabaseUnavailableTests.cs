using System.Net.Sockets;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Tests.Resilience;

/// <summary>
/// PostgreSQL away: however the provider wraps the failure, the caller gets Unavailable (HTTP
/// 503) with a message naming the database, not Internal "An internal error occurred".
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static NpgsqlException Refused() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static TheoryData<Exception> Wrapped() => new()
    {
        Refused(),
        // Npgsql's default execution strategy around a query.
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Refused()),
        // SaveChanges.
        new DbUpdateException("An error occurred while saving the entity changes.", Refused()),
        new InvalidOperationException("outer", new DbUpdateException("inner", Refused())),
    };

    [Theory]
    [MemberData(nameof(Wrapped))]
    public void Database_unreachable_is_unavailable_naming_the_database(Exception exception)
    {
        var error = ErrorClassifier.Classify(exception, callCancelled: false);

        Assert.Equal(StatusCode.Unavailable, error.Code);
        Assert.Equal(503, error.HttpStatus);
        Assert.Contains("database is unavailable", error.Message);
        Assert.True(error.Transient);
    }

    [Fact]
    public void A_plain_invalid_operation_stays_internal()
    {
        var error = ErrorClassifier.Classify(new InvalidOperationException("bug"), callCancelled: false);

        Assert.Equal(StatusCode.Internal, error.Code);
    }
}
