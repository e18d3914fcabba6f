using Practice.Content.Diagnostics;
using Practice.Content.Grading;

namespace Practice.Content.Tests;

/// <summary>The course as shipped: every file loads and every scenario runs and agrees with its authors.</summary>
public class AllContentTests
{
    private static string ContentDirectory => Path.Combine(Fixture.RepositoryRoot(), "content");

    [Fact]
    public void EveryFileInContentLoadsAndEveryScenarioAgreesWithTheSimulation()
    {
        var result = ContentLoader.Load(ContentDirectory);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.ToString(ContentDirectory))));
        Assert.NotNull(result.Course);
        Assert.NotEmpty(result.Scenarios);
    }

    /// <summary>What <c>./practice sim FILE --variants 20</c> checks, for every scenario with variants.</summary>
    [Fact]
    public void EveryScenarioWithVariantsKeepsItsRightAnswersAcrossTwentyVariants()
    {
        var result = ContentLoader.Load(ContentDirectory, new ContentLoadOptions { RunScenarios = false });
        var varied = result.Scenarios.Where(s => s.HasVariants).ToList();

        Assert.True(varied.Count(s => s.Module == "control-plane-data-plane") >= 3, $"module 1 has {varied.Count} scenarios with variants");
        foreach (var scenario in varied)
        {
            var problems = new Problems();
            var report = VariantCheck.Run(ScenarioGrader.Run(scenario), 20, problems);

            Assert.True(report is not null && !problems.HasErrors, $"{scenario.Id}:\n{string.Join("\n", problems.All.Select(p => p.ToString(ContentDirectory)))}");
            foreach (var variable in scenario.Variables)
            {
                Assert.True(report!.Variants.Select(v => v.Scenario.Variant[variable.Name]).Distinct().Count() > 1, $"{scenario.Id}: 20 seeds drew one value of '{variable.Name}'");
            }
        }
    }
}
