using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Practice.Content.Markdown;

/// <summary>A heading of a lesson's table of contents (h2 and h3), with the anchor it links to.</summary>
public sealed record TocEntry(int Level, string Title, string Anchor);

/// <summary>A call-out marker that is not one of the known kinds, at a 1-based line of the Markdown.</summary>
public sealed record UnknownCallout(int Line, string Marker);

public sealed record RenderedMarkdown(string Html, IReadOnlyList<TocEntry> Toc, IReadOnlyList<UnknownCallout> UnknownCallouts);

/// <summary>
/// Renders content Markdown to HTML that is safe to put in a page: raw HTML is escaped
/// (<c>DisableHtml</c>), and links or images to anything but http(s), mailto, anchors and
/// relative paths are neutralised, so no script can come from a content file.
/// </summary>
/// <remarks>
/// Deliberately not <c>UseAdvancedExtensions</c>: generic attributes (<c>{onclick=...}</c>)
/// would let content add event handlers.
/// </remarks>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static RenderedMarkdown Render(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        NeutraliseLinks(document);
        var unknown = Callouts.Mark(document);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<QuoteBlockRenderer>(new CalloutRenderer());
        renderer.Render(document);
        writer.Flush();

        var toc = document.Descendants<HeadingBlock>()
            .Where(h => h.Level is 2 or 3)
            .Select(h => new TocEntry(h.Level, PlainText(h.Inline), h.GetAttributes().Id ?? ""))
            .ToList();
        return new RenderedMarkdown(writer.ToString(), toc, unknown);
    }

    internal static string PlainText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }
        var text = new System.Text.StringBuilder();
        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }
        return text.ToString().Trim();
    }

    private static void NeutraliseLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail && !IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
    }

    /// <summary>http(s), mailto, in-page anchors and relative paths; nothing with another scheme (javascript:, data:, vbscript:).</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        var trimmed = new string([.. url.Trim().Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        var colon = trimmed.IndexOf(':');
        var boundary = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (boundary >= 0 && boundary < colon))
        {
            return true;
        }
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
