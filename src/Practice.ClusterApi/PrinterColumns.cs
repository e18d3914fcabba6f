namespace Practice.ClusterApi;

/// <summary>A column of a server-side Table: priority 0 always shown, 1 only with <c>-o wide</c>.</summary>
public sealed record PrinterColumn(string Name, string Type, int Priority = 0, string? Format = null);

/// <summary>
/// The columns kube-apiserver's printers give each resource's Table
/// (kubernetes pkg/printers/internalversion/printers.go, the *ColumnDefinitions lists).
/// </summary>
public static class PrinterColumns
{
    /// <summary>kube-apiserver's node columns (pkg/printers/internalversion/printers.go, nodeColumnDefinitions).</summary>
    public static readonly IReadOnlyList<PrinterColumn> Node =
    [
        new("Name", "string", Format: "name"), new("Status", "string"), new("Roles", "string"), new("Age", "string"), new("Version", "string"),
        new("Internal-IP", "string", 1), new("External-IP", "string", 1), new("OS-Image", "string", 1), new("Kernel-Version", "string", 1),
        new("Container-Runtime", "string", 1),
    ];

    /// <summary>kube-apiserver's pod columns (printers.go, podColumnDefinitions).</summary>
    public static readonly IReadOnlyList<PrinterColumn> Pod =
    [
        new("Name", "string", Format: "name"), new("Ready", "string"), new("Status", "string"), new("Restarts", "string"), new("Age", "string"),
        new("IP", "string", 1), new("Node", "string", 1), new("Nominated Node", "string", 1), new("Readiness Gates", "string", 1),
    ];

    /// <summary>printers.go, serviceColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> Service =
    [
        new("Name", "string", Format: "name"), new("Type", "string"), new("Cluster-IP", "string"), new("External-IP", "string"), new("Port(s)", "string"),
        new("Age", "string"), new("Selector", "string", 1),
    ];

    /// <summary>printers.go, deploymentColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> Deployment =
    [
        new("Name", "string", Format: "name"), new("Ready", "string"), new("Up-to-date", "integer"), new("Available", "integer"), new("Age", "string"),
        new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1),
    ];

    /// <summary>printers.go, replicaSetColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> ReplicaSet =
    [
        new("Name", "string", Format: "name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Age", "string"),
        new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1),
    ];

    /// <summary>printers.go, daemonSetColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> DaemonSet =
    [
        new("Name", "string", Format: "name"), new("Desired", "integer"), new("Current", "integer"), new("Ready", "integer"), new("Up-to-date", "integer"),
        new("Available", "integer"), new("Node Selector", "string"), new("Age", "string"),
        new("Containers", "string", 1), new("Images", "string", 1), new("Selector", "string", 1),
    ];

    /// <summary>printers.go, statefulSetColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> StatefulSet =
    [
        new("Name", "string", Format: "name"), new("Ready", "string"), new("Age", "string"),
        new("Containers", "string", 1), new("Images", "string", 1),
    ];

    /// <summary>printers.go, endpointSliceColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> EndpointSlice =
    [
        new("Name", "string", Format: "name"), new("AddressType", "string"), new("Ports", "string"), new("Endpoints", "string"), new("Age", "string"),
    ];

    /// <summary>printers.go, leaseColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> Lease =
    [
        new("Name", "string", Format: "name"), new("Holder", "string"), new("Age", "string"),
    ];

    /// <summary>printers.go, eventColumnDefinitions.</summary>
    public static readonly IReadOnlyList<PrinterColumn> Event =
    [
        new("Last Seen", "string"), new("Type", "string"), new("Reason", "string"), new("Object", "string"), new("Subobject", "string", 1),
        new("Source", "string", 1), new("Message", "string"), new("First Seen", "string", 1), new("Count", "string", 1), new("Name", "string", 1, "name"),
    ];
}
