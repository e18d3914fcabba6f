using Practice.ClusterApi.Terminal;
using Practice.Content.Grading;
using Practice.Content.Questions;
using Practice.Content.Scenarios;
using Practice.Simulation;
using Practice.Simulation.Model;

namespace Practice.Content.Tests.Console;

/// <summary>
/// The incident console: what an operator types, what it prints, and what a runbook answered in it
/// is graded as.
/// </summary>
public sealed class IncidentConsoleTests
{
    private static string ContentDirectory => Path.Combine(Fixture.RepositoryRoot(), "content");

    private static readonly Lazy<IReadOnlyList<Scenario>> Course = new(() =>
        ContentLoader.Load(ContentDirectory, new ContentLoadOptions { RunScenarios = false }).Scenarios);

    private static Scenario Load(string id) => Course.Value.Single(s => s.Id == id);

    private static IncidentConsole ConsoleFor(Scenario scenario, RunbookQuestion question) =>
        new(scenario.Spec, question.AtMs, [.. question.Choices.Select(c => new ConsoleChoice(c.Id, c.Action))]);

    /// <summary>
    /// The commands an operator types to take <paramref name="action"/> at <paramref name="atMs"/>,
    /// written from kubectl's and the machines' own usage (not from the console's code): reach the
    /// machine first, let time pass to the moment, then type the command.
    /// </summary>
    private static void TypeAction(IncidentConsole console, Scenario scenario, IReadOnlyList<(string Id, ClusterAction Action, long AtMs)> done, ClusterAction action, long atMs)
    {
        string? host = action switch
        {
            RestartAction { Node: { } node } => node,
            RestartAction or RestoreEtcdAction => "control-plane",
            _ => null,
        };
        if (console.Host != host)
        {
            if (console.Host is not null)
            {
                console.Run("exit");
            }
            if (host is not null)
            {
                Assert.False(console.Run($"ssh {host}").Failed, $"ssh {host} at {console.Now}");
            }
        }
        if (atMs > console.Now)
        {
            console.Run($"sleep {(atMs - console.Now) / 1000}");
        }
        string Unit(Component c) => c switch
        {
            Component.ContainerRuntime => "containerd",
            _ => Components.NameOf(c),
        };
        var command = action switch
        {
            RestartAction r => $"systemctl restart {Unit(r.Component)}",
            RestoreEtcdAction => "etcdctl snapshot restore /var/lib/etcd-backup/snapshot.db --data-dir /var/lib/etcd-restored",
            CordonAction c => $"kubectl cordon {c.Node}",
            UncordonAction u => $"kubectl uncordon {u.Node}",
            DrainAction d => $"kubectl drain {d.Node} --ignore-daemonsets --delete-emptydir-data",
            ScaleAction s => $"kubectl scale deployment/{s.Workload} --replicas={s.Replicas}",
            DeletePodAction p => $"kubectl delete pod {PodOf(scenario, done, p, atMs)}",
            _ => throw new InvalidOperationException($"no command for {action}"),
        };
        var line = console.Run(command);
        Assert.False(line.Failed, $"{scenario.Id}: '{command}' at {line.AtMs} ms failed:\n{line.Output}");
    }

    /// <summary>A pod of the workload (on the node, if the action names one) as the API lists it then.</summary>
    private static string PodOf(Scenario scenario, IReadOnlyList<(string Id, ClusterAction Action, long AtMs)> done, DeletePodAction action, long atMs)
    {
        var spec = scenario.Spec with { Timeline = [.. scenario.Spec.Timeline, .. done.Select(d => (TimelineEntry)new ActionEntry(d.AtMs, d.Action))] };
        var view = Simulator.ViewAt(spec, atMs);
        return view.Pods.First(p => p.Workload == action.Workload && !p.Terminating && (action.Node is null || p.Node == action.Node)).Name;
    }

