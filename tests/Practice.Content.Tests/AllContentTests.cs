namespace Practice.Content.Tests;

/// <summary>The course as shipped: every file loads and every scenario runs and agrees with its authors.</summary>
public class AllContentTests
{
    [Fact]
    public void EveryFileInContentLoadsAndEveryScenarioAgreesWithTheSimulation()
    {
        var dir = Path.Combine(Fixture.RepositoryRoot(), "content");

        var result = ContentLoader.Load(dir);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.ToString(dir))));
        Assert.NotNull(result.Course);
        Assert.NotEmpty(result.Scenarios);
    }
}
