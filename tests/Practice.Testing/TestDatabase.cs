using Npgsql;

namespace Practice.Testing;

/// <summary>
/// A database of its own for one test assembly, on the private test Postgres that
/// <c>./practice test</c> starts and names in <c>PRACTICE_TEST_DB</c>. Dropped and created anew
/// at the start of each run, so no run sees another's rows.
/// </summary>
public static class TestDatabase
{
    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("PRACTICE_TEST_DB") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PRACTICE_TEST_DB is not set: run the tests with ./practice test, which starts a private test Postgres");

    public static string ConnectionStringFor(string name) =>
        new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = name }.ConnectionString;

    /// <summary>Creates (or recreates) the database <paramref name="name"/> and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string name)
    {
        var baseBuilder = new NpgsqlConnectionStringBuilder(BaseConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(baseBuilder.ConnectionString) { Database = baseBuilder.Database, Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Pooled connections to the dropped database are dead now; never hand one out again.
        NpgsqlConnection.ClearAllPools();
        return new NpgsqlConnectionStringBuilder(baseBuilder.ConnectionString) { Database = name }.ConnectionString;
    }
}
