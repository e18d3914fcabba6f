using System.Text.Json;
using Practice.ClusterApi.Terminal;
using Practice.Content.Questions;
using Practice.Content.Scenarios;

namespace Practice.Web.Incidents;

/// <summary>
/// The incident console on a practice page. The page keeps only the command lines typed (a hidden
/// field); each "Run" and the final submit run them again from the start, which gives the same
/// transcript and the same actions every time (the console is deterministic). Actions answer the
/// scenario's runbook question.
/// </summary>
public static class ConsoleSession
{
    /// <summary>The hidden field with the command lines typed so far, one per line.</summary>
    public const string LinesField = "console.lines";

    /// <summary>The text box for the next command.</summary>
    public const string CommandField = "console.command";

    /// <summary>How many commands one console keeps.</summary>
    public const int MaxLines = 200;

    /// <summary>The console after the lines: its transcript, where it stands, and the runbook question its actions answer.</summary>
    public sealed record State(IncidentConsole Console, RunbookQuestion? Question, IReadOnlyList<string> Lines)
    {
        public string LinesText => string.Join("\n", Lines);

        /// <summary>The runbook answer the actions make; null when nothing was done.</summary>
        public string? Answer => Question is null || Console.Steps.Count == 0 ? null : Console.RunbookAnswer(Question.AtMs);
    }

    /// <summary>The runbook question a console answers: a scenario's only one, when it offers the console.</summary>
    public static RunbookQuestion? QuestionOf(Scenario scenario) =>
        scenario.Console ? scenario.Questions.OfType<RunbookQuestion>().FirstOrDefault() : null;

    /// <summary>What Tab completes in the console's script: the tools, their verbs and flags, this scenario's machines, units and workloads, and the pods and replica sets the API lists at the console's moment.</summary>
    public static string WordsJson(Scenario scenario, IncidentConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var words = new SortedSet<string>(StringComparer.Ordinal)
        {
            "kubectl", "ssh", "exit", "sleep", "help", "crictl", "systemctl", "journalctl", "etcdctl",
            "get", "describe", "logs", "--previous", "node", "pod", "cordon", "uncordon", "drain", "delete", "scale", "nodes", "pods", "deployments", "replicasets", "daemonsets",
            "statefulsets", "services", "endpointslices", "leases", "events", "wide", "--ignore-daemonsets", "--delete-emptydir-data",
            "--replicas=", "--field-selector", "spec.nodeName=", "--all-namespaces", "kube-system", "kube-node-lease",
            "ps", "status", "restart", "member", "list", "endpoint", "health", "snapshot", "restore", "--write-out=table",
            Simulation.ClusterView.ControlPlaneHost,
        };
        words.UnionWith(Simulation.ClusterView.NodeUnits.Select(u => u.Unit));
        words.UnionWith(Simulation.ClusterView.ControlPlaneUnits.Select(u => u.Unit));
        words.UnionWith(scenario.Spec.Cluster.Nodes.Select(n => n.Name));
        foreach (var w in scenario.Spec.Cluster.Workloads)
        {
            words.Add(w.Name);
            words.Add($"{(w.Kind == Simulation.Model.WorkloadKind.StatefulSet ? "statefulset" : "deployment")}/{w.Name}");
        }
        words.UnionWith(console.ObjectNames());
        return JsonSerializer.Serialize(words);
    }

    /// <summary>The command lines of the hidden field (blank ones dropped, at most <see cref="MaxLines"/>).</summary>
    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(MaxLines);

    /// <summary>Runs the lines from the console's first moment: the runbook question's, or the page's when there is none.</summary>
    public static State Replay(Scenario scenario, IReadOnlyList<string> lines)
    {
        var question = QuestionOf(scenario);
        var console = new IncidentConsole(scenario.Spec, question?.AtMs ?? scenario.PagedMs,
            question?.Choices.Select(c => new ConsoleChoice(c.Id, c.Action)).ToList());
        foreach (var line in lines)
        {
            console.Run(line);
        }
        return new State(console, question, lines);
    }

    /// <summary>The transcript as stored with the answer (its lines with their moments, prompts and output).</summary>
    public static string TranscriptJson(IncidentConsole console) =>
        JsonSerializer.Serialize(console.Transcript, Json);

    public static IReadOnlyList<ConsoleLine> ReadTranscript(string json) =>
        JsonSerializer.Deserialize<List<ConsoleLine>>(json, Json) ?? [];

    /// <summary>camelCase, as the data export writes everything else.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A transcript as the console's screen shows it (HTML-encoded, for a <c>pre</c>): each command
    /// after its moment and prompt, its output, then the prompt waiting at <paramref name="nowMs"/>
    /// (null: a finished transcript, no prompt).
    /// </summary>
    public static string ScreenHtml(IEnumerable<ConsoleLine> lines, long? nowMs, string prompt)
    {
        var html = new System.Text.StringBuilder();
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        foreach (var line in lines)
        {
            html.Append("<span class=\"console-prompt\">[").Append(Drawing.ClusterDiagram.Clock(line.AtMs)).Append("] ").Append(encode.Encode(line.Prompt))
                .Append("</span> ").Append(encode.Encode(line.Command)).Append('\n');
            if (line.Output.Length > 0)
            {
                html.Append("<span class=\"").Append(line.Failed ? "console-error" : "console-output").Append("\">").Append(encode.Encode(line.Output)).Append("</span>\n");
            }
        }
        if (nowMs is { } now)
        {
            html.Append("<span class=\"console-prompt\">[").Append(Drawing.ClusterDiagram.Clock(now)).Append("] ").Append(encode.Encode(prompt)).Append("</span>");
        }
        return html.ToString();
    }
}