    public static TheoryData<string, string> RunbookQuestions()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in Course.Value)
        {
            foreach (var question in scenario.Questions.OfType<RunbookQuestion>())
            {
                data.Add(scenario.Id, question.Id);
            }
        }
        return data;
    }

    /// <summary>
    /// Every runbook question in the course: its model answer typed into the console (each action
    /// at its moment, or as soon after as typing allows) is read as the same choices at the same
    /// moments as the dropdowns would give, and grades exactly as those dropdown picks do.
    /// </summary>
    [Theory]
    [MemberData(nameof(RunbookQuestions))]
    public void ARunbookTypedInTheConsoleGradesAsTheSameDropdownPicks(string scenarioId, string questionId)
    {
        var scenario = Load(scenarioId);
        var question = scenario.Questions.OfType<RunbookQuestion>().Single(q => q.Id == questionId);
        Assert.True(question.Solution is not null, $"{scenarioId}/{questionId} has no solution to type");
        var console = ConsoleFor(scenario, question);
        var done = new List<(string Id, ClusterAction Action, long AtMs)>();
        foreach (var (choice, at) in question.Schedule(question.Solution!, scenario.Spec.DurationMs))
        {
            if (choice.Action is WaitAction)
            {
                continue; // a decoy that does nothing: the console lets time pass with sleep
            }
            TypeAction(console, scenario, done, choice.Action, at);
            done.Add((choice.Id, choice.Action, console.Transcript[^1].AtMs));
        }

        // The dropdown answer for the same picks at the same moments, written from the list kept here.
        var previous = question.AtMs;
        var dropdowns = string.Join(",", done.Select(d =>
        {
            var delay = d.AtMs - previous;
            previous = d.AtMs;
            return delay == 0 ? d.Id : $"{d.Id}@+{delay / 1000}s";
        }));
        Assert.Equal(dropdowns, console.RunbookAnswer(question.AtMs));

        var run = ScenarioGrader.Run(scenario);
        var typed = ScenarioGrader.Grade(run, question.Id, console.RunbookAnswer(question.AtMs));
        var picked = ScenarioGrader.Grade(run, question.Id, dropdowns);
        Assert.Equal(picked.Correct, typed.Correct);
        Assert.Equal(picked.Explanations, typed.Explanations);
    }

    /// <summary>
    /// kubelet-down-one-node: the kubelet on node-2 stops. The API says its pods still run (only the
    /// kubelet changes a pod's phase); on node-2 itself, crictl lists the containers still running,
    /// systemctl says the kubelet failed, and restarting it is the runbook's choice.
    /// </summary>
    [Fact]
    public void OnTheNodeTheKubeletIsDownWhileItsContainersRun()
    {
        var scenario = Load("kubelet-down-one-node");
        var question = scenario.Questions.OfType<RunbookQuestion>().FirstOrDefault();
        var console = question is null ? new IncidentConsole(scenario.Spec, scenario.Spec.DurationMs / 2) : ConsoleFor(scenario, question);
        var node = scenario.Variant["node"] ?? "node-2";

        var nodes = console.Run("kubectl get nodes");
        Assert.Matches($@"{node}\s+NotReady", nodes.Output);
        var pods = console.Run($"kubectl get pods -o wide --field-selector spec.nodeName={node}");
        Assert.Contains("Running", pods.Output);

        Assert.False(console.Run($"ssh {node}").Failed);
        Assert.Equal($"root@{node}:~#", console.Prompt);
        var status = console.Run("systemctl status kubelet");
        Assert.True(status.Failed);
        Assert.Contains("Active: failed", status.Output);
        var containers = console.Run("crictl ps");
        Assert.Matches(@"^CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD\n", containers.Output);
        Assert.Contains("Running", containers.Output);
        Assert.Contains("kubelet on " + node + " is down", console.Run("journalctl -u kubelet -n 5").Output);
        console.Run("exit");
        Assert.Equal("$", console.Prompt);
    }

    /// <summary>
    /// The issue's second case: with the apiserver down, every kubectl command fails with the API's
    /// 503, while crictl on a node still lists the containers, which run on without it.
    /// </summary>
    [Fact]
    public void WithTheApiserverDownKubectlFailsWhileCrictlListsTheContainers()
    {
        var scenario = Course.Value.First(s => s.Spec.Timeline.OfType<FaultEntry>().Any(f => f.Fault is ComponentFault { Component: Component.KubeApiserver, Mode: FaultMode.Down, Node: null })
            && s.Spec.Cluster.Apiservers == 1);
        var fault = scenario.Spec.Timeline.OfType<FaultEntry>().First(f => f.Fault is ComponentFault { Component: Component.KubeApiserver });
        var console = new IncidentConsole(scenario.Spec, fault.AtMs + 10_000);

        foreach (var command in new[] { "kubectl get nodes", "kubectl get pods -o wide", "kubectl get events", "kubectl cordon node-1" })
        {
            var line = console.Run(command);
            Assert.True(line.Failed, $"{scenario.Id}: {command}");
            Assert.StartsWith("Error from server (ServiceUnavailable): the incident's apiserver does not answer", line.Output, StringComparison.Ordinal);
        }
        Assert.False(console.Run("ssh node-1").Failed);
        var containers = console.Run("crictl ps");
        Assert.False(containers.Failed, containers.Output);
        Assert.True(containers.Output.Split('\n').Length > 1, $"{scenario.Id}: crictl ps listed nothing:\n{containers.Output}");
    }

    /// <summary>
    /// The issue's first case: the controller-manager is down and a node loses power. Nobody marks
    /// the node NotReady or its pods not ready, so the API still says Running; ssh to the node fails.
    /// </summary>
    [Fact]
    public void WithTheControllerManagerDownAPoweredOffNodesPodsStillReadRunning()
    {
        var spec = Load("kubelet-down-one-node").Spec with
        {
            Timeline =
            [
                new FaultEntry(60_000, new ComponentFault(Component.KubeControllerManager, null)),
                new FaultEntry(90_000, new NodePowerOff("node-3")),
            ],
        };
        var console = new IncidentConsole(spec, 240_000);

        var pods = console.Run("kubectl get pods -o wide --field-selector spec.nodeName=node-3");
        Assert.False(pods.Failed, pods.Output);
        Assert.Contains("Running", pods.Output);
        Assert.DoesNotContain("Terminating", pods.Output);
        var ssh = console.Run("ssh node-3");
        Assert.True(ssh.Failed);
        Assert.Equal("ssh: connect to host node-3 port 22: No route to host", ssh.Output);
    }

    [Fact]
    public void TimePassesFiveSecondsACommandAndSleepLetsMorePass()
    {
        var scenario = Load("kubelet-down-one-node");
        var console = new IncidentConsole(scenario.Spec, 60_000);

        console.Run("kubectl get nodes");
        console.Run("sleep 30");
        console.Run("sleep 1m");
        console.Run("");
        Assert.Equal(60_000 + 5_000 + 30_000 + 60_000, console.Now);
        Assert.Equal([60_000L, 65_000, 95_000, 155_000], console.Transcript.Select(l => l.AtMs));
    }

    [Fact]
    public void AnActionTheRunbookDoesNotOfferChangesNothing()
    {
        var scenario = Course.Value.First(s => s.Questions.OfType<RunbookQuestion>().Any(q => !q.Choices.Any(c => c.Action is CordonAction { Node: "node-1" })));
        var question = scenario.Questions.OfType<RunbookQuestion>().First(q => !q.Choices.Any(c => c.Action is CordonAction { Node: "node-1" }));
        var console = ConsoleFor(scenario, question);

        var line = console.Run("kubectl cordon node-1");

        Assert.True(line.Failed);
        Assert.Contains("is not one of this runbook's actions", line.Output);
        Assert.Empty(console.Steps);
        Assert.Equal("", console.RunbookAnswer(question.AtMs));
    }

    [Theory]
    [InlineData("kubectl gte pods", "error: unknown command \"gte\" for \"kubectl\"")]
    [InlineData("kubectl get pods --colour", "error: unknown flag: --colour")]
    [InlineData("kubectl get frobs", "error: the server doesn't have a resource type \"frobs\"")]
    [InlineData("kubectl scale deployment/web", "error: required flag(s) \"replicas\" not set")]
    [InlineData("kubectl drain node-1 --now", "error: unknown flag: --now")]
    [InlineData("kubectl get pods -o foo", "Error: unable to match a printer suitable for the output format \"foo\", allowed formats are: custom-columns,")]
    [InlineData("kubectl get pods -o jsonpath={.items[0].metadata.name}", "practice: this console prints -o wide, yaml, json and name, not -o jsonpath")]
    [InlineData("frobnicate", "bash: frobnicate: command not found")]
    [InlineData("crictl ps", "bash: crictl: command not found")]
    [InlineData("etcdctl member list", "bash: etcdctl: command not found")]
    [InlineData("sleep soon", "sleep: invalid time interval 'soon'")]
    [InlineData("ssh node-9", "ssh: Could not resolve hostname node-9: Name or service not known")]
    [InlineData("echo \"unclosed", "bash: unexpected EOF while looking for matching `\"'")]
    [InlineData("kubectl get pods | grep web", "practice: this console runs one command at a time")]
    public void MistakesGetTheToolsOwnWords(string command, string expected)
    {
        var console = new IncidentConsole(Load("kubelet-down-one-node").Spec, 60_000);

        var line = console.Run(command);

        Assert.True(line.Failed);
        Assert.StartsWith(expected, line.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ALineOverAThousandCharactersIsRefused()
    {
        var console = new IncidentConsole(Load("kubelet-down-one-node").Spec, 60_000);

        var line = console.Run("kubectl get pods " + new string('x', 1000));

        Assert.True(line.Failed);
        Assert.Equal("practice: a command line is at most 1000 characters; this one has 1017", line.Output);
        Assert.Equal(60_000, console.Now);
    }

    /// <summary>1,000 command lines drawn from the console's words and some noise (seeded): each gets an answer, none an exception.</summary>
    [Fact]
    public void AThousandRandomCommandLinesGetAnswersNotExceptions()
    {
        var scenario = Course.Value.First(s => s.Questions.OfType<RunbookQuestion>().Any() && s.Spec.Cluster.SnapshotAtMs is not null);
        var question = scenario.Questions.OfType<RunbookQuestion>().First();
        var console = ConsoleFor(scenario, question);
        string[] words =
        [
            "kubectl", "get", "describe", "cordon", "uncordon", "drain", "delete", "scale", "pod", "pods", "nodes", "node-1", "node-2",
            "node-9", "deployment/web", "--replicas=3", "--replicas", "-1", "-o", "wide", "yaml", "-A", "-n", "kube-system", "-l",
            "app=web", "--field-selector", "spec.nodeName=node-2", "--ignore-daemonsets", "ssh", "exit", "control-plane", "crictl",
            "ps", "-a", "systemctl", "status", "restart", "kubelet", "containerd", "etcd", "journalctl", "-u", "-n", "20",
            "etcdctl", "member", "list", "endpoint", "snapshot", "restore", "sleep", "30", "2m", "sudo", "help", "'", "\"", "\\",
            "|", "$HOME", "événement", "", "web", "leases", "events", "99999999999999999999",
        ];
        var random = new Random(20261203);
        for (var i = 0; i < 1000; i++)
        {
            var line = string.Join(" ", Enumerable.Range(0, random.Next(0, 7)).Select(_ => words[random.Next(words.Length)]));
            if (random.Next(10) == 0)
            {
                line += new string((char)random.Next(32, 127), random.Next(1, 40));
            }
            var answer = console.Run(line);
            Assert.NotNull(answer.Output);
            Assert.DoesNotContain("Exception", answer.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", answer.Output, StringComparison.Ordinal);
        }
        Assert.Equal(1000, console.Transcript.Count);
    }
}

/// <summary><c>./practice console</c>: the transcript with each command's moment and prompt, and the runbook answer.</summary>
public sealed class ConsoleCliTests
{
    [Fact]
    public void TheCliPrintsTheTranscriptAndTheRunbookAnswerTheCommandsMake()
    {
        var file = Path.Combine(Fixture.RepositoryRoot(), "content", "scenarios", "container-runtime-down.md");
        var output = new StringWriter();
        var error = new StringWriter();

        // container-runtime-down: the runtime on node-2 stops; the runbook starts at 4m.
        var exit = Practice.Cli.CliApp.Run(["console", file, "--", "ssh node-2", "crictl ps", "sudo systemctl restart containerd", "exit"], output, error);

        var text = output.ToString();
        Assert.Equal("", error.ToString());
        Assert.Equal(Practice.Cli.CliApp.Failed, exit); // crictl ps failed: the runtime is down
        Assert.Contains("[4m00s] $ ssh node-2\n", text);
        Assert.Contains("[4m05s] root@node-2:~# crictl ps\nFATA[0000] validate service connection", text);
        Assert.Contains("[4m10s] root@node-2:~# sudo systemctl restart containerd\n", text);
        Assert.EndsWith("runbook answer (fix): runtime@+10s\n", text);
    }

    [Fact]
    public void AnUnknownQuestionIsNamedWithTheOnesThereAre()
    {
        var file = Path.Combine(Fixture.RepositoryRoot(), "content", "scenarios", "container-runtime-down.md");
        var error = new StringWriter();

        var exit = Practice.Cli.CliApp.Run(["console", file, "--question", "nope", "--", "kubectl get nodes"], new StringWriter(), error);

        Assert.Equal(Practice.Cli.CliApp.Invalid, exit);
        Assert.Equal("practice: 'nope' is not a runbook question of container-runtime-down (runbook questions: fix)\n", error.ToString());
    }
}

/// <summary><c>kubectl describe</c> in the console: the API's view of one object with its events.</summary>
public sealed class ConsoleDescribeTests
{
    [Fact]
    public void DescribeShowsTheLostNodesUnknownConditionTaintsAndTheNodeControllersEvent()
    {
        var file = Path.Combine(Fixture.RepositoryRoot(), "content", "scenarios", "kubelet-down-one-node.md");
        var (scenario, _) = ContentLoader.LoadScenario(file, ContentLoader.FindCourseFor(file));
        var node = scenario!.Variant["node"] ?? "node-2";
        var console = new IncidentConsole(scenario.Spec, scenario.PagedMs);

        var described = console.Run($"kubectl describe node {node}");

        Assert.False(described.Failed, described.Output);
        Assert.StartsWith($"Name:               {node}\n", described.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  Ready   Unknown  .*NodeStatusUnknown\s+Kubelet stopped posting node status\.\n", described.Output);
        Assert.Contains("node.kubernetes.io/unreachable:NoSchedule", described.Output);
        Assert.Matches($@"\n  Normal  NodeNotReady  \d+s\s+node-controller\s+Node {node} status is now: NodeNotReady", described.Output);

        var missing = console.Run("kubectl describe pod nope");
        Assert.True(missing.Failed);
        Assert.Equal("Error from server (NotFound): pods \"nope\" not found", missing.Output);
    }

    [Fact]
    public void GetPrintsTheObjectsAsYamlJsonAndNames()
    {
        var file = Path.Combine(Fixture.RepositoryRoot(), "content", "scenarios", "kubelet-down-one-node.md");
        var (scenario, _) = ContentLoader.LoadScenario(file, ContentLoader.FindCourseFor(file));
        var node = scenario!.Variant["node"] ?? "node-2";
        var console = new IncidentConsole(scenario.Spec, scenario.PagedMs);

        var yaml = console.Run($"kubectl get node {node} -o yaml").Output;
        var json = console.Run($"kubectl get node {node} -ojson").Output;
        var names = console.Run("kubectl get nodes --output=name").Output;

        // The lost node as the node lifecycle controller left it: Ready Unknown, the unreachable taints.
        Assert.StartsWith("apiVersion: v1\nkind: Node\nmetadata:\n", yaml, StringComparison.Ordinal);
        Assert.Matches(@"\n  - lastHeartbeatTime: ""[0-9T:-]+Z""\n(    .*\n)*?    reason: NodeStatusUnknown\n    status: Unknown\n    type: Ready\n", yaml);
        Assert.Contains("  taints:\n  - effect: NoSchedule\n    key: node.kubernetes.io/unreachable\n", yaml);
        Assert.StartsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Node\",\n", json, StringComparison.Ordinal);
        Assert.Equal("node/node-1\nnode/node-2\nnode/node-3", names);
    }
}

/// <summary><c>kubectl logs</c> in the console: the apiserver asks the pod's kubelet for them.</summary>
public sealed class ConsoleLogsTests
{
    private static Scenarios.Scenario Load(string id)
    {
        var file = Path.Combine(Fixture.RepositoryRoot(), "content", "scenarios", $"{id}.md");
        var (scenario, _) = ContentLoader.LoadScenario(file, ContentLoader.FindCourseFor(file));
        return scenario!.AtSeed(0);
    }

    /// <summary>With its kubelet stopped, nothing answers the apiserver's call on port 10250: the real error.</summary>
    [Fact]
    public void ThePodsOnANodeWhoseKubeletIsDownHaveNoLogsToGive()
    {
        var scenario = Load("kubelet-down-one-node");
        var console = new IncidentConsole(scenario.Spec, scenario.PagedMs);
        var pods = console.Run("kubectl get pods -o wide --field-selector spec.nodeName=node-2").Output.Split('\n').Skip(1).Select(l => l.Split(' ')[0]).ToList();
        var healthy = console.Run("kubectl get pods -o wide --field-selector spec.nodeName=node-1").Output.Split('\n').Skip(1).Select(l => l.Split(' ')[0]).ToList();

        var lost = console.Run($"kubectl logs {pods[0]}");
        Assert.True(lost.Failed);
        Assert.Matches($@"^Error from server: Get ""https://10\.0\.0\.12:10250/containerLogs/default/{pods[0]}/web"": dial tcp 10\.0\.0\.12:10250: connect: connection refused$", lost.Output);

        var fine = console.Run($"kubectl logs {healthy[0]}");
        Assert.False(fine.Failed, fine.Output);
        Assert.EndsWith("listening on :8080", fine.Output, StringComparison.Ordinal);
    }

    /// <summary>A crash-looping container: --previous shows the run that exited, and its last words.</summary>
    [Fact]
    public void ACrashLoopingContainersPreviousRunEndsInItsExit()
    {
        var scenario = Load("crashloop-backoff");
        var console = new IncidentConsole(scenario.Spec, 120_000);
        var pod = console.Run("kubectl get pods").Output.Split('\n').Skip(1).Select(l => l.Split(' ')[0]).First(n => n.StartsWith("web-", StringComparison.Ordinal));

        var previous = console.Run($"kubectl logs {pod} --previous");

        Assert.False(previous.Failed, previous.Output);
        Assert.EndsWith("fatal: cannot load configuration: exiting with status 1", previous.Output, StringComparison.Ordinal);
        Assert.Equal("Error from server (NotFound): pods \"nope\" not found", console.Run("kubectl logs nope").Output);
    }
}
