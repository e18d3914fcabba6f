namespace Practice.Content.Tests;

/// <summary><c>paged:</c>, when the on-call engineer is paged (what the incident API serves up to).</summary>
public class PagedTests
{
    private const string Text = """
        ---
        id: paged
        title: Paged
        module: control-plane-data-plane
        components: [kubelet]
        difficulty: 1
        paged: 3m
        cluster:
          nodes: 2
        duration: 5m
        questions:
          - id: q
            kind: single
            prompt: Does the API answer?
            options:
              - { id: yes, text: "Yes", probe: "api.available at 1m" }
              - { id: no, text: "No", probe: "not api.available at 1m" }
        ---
        Explanation.
        """;

    [Fact]
    public void PagedIsReadAsAVirtualTime()
    {
        var (scenario, problems) = Fixture.Inline(Text);

        Assert.Empty(problems);
        Assert.Equal(180_000, scenario!.PagedAtMs);
        Assert.Null(Fixture.Inline(Text.Replace("paged: 3m\n", "", StringComparison.Ordinal)).Scenario!.PagedAtMs);
    }

    [Fact]
    public void PagedAfterTheEndIsReportedWhereItIsWritten()
    {
        var (_, problems) = Fixture.Inline(Text.Replace("paged: 3m", "paged: 6m", StringComparison.Ordinal));

        Assert.Equal(["inline.md:7:8: 'paged' at 6m is after the end of the scenario (duration 5m)"], problems);
    }
}
