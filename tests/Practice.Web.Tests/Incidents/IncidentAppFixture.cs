using Microsoft.AspNetCore.Hosting;
using Practice.Testing;

namespace Practice.Web.Tests.Incidents;

/// <summary>
/// The app on a loopback port (kubectl needs a real socket) with its own database, holding the
/// fixture course plus <c>apiserver-stops</c>, a scenario whose only apiserver stops at 1m.
/// </summary>
public sealed class IncidentAppFixture() : PracticeAppFactory("practice_test_incident", kestrel: true)
{
    public const string ApiserverStops = """
        ---
        id: apiserver-stops
        title: The apiserver stops
        module: fixture
        components: [kube-apiserver]
        difficulty: 1
        cluster:
          nodes: 2
          workloads:
            - { kind: Deployment, name: web, replicas: 2, service: web, traffic: 10 }
        timeline:
          - at: 1m
            fault: { component: kube-apiserver }
        duration: 5m
        questions:
          - id: api
            kind: single
            prompt: Does the API answer at 1m30s?
            options:
              - { id: yes, text: "Yes", probe: "api.available at 1m30s" }
              - { id: no, text: "No", probe: "not api.available at 1m30s" }
        ---
        With its only replica stopped, nothing answers for the API.
        """;

    /// <summary>Every API call takes 2 s longer from 1m, and 90 s longer from 1m30s; the learner is paged at 4m.</summary>
    public const string ApiserverSlow = """
        ---
        id: apiserver-slow
        title: The apiserver gets slow
        module: fixture
        components: [kube-apiserver]
        difficulty: 1
        paged: 4m
        cluster:
          nodes: 2
          workloads:
            - { kind: Deployment, name: web, replicas: 2, service: web, traffic: 10 }
        timeline:
          - at: 1m
            fault: { component: kube-apiserver, slow: 2s }
          - at: 1m30s
            fault: { component: kube-apiserver, slow: 90s }
        duration: 5m
        questions:
          - id: api
            kind: single
            prompt: Does the API answer at 1m10s?
            options:
              - { id: yes, text: "Yes", probe: "api.available at 1m10s" }
              - { id: no, text: "No", probe: "not api.available at 1m10s" }
        ---
        A slow apiserver still answers, late.
        """;

    /// <summary>
    /// A Deployment, a StatefulSet, a DaemonSet on every node and one on the ssd nodes only, and a
    /// static pod; node-2's kubelet stops at 1m.
    /// </summary>
    public const string Workloads = """
        ---
        id: workloads-kubelet-stops
        title: The kubelet on node-2 stops under every kind of workload
        module: fixture
        components: [kubelet]
        difficulty: 1
        cluster:
          nodes:
            - { name: node-1, labels: { disk: ssd } }
            - { name: node-2, labels: { disk: ssd } }
            - { name: node-3 }
          workloads:
            - { kind: Deployment, name: web, replicas: 3, service: web, traffic: 10 }
            - { kind: StatefulSet, name: db, replicas: 3, service: db }
            - { kind: DaemonSet, name: agent }
            - { kind: DaemonSet, name: cache, nodeSelector: { disk: ssd } }
            - { kind: StaticPod, name: etcd-probe, node: node-1 }
        timeline:
          - at: 1m
            fault: { component: kubelet, node: node-2 }
        duration: 5m
        questions:
          - id: ready
            kind: single
            prompt: Is node-2 Ready at 2m?
            options:
              - { id: yes, text: "Yes", probe: "node(node-2).ready at 2m" }
              - { id: no, text: "No", probe: "not node(node-2).ready at 2m" }
        ---
        Its lease stops at 1m and the node controller marks it NotReady 50 s later.
        """;

    /// <summary>Two of three etcd members stop at 1m: the apiserver runs, but etcd has no quorum.</summary>
    public const string EtcdQuorumLost = """
        ---
        id: etcd-quorum-lost
        title: etcd loses its quorum
        module: fixture
        components: [etcd]
        difficulty: 1
        cluster:
          etcd: 3
          nodes: 2
          workloads:
            - { kind: Deployment, name: web, replicas: 2, service: web, traffic: 10 }
        timeline:
          - at: 1m
            fault: { etcd: member-down, count: 2 }
        duration: 5m
        questions:
          - id: api
            kind: single
            prompt: Does the API answer at 1m30s?
            options:
              - { id: yes, text: "Yes", probe: "api.available at 1m30s" }
              - { id: no, text: "No", probe: "not api.available at 1m30s" }
        ---
        One member of three is no majority: reads and writes wait for a quorum that is not there.
        """;

    /// <summary>The kubelet on node-2 stops at 1m; the page offers the console, whose actions answer the runbook from 2m.</summary>
    public const string ConsoleKubelet = """
        ---
        id: console-kubelet
        title: The kubelet on node-2 stops, with a console
        module: fixture
        components: [kubelet]
        difficulty: 1
        console: true
        cluster:
          nodes: 3
          workloads:
            - { kind: Deployment, name: web, replicas: 3, service: web, traffic: 10 }
        timeline:
          - at: 1m
            fault: { component: kubelet, node: node-2 }
        duration: 6m
        questions:
          - id: fix
            kind: runbook
            prompt: It is 2m. Get node-2 Ready again.
            at: 2m
            choices:
              - { id: kubelet, do: restart, component: kubelet, node: node-2 }
              - { id: drain, do: drain, node: node-2 }
            goal:
              - node(node-2).ready at 5m
            solution: kubelet
        ---
        A stopped kubelet comes back when it is started again; its node is Ready at its next status.
        """;

    private readonly string _content = Path.Combine(Path.GetTempPath(), $"practice-incident-content-{Guid.NewGuid():N}");

    protected override void ConfigureTestServices(IWebHostBuilder builder) =>
        builder.UseSetting("Practice:RateLimits:IncidentReadsPerMinute", "100000");

    /// <summary>Imports the fixture course and apiserver-stops, once.</summary>
    public async Task ImportAsync()
    {
        if (Directory.Exists(_content))
        {
            return;
        }
        CopyDirectory(WebAppFixture.FixtureContent, _content);
        await File.WriteAllTextAsync(Path.Combine(_content, "scenarios", "apiserver-stops.md"), ApiserverStops);
        await File.WriteAllTextAsync(Path.Combine(_content, "scenarios", "apiserver-slow.md"), ApiserverSlow);
        await File.WriteAllTextAsync(Path.Combine(_content, "scenarios", "workloads-kubelet-stops.md"), Workloads);
        await File.WriteAllTextAsync(Path.Combine(_content, "scenarios", "etcd-quorum-lost.md"), EtcdQuorumLost);
        await File.WriteAllTextAsync(Path.Combine(_content, "scenarios", "console-kubelet.md"), ConsoleKubelet);
        await ImportContentAsync(_content);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
