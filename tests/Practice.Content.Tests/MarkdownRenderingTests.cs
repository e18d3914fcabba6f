using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Lessons;
using Practice.Content.Markdown;

namespace Practice.Content.Tests;

public class MarkdownRenderingTests
{
    private static Lesson RenderingLesson()
    {
        var problems = new Problems();
        var lesson = Lesson.Parse(ContentFile.Read(Fixture.Path("lessons", "rendering.md")), problems);
        Assert.Empty(problems.All);
        return lesson!;
    }

    [Fact]
    public void RawScriptInALessonComesOutEscaped()
    {
        var html = RenderingLesson().Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", html);
        Assert.Contains("&lt;script&gt;alert(&quot;block&quot;)&lt;/script&gt;", html);
    }

    [Fact]
    public void JavascriptLinksAreNeutralisedAndOrdinaryLinksKept()
    {
        var html = RenderingLesson().Html;

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://kubernetes.io/docs/\"", html);
    }

    [Fact]
    public void CalloutsRenderAsAsidesWithTheirTitles()
    {
        var html = RenderingLesson().Html;

        Assert.Contains("<aside class=\"callout callout-key-concept\">\n<p class=\"callout-title\">Key concept</p>\n<p>Control-plane outages stop change; data-plane outages stop function.</p>\n</aside>", html);
        Assert.Contains("<aside class=\"callout callout-3am\">\n<p class=\"callout-title\">When the pager goes</p>\n<p>Look at the data plane first.</p>\n</aside>", html);
        Assert.Contains("<blockquote>\n<p>Just a quote.</p>\n</blockquote>", html);
        Assert.DoesNotContain("[!KEY CONCEPT]", html);
    }

    [Fact]
    public void TablesHeadingAnchorsAndCodeBlocksRender()
    {
        var html = RenderingLesson().Html;

        Assert.Contains("<table>", html);
        Assert.Contains("<td>kubelet</td>", html);
        Assert.Contains("<h2 id=\"what-each-component-does\">What each component does</h2>", html);
        Assert.Contains("<h3 id=\"the-kubelet\">The kubelet</h3>", html);
        Assert.Contains("<pre><code class=\"language-yaml\">nodes: 3\n</code></pre>", html);
    }

    [Fact]
    public void TheTableOfContentsListsH2AndH3WithTheirAnchors()
    {
        var toc = RenderingLesson().Toc;

        Assert.Equal(
            [new TocEntry(2, "What each component does", "what-each-component-does"), new TocEntry(3, "The kubelet", "the-kubelet")],
            toc);
    }

    [Fact]
    public void AnUnknownCalloutIsAnErrorAtItsLine()
    {
        var problems = new Problems();
        var text = "---\nid: x\nmodule: m\ntitle: X\norder: 1\nsummary: S\nminutes: 1\n---\nIntro.\n\n> [!NOTE]\n> Hm.\n";

        Lesson.Parse(ContentFile.FromText("x.md", text), problems);

        Assert.Equal(["x.md:11:1: unknown call-out '[!NOTE]'; use [!KEY CONCEPT], [!PRO TIP], [!WARNING], [!3 AM]"], problems.All.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("#anchor", true)]
    [InlineData("../lessons/split", true)]
    [InlineData("mailto:a@example.com", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JavaScript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("data:text/html;base64,AAAA", false)]
    public void OnlySafeUrlsAreKept(string url, bool safe) => Assert.Equal(safe, MarkdownRenderer.IsSafeUrl(url));
}
