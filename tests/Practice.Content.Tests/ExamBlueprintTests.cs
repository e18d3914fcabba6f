using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Exams;

namespace Practice.Content.Tests;

/// <summary>Mock exam blueprints and scenarios' exam domains, as <c>content check</c> reads them: every mistake with <c>file:line:col</c>.</summary>
public class ExamBlueprintTests
{
    private static readonly ContentLoadOptions WithoutRunning = new() { RunScenarios = false };

    [Fact]
    public void AnUnknownKeyIsReportedWithTheCloseName() =>
        Assert.Equal(["exam.yml:5:1: unknown field 'passmark'; did you mean 'passMark'?", "exam.yml:1:1: missing required field 'passMark'"],
            Problems("id: x\ntitle: X\nduration: 30m\nscenarios: 4\npassmark: 70\nweights: { troubleshooting: 100 }\n").OrderByDescending(p => p.Contains("unknown", StringComparison.Ordinal)));

    [Fact]
    public void AMissingDurationIsReported() =>
        Assert.Equal(["exam.yml:1:1: missing required field 'duration'"],
            Problems("id: x\ntitle: X\nscenarios: 4\npassMark: 70\nweights: { troubleshooting: 100 }\n"));

    [Fact]
    public void WeightsMustNameKnownDomainsAndAddUpToAHundred()
    {
        Assert.Equal(["exam.yml:7:3: unknown exam domain 'storge'; did you mean 'storage'?"],
            Problems("id: x\ntitle: X\nduration: 30m\nscenarios: 4\npassMark: 70\nweights:\n  storge: 50\n  troubleshooting: 50\n"));
        Assert.Equal(["exam.yml:6:10: the weights add up to 90, not 100"],
            Problems("id: x\ntitle: X\nduration: 30m\nscenarios: 4\npassMark: 70\nweights: { storage: 40, troubleshooting: 50 }\n"));
    }

    [Fact]
    public void WeightsTheContentCannotMeetAreReportedAtTheWeight()
    {
        var scenarios = ContentLoader.Load(Path.Combine(Fixture.RepositoryRoot(), "content"), WithoutRunning).Scenarios;
        var problems = new Problems();
        var exam = ExamBlueprint.Parse(ContentFile.FromText("exam.yml",
            "id: storage-heavy\ntitle: Storage heavy\nduration: 30m\nscenarios: 10\npassMark: 70\nweights:\n  storage: 50\n  troubleshooting: 50\n"), problems)!;

        exam.Check(scenarios, null, problems);

        // The course has one scenario whose first domain is storage (csi-node-down); half of 10 is 5.
        Assert.Equal(["exam.yml:7:3: weight 50 of 10 scenarios needs 5 whose first domain is 'storage', but there is 1 in the course, difficulty 1 to 5"],
            problems.Sorted().Select(p => p.ToString()));
    }

    [Fact]
    public void QuotasAreTheSharesRoundedByLargestRemainder()
    {
        var problems = new Problems();
        var exam = ExamBlueprint.Parse(ContentFile.Read(Path.Combine(Fixture.RepositoryRoot(), "content", "exams", "cka-weighted.yml")), problems)!;

        // 10 scenarios at 25/15/20/10/30: 2.5, 1.5, 2, 1, 3 → 2, 1, 2, 1, 3 and one left, to the first of the two .5s.
        Assert.Equal([("cluster-architecture", 3), ("workloads-scheduling", 1), ("services-networking", 2), ("storage", 1), ("troubleshooting", 3)], exam.Quotas());
    }

    [Fact]
    public void TheShippedContentHasBothExamsAndEveryScenarioIsTagged()
    {
        var result = ContentLoader.Load(Path.Combine(Fixture.RepositoryRoot(), "content"), WithoutRunning);

        Assert.Empty(result.Errors);
        Assert.Equal(["cka-weighted", "module-1-check"], result.Exams.Select(e => e.Id));
        Assert.All(result.Scenarios, s => Assert.NotEmpty(s.Domains));
    }

    [Fact]
    public void AScenarioDomainMustBeKnown()
    {
        var path = Path.Combine(Fixture.RepositoryRoot(), "content", "scenarios", "which-side-of-the-split.md");
        var text = File.ReadAllText(path).Replace("domains: [cluster-architecture]", "domains: [cluster-architecture, networking]", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("domains:", StringComparison.Ordinal)) + 1;

        var (_, problems) = Fixture.Inline(text);

        Assert.Equal([$"inline.md:{line}:33: unknown exam domain 'networking'; did you mean 'services-networking'?"], problems);
    }

    private static IEnumerable<string> Problems(string text)
    {
        var problems = new Problems();
        ExamBlueprint.Parse(ContentFile.FromText("exam.yml", text), problems);
        return problems.Sorted().Select(p => p.ToString());
    }
}

/// <summary>The seeded draw over the shipped content.</summary>
public class ExamDrawTests
{
    [Fact]
    public void TheSameSeedDrawsTheSameScenariosAndTheQuotasHold()
    {
        var content = Path.Combine(Fixture.RepositoryRoot(), "content");
        var scenarios = ContentLoader.Load(content, new ContentLoadOptions { RunScenarios = false }).Scenarios;
        var exam = ExamBlueprint.Parse(ContentFile.Read(Path.Combine(content, "exams", "cka-weighted.yml")), new Problems())!;

        var once = exam.Draw(scenarios, 42).Select(d => d.Scenario.Id).ToList();
        var again = exam.Draw(scenarios, 42).Select(d => d.Scenario.Id).ToList();
        var draws = Enumerable.Range(0, 50).Select(seed => string.Join(",", exam.Draw(scenarios, seed).Select(d => d.Scenario.Id))).Distinct().Count();

        Assert.Equal(once, again);
        Assert.Equal(10, once.Distinct().Count());
        Assert.Equal([("cluster-architecture", 3), ("workloads-scheduling", 1), ("services-networking", 2), ("storage", 1), ("troubleshooting", 3)],
            exam.Draw(scenarios, 42).GroupBy(d => d.Domain).Select(g => (g.Key, g.Count())));
        Assert.True(draws > 10, $"50 seeds drew only {draws} different exams");
    }
}
