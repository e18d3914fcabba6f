namespace Practice.Content.Tests;

/// <summary>content/README.md lists what <c>timings:</c> takes; the reader accepts the same names, no more.</summary>
public sealed class TimingOverridesTests
{
    [Fact]
    public void TheDocumentedOverridesAreExactlyTheOnesTheReaderAccepts()
    {
        var readme = File.ReadAllText(Path.Combine(Fixture.RepositoryRoot(), "content", "README.md"));
        var section = readme[readme.IndexOf("### timings", StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("timings:\n", StringComparison.Ordinal) + "timings:\n".Length)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var documented = block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l[..l.IndexOf(':')]).ToList();

        Assert.Equal(Scenarios.ScenarioReader.TimingFields.Order(), documented.Order());
    }
}
