using System.Security.Cryptography;
using System.Text;
using Practice.Web.Importing;

namespace Practice.Web.Tests;

/// <summary>Small course snapshots for import and page tests.</summary>
internal static class ContentSnapshots
{
    public static ContentSnapshot Course(params ScenarioSnapshot[] scenarios) => new(
        [new ModuleSnapshot("control-plane-data-plane", "The control plane and the data plane", "Who decides and who does.")],
        [Lesson("split", 1, "The split", "## Why it matters\n\nBody."), Lesson("at-3am", 2, "At 3 AM", "## What breaks\n\nMore.")],
        scenarios.Length > 0 ? scenarios : [Scenario("apiserver-down", "v1"), Scenario("kubelet-down", "v1")]);

    public static LessonSnapshot Lesson(string id, int order, string title, string source) => new(
        id, Hash(source), "control-plane-data-plane", title, $"Summary of {title}", order, 12,
        $"content/lessons/{id}.md", source, $"<h2 id=\"why-it-matters\">Why it matters</h2><p>{title} body</p>",
        """[{"level":2,"id":"why-it-matters","title":"Why it matters"}]""");

    public static ScenarioSnapshot Scenario(string id, string revision) => new(
        id, Hash(id + revision), "control-plane-data-plane", $"Scenario {id} ({revision})", 2,
        ["kube-apiserver"], ["multi"], $"content/scenarios/{id}.md", $"---\nid: {id}\n---\n{revision}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
