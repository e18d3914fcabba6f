using System.Globalization;

namespace Practice.ClusterApi;

/// <summary>
/// Times as the Kubernetes API writes them. Virtual time 0 of every incident is <see cref="Epoch"/>,
/// so timestamps are stable from run to run.
/// </summary>
public static class KubeTime
{
    /// <summary>Virtual time 0 by default: 3 AM on the first of January 2026, UTC (what the CLI prints).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly AsyncLocal<DateTimeOffset?> Current = new();

    /// <summary>The wall-clock moment virtual time 0 is written as, for the objects built in this scope.</summary>
    /// <remarks>The web app places the incident's T at the moment of the request, so that the ages
    /// kubectl works out itself (<c>describe</c>, <c>-o yaml</c>) agree with the server's AGE column.</remarks>
    public static IDisposable StartingAt(DateTimeOffset epoch)
    {
        var previous = Current.Value;
        Current.Value = epoch;
        return new Restore(() => Current.Value = previous);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    private static DateTimeOffset Zero => Current.Value ?? Epoch;

    /// <summary>RFC 3339 to the second, as metadata timestamps are written: <c>2026-01-01T03:02:05Z</c>.</summary>
    public static string Timestamp(long atMs) =>
        Zero.AddMilliseconds(atMs - atMs % 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 with six fractional digits, as a Lease's <c>renewTime</c> (MicroTime) is written.</summary>
    public static string MicroTimestamp(long atMs) =>
        Zero.AddMilliseconds(atMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads a virtual time such as <c>3m</c>, <c>90s</c>, <c>2m30s</c> or <c>500ms</c> (the scenario files' grammar), at most a day.</summary>
    public static bool TryParseVirtual(string text, out long ms) =>
        Practice.Simulation.Text.Durations.TryParse(text, out ms) && ms <= 86_400_000;

    /// <summary>
    /// A length of time the way kubectl's AGE column shows it (apimachinery's <c>duration.HumanDuration</c>):
    /// whole seconds under 2 minutes (<c>45s</c>), minutes and seconds under 10 minutes (<c>5m1s</c>,
    /// <c>7m</c>), minutes under 3 hours, hours and minutes under 8 hours (<c>3h5m</c>), hours under 2
    /// days, days and hours under 8 days (<c>3d4h</c>), days under 2 years, then years.
    /// </summary>
    public static string Human(long ms)
    {
        var seconds = ms / 1000;
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 120)
        {
            return $"{seconds}s";
        }
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }
        if (minutes < 180)
        {
            return $"{minutes}m";
        }
        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }
        if (hours < 48)
        {
            return $"{hours}h";
        }
        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h";
        }
        if (days < 365 * 2)
        {
            return $"{days}d";
        }
        var years = days / 365;
        if (days < 365 * 8)
        {
            return days % 365 == 0 ? $"{years}y" : $"{years}y{days % 365}d";
        }
        return $"{years}y";
    }
}
