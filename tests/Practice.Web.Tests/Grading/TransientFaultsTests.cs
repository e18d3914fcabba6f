using Microsoft.Extensions.Logging;
using Npgsql;
using Practice.Testing;
using Practice.Web.Infrastructure;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// Which database failures pass by themselves, on real Postgres faults: a refused connection and
/// a server that ends the session (57P01, as a restart does) are retried; a statement's own error
/// is not, and keeps its stack trace.
/// </summary>
[Collection(DatabaseFaultsCollection.Name)]
public sealed class TransientFaultsTests
{
    [Fact]
    public async Task ARefusedConnectionIsTransient()
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=x;Timeout=3");

        var e = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());

        Assert.True(TransientFaults.IsTransient(e), e.ToString());
    }

    [Fact]
    public async Task ASessionTheServerEndsIsTransientAndAStatementsOwnErrorIsNot()
    {
        var connectionString = await TestDatabase.CreateAsync("practice_test_transient");
        await using var victim = new NpgsqlConnection(connectionString + ";Pooling=false");
        await victim.OpenAsync();
        var pid = victim.ProcessID;
        await using (var admin = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({pid})", admin);
            await kill.ExecuteScalarAsync();
        }

        var ended = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", victim);
            await command.ExecuteScalarAsync();
        });
        await using var fresh = new NpgsqlConnection(connectionString);
        await fresh.OpenAsync();
        var statement = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 1/0", fresh);
            await command.ExecuteScalarAsync();
        });

        Assert.True(TransientFaults.IsTransient(ended), ended.ToString());
        Assert.Contains("57P01", TransientFaults.Reason(ended), StringComparison.Ordinal);
        Assert.Equal("22012", statement.SqlState);
        Assert.False(TransientFaults.IsTransient(statement));
        // A file's failure is not the database's, however it is wrapped.
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException("import failed", new FileNotFoundException("content/x.md"))));
        Assert.False(TransientFaults.IsTransient(new EndOfStreamException()));
    }

    [Fact]
    public async Task RetryTriesATransientFaultAgainAndNotAStatementError()
    {
        var log = new ListLog();
        var logger = log.CreateLogger("Practice.Web.Grading.GradingService");
        var tries = 0;
        await Task.Delay(1100); // past the one-line-a-second window of a fault test that ran just before

        var value = await TransientFaults.RetryAsync(_ =>
        {
            tries++;
            return tries < 3 ? throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)) : Task.FromResult(42);
        }, "storing an attempt", TimeSpan.FromSeconds(10), TimeProvider.System, logger, CancellationToken.None);
        var statementTries = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => TransientFaults.RetryAsync<int>(_ =>
        {
            statementTries++;
            throw new InvalidOperationException("not a database fault");
        }, "storing an attempt", TimeSpan.FromSeconds(10), TimeProvider.System, logger, CancellationToken.None));

        Assert.Equal(42, value);
        Assert.Equal(3, tries);
        Assert.Equal(1, statementTries);
        // Two faults within a second: one line, no stack trace.
        var line = Assert.Single(log.Lines);
        Assert.StartsWith("Warning GradingService: Database unavailable while storing an attempt: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
    }
}

/// <summary>
/// The tests that make database faults share the process-wide log rate limit: they run one after
/// another, so one test's lines are not counted as another's.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DatabaseFaultsCollection
{
    public const string Name = "database faults";
}
