using Npgsql;

namespace Practice.Web.Infrastructure;

/// <summary>Where the database is, and a plain-words answer when it cannot be reached.</summary>
public static class Database
{
    /// <summary><c>PRACTICE_DB</c> wins over <c>ConnectionStrings:Practice</c> from configuration.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        Environment.GetEnvironmentVariable("PRACTICE_DB") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration.GetConnectionString("Practice")
              ?? throw new StartupException("no database configured: set PRACTICE_DB or ConnectionStrings__Practice");

    /// <summary>
    /// The app's own statements are few and the same on every request (a submit sends the same
    /// inserts and updates each time): Npgsql prepares a statement once it has seen it twice, so
    /// PostgreSQL stops parsing and planning it anew. A value set in the connection string wins.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }
        return builder.ConnectionString;
    }

    /// <summary>"host:port/database" with no credentials, for messages.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>Opens one connection so that a wrong address fails at start with one clear line.</summary>
    public static async Task EnsureReachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"the database connection string is malformed: {e.Message}");
        }
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new StartupException($"cannot reach the database at {Describe(connectionString)}: {reason}");
        }
    }
}

/// <summary>A failure at start that the operator can fix; printed as one line, no stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);
