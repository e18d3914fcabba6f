namespace Practice.Data;

/// <summary>A scenario's identity; attempts point at a <see cref="ScenarioVersion"/>.</summary>
public sealed class Scenario : IVersionedContent
{
    public required string Id { get; set; }
    public long CurrentVersionId { get; set; }
    public ScenarioVersion? CurrentVersion { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>
/// One imported revision of a scenario file, keyed by its content hash. The raw file is kept so
/// that an attempt can always be re-graded against exactly the text it answered.
/// </summary>
public sealed class ScenarioVersion : IContentVersion
{
    public long Id { get; set; }
    public required string ScenarioId { get; set; }
    public required string ContentHash { get; set; }
    public required string ModuleId { get; set; }
    public required string Title { get; set; }
    public int Difficulty { get; set; }
    public required string[] Components { get; set; }
    public required string[] QuestionKinds { get; set; }
    public required string SourcePath { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}
