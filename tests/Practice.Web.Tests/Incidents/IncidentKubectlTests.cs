using Practice.ClusterApi;

namespace Practice.Web.Tests.Incidents;

/// <summary>
/// The real kubectl (installed on this machine) against the incident API on a loopback port, with a
/// throwaway cache and an empty kubeconfig. Fixture kubelet-stops: the kubelet on node-2 stops at
/// 1m, and the learner is paged at 2m. Kubernetes marks a node NotReady when its lease is older
/// than the 50 s grace period, so by 2m node-2 is NotReady and its pods, still Running in the API
/// (only the kubelet changes a pod's phase), are not ready.
/// </summary>
public sealed class IncidentKubectlTests(IncidentAppFixture app) : IClassFixture<IncidentAppFixture>, IAsyncLifetime
{
    private readonly KubectlProcess _kubectl = new(app.ServerAddress);

    public Task InitializeAsync() => app.ImportAsync();

    public Task DisposeAsync()
    {
        _kubectl.Dispose();
        return Task.CompletedTask;
    }

    private Task<(int Exit, string Out, string Err)> KubectlAsync(string incident, params string[] args) => _kubectl.RunAsync(incident, args);

    private static List<string[]> Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    [Fact]
    public async Task GetNodesShowsTheNodeWhoseKubeletStoppedNotReadyAtThePage()
    {
        var (exit, output, error) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "nodes");

