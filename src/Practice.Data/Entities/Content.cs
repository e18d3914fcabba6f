namespace Practice.Data;

/// <summary>A course module, in the order of <c>content/course.yml</c>.</summary>
public sealed class Module
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int Position { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>A lesson or scenario: an id that points at its current version and can be retired.</summary>
public interface IVersionedContent
{
    string Id { get; }
    long CurrentVersionId { get; set; }
    DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>One imported revision of a content file.</summary>
public interface IContentVersion
{
    long Id { get; }
    string ContentHash { get; }
}

/// <summary>A lesson's identity; its text lives in versions so history is never rewritten.</summary>
public sealed class Lesson : IVersionedContent
{
    public required string Id { get; set; }
    public long CurrentVersionId { get; set; }
    public LessonVersion? CurrentVersion { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

public sealed class LessonVersion : IContentVersion
{
    public long Id { get; set; }
    public required string LessonId { get; set; }
    public required string ContentHash { get; set; }
    public required string ModuleId { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int Order { get; set; }
    public int Minutes { get; set; }
    public required string SourcePath { get; set; }
    public required string Source { get; set; }

    /// <summary>Rendered at import, so a lesson page costs no Markdown work per request.</summary>
    public required string Html { get; set; }

    /// <summary>Table of contents as JSON: [{"level":2,"id":"...","title":"..."}].</summary>
    public required string TocJson { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

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

/// <summary>One run of the content import, for the operator's record.</summary>
public sealed class ContentImport
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int LessonVersionsAdded { get; set; }
    public int ScenarioVersionsAdded { get; set; }
    public int Retired { get; set; }
}
