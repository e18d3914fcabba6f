using Practice.ClusterApi.Terminal;
using Practice.Simulation;
using Practice.Simulation.Model;
using Practice.Simulation.Probes;

namespace Practice.Web.Drawing;

/// <summary>A fault, recovery or action drawn as a vertical line across every panel.</summary>
public sealed record TimelineMarker(long AtMs, string Label, MarkerKind Kind);

public enum MarkerKind { Fault, Recovery, Action }

/// <summary>
/// The simulated timeline as server-rendered SVG on one shared time axis: Service success rate,
/// pods Running per node, node Ready, and API/etcd availability, with fault and action markers.
/// Everything is read through <see cref="IProbeSource"/>, the same view the grader uses.
/// </summary>
public static class TimelineCharts
{
    private const int Width = 960;
    private const int Left = 170;
    private const int Right = 20;
    private const int PlotWidth = Width - Left - Right;
    private const int Samples = 240;
    private const int MaxNodes = 12;

    /// <summary>What the run itself logged as faults, recoveries and actions (a learner's re-run includes its actions).</summary>
    public static IReadOnlyList<TimelineMarker> MarkersOf(Trace trace) =>
        trace.Markers.Select(e => new TimelineMarker(e.AtMs, e.Reason, e.Kind switch
        {
            TraceEventKinds.FaultInjected => MarkerKind.Fault,
            TraceEventKinds.FaultRecovered => MarkerKind.Recovery,
            _ => MarkerKind.Action,
        })).ToList();

    /// <param name="commands">What the learner typed in the incident console, drawn as a row of marks under the control plane (null: no console).</param>
    public static string Render(ScenarioSpec spec, Trace trace, string id = "timeline", string title = "Simulated timeline",
        IReadOnlyList<ConsoleLine>? commands = null)
    {
        var duration = Math.Max(1, trace.DurationMs);
        var step = Math.Max(1000, duration / Samples);
        var times = new List<long>();
        for (var t = 0L; t <= duration; t += step)
        {
            times.Add(t);
        }
        var services = spec.Cluster.Workloads.Where(w => w.Service is not null && w.Traffic > 0).Select(w => w.Service!).Distinct().ToList();
        // Per-node panels for the first nodes only: a chart of 5,000 lines says nothing and would
        // cost a query per node per sample. The title says how many are shown.
        var allNodes = spec.Cluster.Nodes.Select(n => n.Name).Where(trace.HasNode).ToList();
        var nodes = allNodes.Take(MaxNodes).ToList();
        var nodeNote = allNodes.Count > MaxNodes ? $" (first {MaxNodes} of {allNodes.Count} nodes)" : "";
        var workloads = spec.Cluster.Workloads.Select(w => w.Name).ToList();
        var markers = MarkersOf(trace);

        const int lineHeight = 110;
        const int rowHeight = 16;

        // Laid out as it is drawn: the height is known at the end.
        var svg = new Svg(Width, 0, id, title, Summary(spec, trace, services, markers, commands));
        double X(long t) => Left + PlotWidth * (double)t / duration;
        var top = 24.0;

        if (services.Count > 0)
        {
            top = Panel(svg, "Service success rate", top, lineHeight, "0%", "100%");
            for (var s = 0; s < services.Count; s++)
            {
                var service = services[s];
                var points = times.Select(t => (X(t), top + lineHeight * (1 - trace.Success(service, t, Math.Min(duration, t + step)))));
                svg.Polyline(points, $"series series-{s % 6}");
                svg.Text(Left - 8, top + 14 + s * 14, $"success({service})", $"legend series-text-{s % 6}", "end");
            }
            top += lineHeight + 34;
        }

        var maxPods = Math.Max(1, times.Max(t => nodes.Count == 0 ? 0 : nodes.Max(n => PodsRunning(trace, workloads, n, t))));
        top = Panel(svg, $"Pods Running per node, as the API reports{nodeNote}", top, lineHeight, "0", maxPods.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            var points = times.Select(t => (X(t), top + lineHeight * (1 - PodsRunning(trace, workloads, node, t) / (double)maxPods)));
            svg.Polyline(points, $"series series-{n % 6}");
            svg.Text(Left - 8, top + 14 + n * 14, node, $"legend series-text-{n % 6}", "end");
        }
        top += lineHeight + 34;

        top = Panel(svg, $"Node Ready{nodeNote}", top, nodes.Count * rowHeight + 10, null, null);
        for (var n = 0; n < nodes.Count; n++)
        {
            Bar(svg, nodes[n], top + 5 + n * rowHeight, times, step, duration, t => trace.NodeReady(nodes[n], t), X);
        }
        top += nodes.Count * rowHeight + 10 + 34;

        top = Panel(svg, "Control plane", top, 3 * rowHeight + 10, null, null);
        Bar(svg, "api.available", top + 5, times, step, duration, trace.ApiAvailable, X);
        Bar(svg, "api.writable", top + 5 + rowHeight, times, step, duration, trace.ApiWritable, X);
        Bar(svg, "etcd.quorum", top + 5 + 2 * rowHeight, times, step, duration, trace.EtcdQuorum, X);
        top += 3 * rowHeight + 10 + 20;

        if (commands is { Count: > 0 })
        {
            top = Panel(svg, "Your console commands (actions filled)", top + 14, rowHeight + 10, null, null);
            foreach (var line in commands)
            {
                var acted = line.Acted;
                svg.Rect(X(Math.Min(line.AtMs, duration)) - 3, top + 5, 6, 12, acted ? "command acted" : line.Failed ? "command failed" : "command",
                    $"{ClusterDiagram.Clock(line.AtMs)} {line.Prompt} {line.Command}", 1);
            }
            top += rowHeight + 10 + 20;
        }

        // Shared axis and markers across every panel.
        svg.Line(Left, top, Left + PlotWidth, top, "axis");
        var tick = duration <= 20 * 60_000 ? 60_000 : duration <= 120 * 60_000 ? 10 * 60_000 : 30 * 60_000;
        for (var t = 0L; t <= duration; t += tick)
        {
            svg.Line(X(t), top, X(t), top + 5, "axis").Text(X(t), top + 18, ClusterDiagram.Clock(t), "tick", "middle");
        }
        foreach (var marker in markers)
        {
            var cls = marker.Kind switch { MarkerKind.Fault => "marker fault", MarkerKind.Recovery => "marker recovery", _ => "marker action" };
            svg.Line(X(marker.AtMs), 20, X(marker.AtMs), top, cls);
            svg.Rect(X(marker.AtMs) - 5, 14, 10, 10, cls, $"{ClusterDiagram.Clock(marker.AtMs)} {marker.Label}", 5);
        }
        svg.Height = (int)top + 30; // the axis's tick labels
        return svg.ToString();
    }

