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

    /// <summary>Connections the app's own pool opens at most, unless the connection string says.</summary>
    public const int AppPoolSize = 30;

    /// <summary>
    /// The app's connections (EF Core). Its statements are few and the same on every request (a
    /// submit sends the same inserts and updates each time): Npgsql prepares a statement once it
    /// has seen it twice, so PostgreSQL stops parsing and planning it anew. The pool is capped so
    /// that replicas and workers together stay under PostgreSQL's max_connections (100 by
    /// default): past the cap a request waits for a connection instead of being refused by the
    /// server. A connection going back to the pool is not reset: by default Npgsql sends seven
    /// statements (RESET ALL, DISCARD TEMP, UNLISTEN, …) before its next use, and a submit takes
    /// a connection from the pool three times; the app sets no session state to reset (its one
    /// advisory lock is transaction-scoped). Values set in the connection string win.
    /// </summary>
    public static string ForApp(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Sets(connectionString, "noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }
        if (!SetsPoolSize(connectionString))
        {
            builder.MaxPoolSize = AppPoolSize;
        }
        return builder.ConnectionString;
    }

    /// <summary>Hangfire's own pool: a connection per worker and a few for its schedulers and heartbeats, unless the connection string says.</summary>
    public static string ForJobs(string connectionString, int workers)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsPoolSize(connectionString))
        {
            builder.MaxPoolSize = workers + 10;
        }
        return builder.ConnectionString;
    }

    private static bool SetsPoolSize(string connectionString) => Sets(connectionString, "maxpoolsize", "maximumpoolsize");

    /// <summary>Whether the connection string names one of these keys (lower case, without spaces).</summary>
    private static bool Sets(string connectionString, params string[] keys) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => keys.Contains(k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()));

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
