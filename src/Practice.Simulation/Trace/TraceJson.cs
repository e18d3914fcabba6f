using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Practice.Simulation;

/// <summary>
/// The stored form of a <see cref="Trace"/>: events as arrays, series as flat
/// <c>[t0, v0, t1, v1, …]</c> arrays keyed by name in ordinal order, so the bytes are stable.
/// </summary>
internal static class TraceJson
{
    public const int FormatVersion = 1;

    public static string Write(Trace trace)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("format", FormatVersion);
            w.WriteString("id", trace.ScenarioId);
            w.WriteNumber("seed", trace.Seed);
            w.WriteString("kubernetes", trace.KubernetesVersion);
            w.WriteNumber("durationMs", trace.DurationMs);
            w.WriteNumber("eventsProcessed", trace.EventsProcessed);
            w.WriteStartArray("nodes");
            foreach (var n in trace.Nodes)
            {
                w.WriteStringValue(n);
            }
            w.WriteEndArray();
            w.WriteStartArray("workloads");
            foreach (var wl in trace.Workloads)
            {
                w.WriteStartArray();
                w.WriteStringValue(wl.Name);
                w.WriteStringValue(wl.Kind);
                if (wl.Service is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(wl.Service);
                }
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (var e in trace.Events)
            {
                w.WriteStartArray();
                w.WriteNumberValue(e.AtMs);
                w.WriteStringValue(e.Component);
                w.WriteStringValue(e.Kind);
                w.WriteStringValue(e.Subject);
                w.WriteStringValue(e.Reason);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartObject("series");
            foreach (var (key, s) in trace.SeriesInOrder())
            {
                w.WriteStartArray(key);
                var times = s.RawTimes;
                var values = s.RawValues;
                for (var i = 0; i < times.Length; i++)
                {
                    w.WriteNumberValue(times[i]);
                    w.WriteNumberValue(values[i]);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteStartArray("proxySnapshots");
            foreach (var snapshot in trace.ProxySnapshots)
            {
                w.WriteStartObject();
                foreach (var (service, count) in snapshot.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(service, count);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static Trace Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var format = root.GetProperty("format").GetInt32();
        if (format != FormatVersion)
        {
            throw new FormatException($"trace format {format} is not supported (expected {FormatVersion})");
        }
        var nodes = root.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToList();
        var workloads = root.GetProperty("workloads").EnumerateArray()
            .Select(w => new TraceWorkload(w[0].GetString()!, w[1].GetString()!, w[2].ValueKind == JsonValueKind.Null ? null : w[2].GetString()))
            .ToList();
        var events = new List<TraceEvent>();
        foreach (var e in root.GetProperty("events").EnumerateArray())
        {
            events.Add(new TraceEvent(e[0].GetInt64(), e[1].GetString()!, e[2].GetString()!, e[3].GetString()!, e[4].GetString()!));
        }
        var series = new Dictionary<string, TimeSeries>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("series").EnumerateObject())
        {
            var n = p.Value.GetArrayLength() / 2;
            var times = new long[n];
            var values = new long[n];
            var i = 0;
            var isTime = true;
            foreach (var v in p.Value.EnumerateArray())
            {
                if (isTime)
                {
                    times[i] = v.GetInt64();
                }
                else
                {
                    values[i++] = v.GetInt64();
                }
                isTime = !isTime;
            }
            series[p.Name] = new TimeSeries(times, values);
        }
        var snapshots = new List<IReadOnlyDictionary<string, int>>();
        foreach (var s in root.GetProperty("proxySnapshots").EnumerateArray())
        {
            snapshots.Add(s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal));
        }
        return new Trace(
            root.GetProperty("id").GetString()!,
            root.GetProperty("seed").GetInt32(),
            root.GetProperty("kubernetes").GetString()!,
            root.GetProperty("durationMs").GetInt64(),
            nodes,
            workloads,
            events,
            series,
            snapshots,
            root.GetProperty("eventsProcessed").GetInt64());
    }
}
