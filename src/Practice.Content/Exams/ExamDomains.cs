namespace Practice.Content.Exams;

/// <summary>
/// The exam domains a scenario can be tagged with: the CKA curriculum's five, as slugs (the
/// curriculum's names hold commas and ampersands, awkward in a YAML list). A scenario's first
/// domain is the one exams weigh and score it under; the others say what else it touches.
/// </summary>
public static class ExamDomains
{
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cluster-architecture"] = "Cluster Architecture, Installation & Configuration",
        ["workloads-scheduling"] = "Workloads & Scheduling",
        ["services-networking"] = "Services & Networking",
        ["storage"] = "Storage",
        ["troubleshooting"] = "Troubleshooting",
    };

    public static IReadOnlyList<string> Slugs { get; } = [.. Names.Keys];
}
