namespace Practice.Data;

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