        Assert.True(exit == 0, error);
        var rows = Rows(output);
        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION"], rows[0]);
        Assert.Equal(["node-1 Ready", "node-2 NotReady", "node-3 Ready"], rows.Skip(1).Select(r => $"{r[0]} {r[1]}"));
        Assert.All(rows.Skip(1), r => Assert.Equal(("<none>", "2m", "v1.34.0"), (r[2], r[3], r[4])));
    }

    [Fact]
    public async Task WideShowsThePrintersWideColumns()
    {
        var (exit, output, error) = await KubectlAsync("kubelet-stops/0/at/30s", "get", "nodes", "-o", "wide");

        Assert.True(exit == 0, error);
        var header = output.Split('\n')[0];
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$", header);
        Assert.All(Rows(output).Skip(1), r => Assert.Equal("Ready", r[1]));
    }

    [Fact]
    public async Task PodsOnTheLostNodeStillReadRunningButNotReady()
    {
        var (exit, output, error) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "pods", "-o", "wide");

        Assert.True(exit == 0, error);
        var rows = Rows(output);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"], rows[0]);
        var pods = rows.Skip(1).ToList();
        Assert.Equal(6, pods.Count);
        Assert.All(pods, p => Assert.Equal("Running", p[2]));
        Assert.All(pods, p => Assert.Equal(p[6] == "node-2" ? "0/1" : "1/1", p[1]));
        Assert.Contains(pods, p => p[6] == "node-2");

        // The server applies the selectors: kubectl filters nothing.
        var (_, selected, selectError) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "pods", "-l", "app=web", "--field-selector", "spec.nodeName=node-2");
        Assert.Equal(pods.Where(p => p[6] == "node-2").Select(p => p[0]).Order(), Rows(selected).Skip(1).Select(r => r[0]).Order());
        Assert.Equal("", selectError);
        var (_, none, noneError) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "pods", "-l", "app=db");
        Assert.Equal("", none);
        Assert.Contains("No resources found in default namespace.", noneError);
    }

    [Fact]
    public async Task AllNamespacesAndYamlReadTheSameObjects()
    {
        var (exit, output, error) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "pods", "-A");
        Assert.True(exit == 0, error);
        var rows = Rows(output);
        Assert.Equal("NAMESPACE", rows[0][0]);
        Assert.All(rows.Skip(1), r => Assert.Equal("default", r[0]));

        var name = rows[1][1];
        var (yamlExit, yaml, yamlError) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "pod", name, "-o", "yaml");
        Assert.True(yamlExit == 0, yamlError);
        Assert.Contains("kind: Pod", yaml);
        Assert.Contains($"name: {name}", yaml);
        Assert.Contains("phase: Running", yaml);
    }

    [Fact]
    public async Task DeploymentsEndpointSlicesAndLeasesTellTheSameStory()
    {
        // Two of web's six pods are on node-2, which is NotReady at 2m: the Deployment counts them
        // unready, the EndpointSlice still lists them (not ready), and node-2's Lease stopped with its kubelet.
        var (exit, output, error) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "deployments");
        Assert.True(exit == 0, error);
        Assert.Equal(["web", "4/6", "6", "4", "2m"], Rows(output)[1]);

        var (_, slices, _) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "endpointslices", "-l", "kubernetes.io/service-name=web");
        Assert.Equal(["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], Rows(slices)[0]);
        Assert.EndsWith("+ 3 more... 2m", string.Join(' ', Rows(slices)[1]));

        var (_, leaders, _) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "leases", "-n", "kube-system");
        Assert.Equal(["kube-controller-manager kube-controller-manager-1", "kube-scheduler kube-scheduler-1"],
            Rows(leaders).Skip(1).Where(r => r[0] != "cloud-controller-manager").Select(r => $"{r[0]} {r[1]}"));

        // node-1 renews every 10 s up to 2m; node-2 stopped at 1m: at least 50 s between their renewTimes.
        var (_, renewed, renewError) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "lease", "node-2", "-n", "kube-node-lease", "-o", "jsonpath={.spec.renewTime}");
        var (_, other, _) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "lease", "node-1", "-n", "kube-node-lease", "-o", "jsonpath={.spec.renewTime}");
        var gap = DateTimeOffset.Parse(other, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(renewed, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(gap >= TimeSpan.FromSeconds(50), $"node-2 renewed at {renewed}, node-1 at {other} {renewError}");
    }

    /// <summary>
    /// node-2's kubelet stops at 1m; by 2m node-2 is NotReady and the pods on it are not ready:
    /// one of web's three, db-1 of the StatefulSet, and each DaemonSet's pod there (agent runs on
    /// all three nodes, cache only on the two ssd nodes, node-1 and node-2).
    /// </summary>
    [Fact]
    public async Task ReplicaSetsDaemonSetsAndStatefulSetsCountThePodsOnTheLostNodeUnready()
    {
        const string at = "workloads-kubelet-stops/0/at/2m";
        var (exit, output, error) = await KubectlAsync(at, "get", "replicasets");
        Assert.True(exit == 0, error);
        var rs = Rows(output);
        Assert.Equal(["NAME", "DESIRED", "CURRENT", "READY", "AGE"], rs[0]);
        Assert.Matches("^web-[a-z0-9]+$", rs[1][0]);
        Assert.Equal(["3", "3", "2", "2m"], rs[1][1..]);

        var (_, daemons, daemonError) = await KubectlAsync(at, "get", "daemonsets");
        Assert.Equal("", daemonError);
        Assert.Equal(
            [
                ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE"],
                ["agent", "3", "3", "2", "3", "2", "<none>", "2m"],
                ["cache", "2", "2", "1", "2", "1", "disk=ssd", "2m"],
            ],
            Rows(daemons));

        var (_, sets, _) = await KubectlAsync(at, "get", "statefulsets");
        Assert.Equal([["NAME", "READY", "AGE"], ["db", "2/3", "2m"]], Rows(sets));

        // Each pod names its controller: web's pods their ReplicaSet, the static pod its node.
        var (_, web, _) = await KubectlAsync(at, "get", "pods", "-l", "app=web", "-o", "name");
        var (_, described, _) = await KubectlAsync(at, "describe", web.Split('\n')[0]);
        Assert.Matches($@"Controlled By:\s+ReplicaSet/{rs[1][0]}\n", described);
        Assert.Matches(@"Labels:\s+app=web\n\s+pod-template-hash=", described);
        var (_, staticPod, _) = await KubectlAsync(at, "describe", "pod", "etcd-probe-node-1");
        Assert.Matches(@"Controlled By:\s+Node/node-1\n", staticPod);
        var (_, agents, _) = await KubectlAsync(at, "get", "pods", "-l", "app=agent", "-o", "jsonpath={.items[*].metadata.ownerReferences[0].kind}");
        Assert.Equal("DaemonSet DaemonSet DaemonSet", agents);
    }

    [Fact]
    public async Task EventsAndDescribeShowWhatTheControlPlaneSaw()
    {
        var (exit, events, error) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "events");
        Assert.True(exit == 0, error);
        var rows = Rows(events);
        Assert.Equal(["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows[0]);
        Assert.Contains(rows, r => r[2] == "NodeNotReady" && r[3] == "node/node-2");
        Assert.Equal(6, rows.Count(r => r[2] == "Scheduled"));

        // describe works out ages itself from the timestamps: T is placed at the moment of the request,
        // so node-2's NotReady event (about 50 s after 1m) is seconds old, not months.
        var (nodeExit, node, nodeError) = await KubectlAsync("kubelet-stops/0/at/2m", "describe", "node", "node-2");
        Assert.True(nodeExit == 0, nodeError);
        Assert.Matches(@"Ready\s+Unknown\s.*NodeStatusUnknown", node);
        Assert.Contains("node.kubernetes.io/unreachable:NoSchedule", node);
        Assert.Matches(@"Normal\s+NodeNotReady\s+\d+s\s+node-controller\s+Node node-2 status is now: NodeNotReady", node);
        var (_, onNode, _) = await KubectlAsync("kubelet-stops/0/at/2m", "get", "pods", "--field-selector", "spec.nodeName=node-2", "-o", "name");
        var pods = onNode.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"Non-terminated Pods:          ({pods.Length} in total)", node);

        var (podExit, pod, podError) = await KubectlAsync("kubelet-stops/0/at/2m", "describe", pods[0]);
        Assert.True(podExit == 0, podError);
        Assert.Matches(@"Node:\s+node-2/", pod);
        Assert.Matches(@"Status:\s+Running", pod);
        Assert.Matches(@"Ready:\s+False", pod);
        Assert.Matches(@"Normal\s+Scheduled\s+(\d+s|2m)\s+default-scheduler\s+Successfully assigned default/", pod);
        Assert.Contains("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s", pod);
    }

    [Theory]
    [InlineData("get", "pods")]
    [InlineData("get", "nodes")]
    [InlineData("get", "events")]
    [InlineData("get", "deployments")]
    [InlineData("get", "leases", "-A")]
    [InlineData("get", "nodes", "-o", "wide")]
    [InlineData("get", "pods", "-A")]
    [InlineData("get", "pods", "-l", "app=web")]
    [InlineData("get", "pods", "--field-selector", "spec.nodeName=node-1")]
    [InlineData("get", "endpointslices")]
    [InlineData("get", "leases", "-n", "kube-system")]
    [InlineData("describe", "node", "node-1")]
    [InlineData("describe", "pod", "web-any")]
    [InlineData("get", "pod", "web-any", "-o", "yaml")]
    [InlineData("get", "pods", "-o", "wide")]
    [InlineData("get", "replicasets")]
    [InlineData("get", "daemonsets", "-o", "wide")]
    [InlineData("get", "statefulsets")]
    public async Task WithTheApiserverDownKubectlSaysServiceUnavailableNamingTheFault(params string[] command)
    {
        var (exit, output, error) = await KubectlAsync("apiserver-stops/0/at/1m30s", command);

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("Error from server (ServiceUnavailable): the incident's apiserver does not answer at 1m30s: no kube-apiserver replica is running", error);
    }

    /// <summary>
    /// With two of three etcd members down the apiserver still runs, but a read waits for a quorum
    /// read etcd's minority cannot give, and etcd's request timeout (7 s) ends it: kube-apiserver
    /// answers 500 with etcd's words and no reason, so kubectl says "Error from server: …".
    /// </summary>
    [Fact]
    public async Task WithoutEtcdQuorumReadsTimeOutWithEtcdsError()
    {
        var (exit, output, error) = await KubectlAsync("etcd-quorum-lost/0/at/1m30s", "get", "pods");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Equal("Error from server: etcdserver: request timed out", error.Trim());

        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        using var late = await http.GetAsync("/incidents/etcd-quorum-lost/0/at/1m30s/api/v1/nodes");
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, late.StatusCode);
        Assert.Equal("0m07s", late.Headers.GetValues("Practice-Simulated-Delay").Single());

        // Before the fault, the same call answers.
        var (beforeExit, before, beforeError) = await KubectlAsync("etcd-quorum-lost/0/at/50s", "get", "pods");
        Assert.True(beforeExit == 0, beforeError);
        Assert.Equal(3, Rows(before).Count);
    }

    [Fact]
    public async Task ASlowApiserverAnswersLateAndPastItsRequestTimeoutWith504()
    {
        // 2 s slower: the answer comes, marked with the delay the incident adds.
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        using var late = await http.GetAsync("/incidents/apiserver-slow/0/at/1m10s/api/v1/nodes");
        Assert.Equal(System.Net.HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("0m02s", late.Headers.GetValues("Practice-Simulated-Delay").Single());

        // 90 s slower, past kube-apiserver's one-minute request timeout: kubectl prints the Timeout Status.
        var (exit, _, error) = await KubectlAsync("apiserver-slow/0/at/1m40s", "get", "pods");
        Assert.NotEqual(0, exit);
        Assert.Contains("Error from server (Timeout): Timeout: request did not complete within requested timeout - context deadline exceeded", error);
    }

    [Fact]
    public async Task TimesAfterThePageAreRefusedWithoutSpoilers()
    {
        var (exit, _, error) = await KubectlAsync("kubelet-stops/0/at/5m", "get", "pods");

        Assert.NotEqual(0, exit);
        Assert.Contains("Error from server (Forbidden): this incident's API serves times up to 2m00s, when you are paged, not 5m00s: no spoilers", error);

        // A scenario that says when the learner is paged (paged: 4m) serves up to then.
        var (pagedExit, _, pagedError) = await KubectlAsync("apiserver-slow/0/at/4m", "get", "nodes");
        Assert.NotEqual(0, pagedExit);
        Assert.Contains("Error from server (Timeout)", pagedError);
        var (laterExit, _, laterError) = await KubectlAsync("apiserver-slow/0/at/4m1s", "get", "nodes");
        Assert.NotEqual(0, laterExit);
        Assert.Contains("serves times up to 4m00s, when you are paged", laterError);
    }

    /// <summary>
    /// kubectl carries no sign-in, so the practice page offers the address up to the page (2m here),
    /// and once the learner has answered their result page offers one under the attempt's id that
    /// serves the variant they answered at every time of the incident: node-2 is still NotReady at
    /// 5m (its kubelet never returns), and the incident ends at 10m.
    /// </summary>
    [Fact]
    public async Task AfterAnsweringTheResultPageGivesAnAddressForEveryTimeOfTheIncident()
    {
        // A browser on the loopback port: its own cookies, no redirects followed.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = app.ServerAddress };
        var practice = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/practice/kubelet-stops"));
        Assert.Contains($"kubectl --server {app.ServerAddress.GetLeftPart(UriPartial.Authority)}/incidents/kubelet-stops/0/at/2m get pods -o wide", practice);

        var submitted = await (await PageForm.OpenAsync(browser, "kubelet-stops")).Set("q.side", "data").SubmitAsync();
        var id = PageForm.AttemptIdOf(submitted);
        var address = $"/incidents/attempts/{id}/at/2m get pods -o wide";
        string result = "";
        // A bound on waiting, not a speed claim: the fixture scenario is graded inline.
        for (var i = 0; i < 200 && !result.Contains(address, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            result = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/practice/attempts/{id}"));
        }
        Assert.Contains(address, result);

        var (exit, output, error) = await KubectlAsync($"attempts/{id}/at/5m", "get", "nodes");
        Assert.True(exit == 0, error);
        Assert.Equal(["node-1 Ready", "node-2 NotReady", "node-3 Ready"], Rows(output).Skip(1).Select(r => $"{r[0]} {r[1]}"));
        Assert.All(Rows(output).Skip(1), r => Assert.Equal("5m", r[3]));

        var (_, _, late) = await KubectlAsync($"attempts/{id}/at/10m1s", "get", "nodes");
        Assert.Contains("Error from server (Forbidden): this incident runs to 10m00s, not 10m01s", late);
        var unknown = Guid.NewGuid();
        var (_, _, missing) = await KubectlAsync($"attempts/{unknown}/at/1m", "get", "pods");
        Assert.Contains($"there is no attempt {unknown}: copy the address from your result page", missing);
    }

    [Fact]
    public async Task AnUnknownScenarioOrTimeIsNamedInKubectlsError()
    {
        var (exit, output, error) = await KubectlAsync("no-such-scenario/0/at/1m", "get", "pods");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        // kubectl wraps a list's NotFound in its own words; the reason and the Status's message come through.
        Assert.StartsWith("Error from server (NotFound): ", error, StringComparison.Ordinal);
        Assert.Contains("there is no scenario 'no-such-scenario'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("couldn't get current server API group list", error, StringComparison.Ordinal);

        var (_, _, time) = await KubectlAsync("kubelet-stops/0/at/banana", "get", "nodes");
        Assert.Contains("'banana' is not a time: write it like 3m, 90s or 2m30s", time);
    }

    /// <summary>
    /// The columns as kube-apiserver's printers define them (kubernetes pkg/printers/internalversion/printers.go,
    /// its *ColumnDefinitions lists for pods, nodes, deployments, replica sets, daemon sets, stateful sets,
    /// services, endpoint slices and leases):
    /// name, and priority 1 for the -o wide ones.
    /// </summary>
    [Fact]
    public void TableColumnsAreThePrintersColumns()
    {
        string[] pods = ["Name:0", "Ready:0", "Status:0", "Restarts:0", "Age:0", "IP:1", "Node:1", "Nominated Node:1", "Readiness Gates:1"];
        string[] nodes = ["Name:0", "Status:0", "Roles:0", "Age:0", "Version:0", "Internal-IP:1", "External-IP:1", "OS-Image:1", "Kernel-Version:1", "Container-Runtime:1"];
        string[] deployments = ["Name:0", "Ready:0", "Up-to-date:0", "Available:0", "Age:0", "Containers:1", "Images:1", "Selector:1"];
        string[] services = ["Name:0", "Type:0", "Cluster-IP:0", "External-IP:0", "Port(s):0", "Age:0", "Selector:1"];
        string[] slices = ["Name:0", "AddressType:0", "Ports:0", "Endpoints:0", "Age:0"];
        string[] leases = ["Name:0", "Holder:0", "Age:0"];
        string[] replicaSets = ["Name:0", "Desired:0", "Current:0", "Ready:0", "Age:0", "Containers:1", "Images:1", "Selector:1"];
        string[] daemonSets = ["Name:0", "Desired:0", "Current:0", "Ready:0", "Up-to-date:0", "Available:0", "Node Selector:0", "Age:0", "Containers:1", "Images:1", "Selector:1"];
        string[] statefulSets = ["Name:0", "Ready:0", "Age:0", "Containers:1", "Images:1"];

        Assert.Equal(pods, PrinterColumns.Pod.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(nodes, PrinterColumns.Node.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(deployments, PrinterColumns.Deployment.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(services, PrinterColumns.Service.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(slices, PrinterColumns.EndpointSlice.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(leases, PrinterColumns.Lease.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(replicaSets, PrinterColumns.ReplicaSet.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(daemonSets, PrinterColumns.DaemonSet.Select(c => $"{c.Name}:{c.Priority}"));
        Assert.Equal(statefulSets, PrinterColumns.StatefulSet.Select(c => $"{c.Name}:{c.Priority}"));
    }

    /// <summary>kubectl's AGE (apimachinery duration.HumanDuration), at the boundaries its rules name.</summary>
    [Theory]
    [InlineData(45_000, "45s")]
    [InlineData(119_000, "119s")]
    [InlineData(120_000, "2m")]
    [InlineData(301_000, "5m1s")]
    [InlineData(600_000, "10m")]
    [InlineData(10_800_000, "3h")]
    [InlineData(11_100_000, "3h5m")]
    [InlineData(172_800_000, "2d")]
    [InlineData(1_036_800_000, "12d")]
    public void AgesReadAsKubectlPrintsThem(long ms, string expected) => Assert.Equal(expected, KubeTime.Human(ms));
}

/// <summary>
/// <c>./practice kubectl</c> prints what the real kubectl prints for the same calls, byte for byte:
/// both read the same scenario file at the same time, one through HTTP, one in-process.
/// </summary>
public sealed partial class KubectlGoldenTests(IncidentAppFixture app) : IClassFixture<IncidentAppFixture>, IAsyncLifetime
{
    private readonly KubectlProcess _kubectl = new(app.ServerAddress);

    public Task InitializeAsync() => app.ImportAsync();

    public Task DisposeAsync()
    {
        _kubectl.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("kubelet-stops", "2m", "get nodes")]
    [InlineData("kubelet-stops", "2m", "get nodes -o wide")]
    [InlineData("kubelet-stops", "2m", "get pods")]
    [InlineData("kubelet-stops", "2m", "get pods -o wide")]
    [InlineData("kubelet-stops", "2m", "get pods -A")]
    [InlineData("kubelet-stops", "2m", "get pods -l app=web --field-selector spec.nodeName=node-2")]
    [InlineData("kubelet-stops", "2m", "get pods -l app=db")]
    [InlineData("kubelet-stops", "30s", "get node node-2")]
    [InlineData("kubelet-stops", "2m", "get deployments")]
    [InlineData("kubelet-stops", "2m", "get deployments -o wide")]
    [InlineData("kubelet-stops", "2m", "get services -o wide")]
    [InlineData("kubelet-stops", "2m", "get endpointslices")]
    [InlineData("kubelet-stops", "2m", "get leases -n kube-system")]
    [InlineData("kubelet-stops", "2m", "get leases -A")]
    [InlineData("kubelet-stops", "2m", "get events")]
    [InlineData("kubelet-stops", "2m", "get events -n kube-system -o wide")]
    [InlineData("apiserver-stops", "1m30s", "get pods")]
    [InlineData("etcd-quorum-lost", "1m30s", "get nodes")]
    [InlineData("workloads-kubelet-stops", "2m", "get replicasets -o wide")]
    [InlineData("workloads-kubelet-stops", "2m", "get daemonsets -o wide")]
    [InlineData("workloads-kubelet-stops", "2m", "get statefulsets -o wide")]
    [InlineData("workloads-kubelet-stops", "2m", "get ds cache")]
    [InlineData("workloads-kubelet-stops", "2m", "get pods -o wide")]
    [InlineData("kubelet-stops", "2m", "get pods -o yaml")]
    [InlineData("kubelet-stops", "2m", "get nodes -o json")]
    [InlineData("kubelet-stops", "2m", "get node node-2 -o yaml")]
    [InlineData("kubelet-stops", "2m", "get events -o yaml")]
    [InlineData("kubelet-stops", "2m", "get leases -A -o name")]
    [InlineData("kubelet-stops", "2m", "get pods -l app=none -o json")]
    [InlineData("workloads-kubelet-stops", "2m", "get daemonsets -o name")]
    [InlineData("workloads-kubelet-stops", "2m", "get statefulsets -o yaml")]
    [InlineData("workloads-kubelet-stops", "2m", "get replicasets -o json")]
    [InlineData("workloads-kubelet-stops", "2m", "get endpointslices -o yaml")]
    public async Task TheCliPrintsWhatKubectlPrints(string scenario, string at, string command)
    {
        var args = command.Split(' ');
        var real = await _kubectl.RunAsync($"{scenario}/0/at/{at}", args);
        var file = scenario switch
        {
            "apiserver-stops" => await WriteTempAsync(IncidentAppFixture.ApiserverStops),
            "workloads-kubelet-stops" => await WriteTempAsync(IncidentAppFixture.Workloads),
            "etcd-quorum-lost" => await WriteTempAsync(IncidentAppFixture.EtcdQuorumLost),
            _ => Path.Combine(WebAppFixture.FixtureContent, "scenarios", $"{scenario}.md"),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Practice.Cli.CliApp.Run(["kubectl", file, "--at", at, "--", .. args], output, error);

        // The app writes virtual time 0 as the moment of the request less T; the CLI as a fixed day.
        Assert.Equal(Timestamps().Replace(real.Out, "TIME"), Timestamps().Replace(output.ToString(), "TIME"));
        Assert.Equal(real.Err.Trim(), error.ToString().Split('\n').Where(l => !l.Contains("warning: module", StringComparison.Ordinal)).Aggregate("", (a, l) => a + l + "\n").Trim());
        Assert.Equal(real.Exit == 0, exit == 0);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial System.Text.RegularExpressions.Regex Timestamps();

    /// <summary>
    /// The YAML printer on strings that test its quoting and folding, against kubectl's own printer
    /// (a ConfigMap printed locally by <c>kubectl create --dry-run=client -o yaml</c>).
    /// </summary>
    [Fact]
    public async Task TheYamlPrinterQuotesAndFoldsAsKubectlDoes()
    {
        var data = new Dictionary<string, string>
        {
            ["msg"] = "the scheduler found no node for this pod: 0/3 nodes are available: 1 node(s) had untolerated taint, 2 Insufficient cpu",
            ["a1"] = "1e3", ["a9"] = "- dash", ["a10"] = "y", ["b_x"] = "2026-01-01", ["bx"] = "'quoted' it", ["c"] = "a: b", ["d"] = "two\nlines",
            ["e"] = "0x1F", ["f"] = "1:20", ["g"] = "tab\tx", ["h"] = " lead", ["i"] = "<a&b>", ["j"] = "10.0.0.12", ["k"] = "3", ["l"] = "true",
            ["m"] = "#hash", ["n"] = "a #b", ["o"] = "ends:", ["p"] = "", ["q"] = "null", ["r"] = "web-7d4b9c-x2x9z", ["s"] = "1.5", ["t"] = "*star",
            ["u"] = "2026-12-04T00:17:38Z", ["v"] = "http://x:8080/a", ["w"] = "{braces}", ["x"] = "semi; colon: here and a much longer tail that goes past the eighty columns of the line",
        };
        var configMap = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["data"] = new System.Text.Json.Nodes.JsonObject(data.Select(p => KeyValuePair.Create(p.Key, (System.Text.Json.Nodes.JsonNode?)p.Value))),
            ["kind"] = "ConfigMap",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["creationTimestamp"] = null, ["name"] = "x" },
        };

        var real = await _kubectl.RunLocalAsync(["create", "configmap", "x", .. data.Select(p => $"--from-literal={p.Key}={p.Value}"), "--dry-run=client", "-o", "yaml"]);

        Assert.Equal(0, real.Exit);
        Assert.Equal(real.Out, KubectlOutput.Yaml(configMap));
    }

    private static async Task<string> WriteTempAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"incident-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
