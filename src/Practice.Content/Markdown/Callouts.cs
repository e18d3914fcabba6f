using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Practice.Content.Markdown;

/// <summary>
/// Call-outs: a blockquote whose first line is <c>[!KEY CONCEPT]</c>, <c>[!PRO TIP]</c>,
/// <c>[!WARNING]</c> or <c>[!3 AM]</c>, optionally followed by a title of the author's own.
/// Rendered as <c>&lt;aside class="callout callout-key-concept"&gt;</c> with a title paragraph.
/// </summary>
public static class Callouts
{
    public sealed record Kind(string Marker, string CssClass, string Title);

    public static IReadOnlyList<Kind> Kinds { get; } =
    [
        new("KEY CONCEPT", "callout-key-concept", "Key concept"),
        new("PRO TIP", "callout-pro-tip", "Pro tip"),
        new("WARNING", "callout-warning", "Warning"),
        new("3 AM", "callout-3am", "At 3 AM"),
    ];

    internal const string DataKey = "practice-callout";

    internal sealed record Marked(Kind Kind, string Title);

    /// <summary>Finds call-out blockquotes, strips their marker line and tags them for <see cref="CalloutRenderer"/>.</summary>
    internal static IReadOnlyList<UnknownCallout> Mark(MarkdownDocument document)
    {
        var unknown = new List<UnknownCallout>();
        foreach (var quote in document.Descendants<QuoteBlock>().ToList())
        {
            if (quote.Count == 0 || quote[0] is not ParagraphBlock { Inline: { } inline } paragraph)
            {
                continue;
            }
            // The marker line: the inlines up to the first line break.
            var firstLine = new List<Inline>();
            foreach (var child in inline)
            {
                if (child is LineBreakInline)
                {
                    firstLine.Add(child);
                    break;
                }
                firstLine.Add(child);
            }
            var text = string.Concat(firstLine.Select(Text)).Trim();
            if (!text.StartsWith("[!", StringComparison.Ordinal) || text.IndexOf(']') is var close && close < 0)
            {
                continue;
            }
            var marker = text[2..close].Trim();
            var kind = Kinds.FirstOrDefault(k => string.Equals(k.Marker, marker, StringComparison.OrdinalIgnoreCase));
            if (kind is null)
            {
                unknown.Add(new UnknownCallout(quote.Line + 1, marker));
                continue;
            }
            var title = text[(close + 1)..].Trim();
            foreach (var child in firstLine)
            {
                child.Remove();
            }
            if (inline.FirstChild is null)
            {
                quote.Remove(paragraph);
            }
            quote.SetData(DataKey, new Marked(kind, title.Length > 0 ? title : kind.Title));
        }
        return unknown;
    }

    private static string Text(Inline inline) => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        LineBreakInline => "",
        ContainerInline container => string.Concat(container.Select(Text)),
        _ => "",
    };
}

/// <summary>Renders tagged blockquotes as call-out asides and every other blockquote as usual.</summary>
internal sealed class CalloutRenderer : HtmlObjectRenderer<QuoteBlock>
{
    protected override void Write(HtmlRenderer renderer, QuoteBlock block)
    {
        renderer.EnsureLine();
        if (block.GetData(Callouts.DataKey) is Callouts.Marked callout)
        {
            renderer.Write("<aside class=\"callout ").Write(callout.Kind.CssClass).Write("\">").WriteLine();
            renderer.Write("<p class=\"callout-title\">").WriteEscape(callout.Title).Write("</p>").WriteLine();
            var implicitParagraph = renderer.ImplicitParagraph;
            renderer.ImplicitParagraph = false;
            renderer.WriteChildren(block);
            renderer.ImplicitParagraph = implicitParagraph;
            renderer.EnsureLine();
            renderer.Write("</aside>").WriteLine();
            return;
        }
        renderer.Write("<blockquote").WriteAttributes(block).Write('>').WriteLine();
        var saved = renderer.ImplicitParagraph;
        renderer.ImplicitParagraph = false;
        renderer.WriteChildren(block);
        renderer.ImplicitParagraph = saved;
        renderer.EnsureLine();
        renderer.Write("</blockquote>").WriteLine();
    }
}