    private static double Panel(Svg svg, string title, double top, int height, string? low, string? high)
    {
        svg.Text(Left, top + 14, title, "panel-title");
        var plotTop = top + 22;
        svg.Rect(Left, plotTop, PlotWidth, height, "plot", radius: 0);
        if (low is not null && high is not null)
        {
            svg.Text(Left + PlotWidth + 2, plotTop + height, low, "tick");
            svg.Text(Left + PlotWidth + 2, plotTop + 9, high, "tick");
        }
        return plotTop;
    }

    private static void Bar(Svg svg, string label, double y, List<long> times, long step, long duration, Func<long, bool> up, Func<long, double> x)
    {
        svg.Text(Left - 8, y + 11, label, "legend", "end");
        var runStart = 0L;
        var state = up(0);
        foreach (var t in times.Skip(1).Append(duration + 1))
        {
            var now = t > duration || up(t);
            if (t <= duration && now == state)
            {
                continue;
            }
            var end = Math.Min(t, duration);
            svg.Rect(x(runStart), y, Math.Max(1, x(end) - x(runStart)), 12, state ? "bar up" : "bar down",
                $"{label} {(state ? "true" : "false")} {ClusterDiagram.Clock(runStart)}–{ClusterDiagram.Clock(end)}", 0);
            (runStart, state) = (t, now);
        }
    }

    private static int PodsRunning(IProbeSource trace, List<string> workloads, string node, long t) =>
        workloads.Sum(w => trace.Pods(w, PodPhase.Running, new NodeFilter(node, true), t));

    private static string Summary(ScenarioSpec spec, IProbeSource trace, List<string> services, IReadOnlyList<TimelineMarker> markers, IReadOnlyList<ConsoleLine>? commands)
    {
        var parts = new List<string> { $"Timeline of {ClusterDiagram.Clock(trace.DurationMs)}." };
        parts.AddRange(markers.Select(m => $"At {ClusterDiagram.Clock(m.AtMs)}: {m.Label}."));
        if (commands is { Count: > 0 })
        {
            parts.Add($"You typed {commands.Count} console command{(commands.Count == 1 ? "" : "s")} from {ClusterDiagram.Clock(commands[0].AtMs)} to {ClusterDiagram.Clock(commands[^1].AtMs)}; the transcript lists them.");
        }
        parts.AddRange(services.Select(s => $"Overall success of {s}: {trace.Success(s, 0, trace.DurationMs):P1}."));
        return string.Join(" ", parts) + " The event log below lists every step as a table.";
    }
}
