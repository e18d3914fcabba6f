using Practice.Content.Diagnostics;
using Practice.Content.Markdown;
using Practice.Content.Yaml;

namespace Practice.Content.Lessons;

/// <summary>A lesson: Markdown with front matter (id, module, title, order, summary, minutes).</summary>
public sealed record Lesson
{
    public required string Id { get; init; }
    public required string Module { get; init; }
    public required string Title { get; init; }

    /// <summary>Position within its module (lessons are listed by it).</summary>
    public required int Order { get; init; }

    public required string Summary { get; init; }

    /// <summary>Reading time the author estimates.</summary>
    public required int Minutes { get; init; }

    public required string Markdown { get; init; }
    public required string Html { get; init; }
    public required IReadOnlyList<TocEntry> Toc { get; init; }

    /// <summary>SHA-256 of the file's bytes, lowercase hex: a new version when it changes.</summary>
    public required string ContentHash { get; init; }

    public required string SourcePath { get; init; }
    public required string RawText { get; init; }

    /// <summary>Where every front matter value is, by path (<c>id</c>, <c>module</c>, ...).</summary>
    public required IReadOnlyDictionary<string, SourcePosition> Positions { get; init; }

    private static readonly string[] Known = ["id", "module", "title", "order", "summary", "minutes"];

    /// <summary>Parses a lesson file; null when it has errors. The module is checked by the loader, which knows the course.</summary>
    public static Lesson? Parse(ContentFile file, Problems problems)
    {
        var local = new Problems();
        var front = FrontMatter.Read(file.Path, file.Text, local);
        Lesson? lesson = null;
        if (front.Root is not null)
        {
            var fields = new Fields(front.Root, local, Known);
            var id = Read.Slug(fields.Required("id"), local, "id");
            var module = Read.Slug(fields.Required("module"), local, "module");
            var title = Read.Text(fields.Required("title"), local, "title");
            var order = Read.Int(fields.Required("order"), local, "order", 1);
            var summary = Read.Text(fields.Required("summary"), local, "summary");
            var minutes = Read.Int(fields.Required("minutes"), local, "minutes", 1, 600);
            var rendered = MarkdownRenderer.Render(front.Body);
            foreach (var callout in rendered.UnknownCallouts)
            {
                local.Error(new SourcePosition(file.Path, front.BodyLine + callout.Line - 1, 1), UnknownCalloutMessage(callout.Marker));
            }
            if (string.IsNullOrWhiteSpace(front.Body))
            {
                local.Error(new SourcePosition(file.Path, front.BodyLine, 1), "the lesson has no text after its front matter");
            }
            if (!local.HasErrors && id is not null && module is not null && title is not null && order is not null && summary is not null && minutes is not null)
            {
                lesson = new Lesson
                {
                    Id = id,
                    Module = module,
                    Title = title,
                    Order = order.Value,
                    Summary = summary,
                    Minutes = minutes.Value,
                    Markdown = front.Body,
                    Html = rendered.Html,
                    Toc = rendered.Toc,
                    ContentHash = file.Hash,
                    SourcePath = file.Path,
                    RawText = file.Text,
                    Positions = YamlPaths.Of(front.Root),
                };
            }
        }
        problems.AddRange(local.All);
        return lesson;
    }

    internal static string UnknownCalloutMessage(string marker) =>
        $"unknown call-out '[!{marker}]'; use {string.Join(", ", Callouts.Kinds.Select(k => $"[!{k.Marker}]"))}";
}
