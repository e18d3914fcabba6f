using System.Net.Sockets;
using Npgsql;

namespace Practice.Web.Infrastructure;

/// <summary>
/// Database faults that pass by themselves (a restart, a failover, a refused connection) as
/// opposed to errors that will happen again: the first are retried for a bounded time and logged
/// as one line, rate-limited; the second keep their stack trace.
/// </summary>
public static class TransientFaults
{
    /// <summary>
    /// A fault of the database's availability, not of the statement: the server shutting down
    /// (57P01 admin, 57P02 crash), starting up (57P03), out of connections (53300), any
    /// connection exception (08xxx), or the socket refused, reset or timed out on the way.
    /// </summary>
    public static bool IsTransient(Exception? e) => e switch
    {
        null => false,
        PostgresException p => p.SqlState is "57P01" or "57P02" or "57P03" or "53300" || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || IsTransient(n.InnerException),
        // A stream that ends or fails counts only inside an NpgsqlException (above): alone, an
        // IOException is as likely a file's, which no waiting mends.
        SocketException or TimeoutException => true,
        // Npgsql's word for a connection a fault above already broke (Hangfire reuses its connection).
        InvalidOperationException { Source: "Npgsql", Message: "Connection is not open" } => true,
        _ => IsTransient(e.InnerException),
    };

    /// <summary>
    /// Runs <paramref name="step"/>, trying again while it fails transiently, for at most
    /// <paramref name="budget"/> (waits of 0.25 s doubling to 2 s); the last fault is thrown.
    /// The step must be safe to run twice: Submit is, by its idempotency key.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> step, string what, TimeSpan budget, TimeProvider clock, ILogger logger,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var wait = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step(cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && clock.GetElapsedTime(started) + wait <= budget)
            {
                Log(logger, e, what, $"try {attempt}, retrying in {wait.TotalSeconds:0.##} s");
            }
            await Task.Delay(wait, clock, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    private static long _lastLogged;
    private static int _quiet;

    /// <summary>
    /// One line for a transient fault (what failed, why, and what happens next), at most one a
    /// second across the process: the lines left out are counted in the next one.
    /// </summary>
    public static void Log(ILogger logger, Exception e, string what, string next)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogged);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _lastLogged, now, last) != last)
        {
            Interlocked.Increment(ref _quiet);
            return;
        }
        var quiet = Interlocked.Exchange(ref _quiet, 0);
        logger.LogWarning("Database unavailable while {What}: {Reason}; {Next}{Quiet}", what, Reason(e), next,
            quiet > 0 ? $" ({quiet} more such fault(s) since the last line, not logged)" : "");
    }

    /// <summary>The innermost message, which names the fault (57P01, connection refused).</summary>
    public static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is { } next && inner is not PostgresException)
        {
            inner = next;
        }
        return inner is PostgresException p ? $"{p.SqlState}: {p.MessageText}" : inner.Message;
    }
}
