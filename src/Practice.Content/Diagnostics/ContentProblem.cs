namespace Practice.Content.Diagnostics;

/// <summary>Where a value sits in a content file: 1-based line and column.</summary>
public sealed record SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";

    /// <summary>The same position with <paramref name="columns"/> more columns, e.g. inside a probe.</summary>
    public SourcePosition Offset(int columns) => this with { Column = Column + columns };
}

/// <summary>One problem found in content: an error stops a check or an import, a warning does not.</summary>
public sealed record ContentProblem(SourcePosition At, string Message, bool IsWarning = false)
{
    /// <summary><c>file:line:col: message</c>, the form editors and terminals link to.</summary>
    public override string ToString() => IsWarning ? $"{At}: warning: {Message}" : $"{At}: {Message}";

    /// <summary>The same text with the file shown relative to <paramref name="directory"/> when it lies inside it.</summary>
    public string ToString(string directory)
    {
        var relative = Path.GetRelativePath(directory, At.File);
        var file = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? At.File : relative;
        return (this with { At = At with { File = file } }).ToString();
    }
}

/// <summary>Collects every problem of a run, so an author sees them all at once.</summary>
public sealed class Problems
{
    private readonly List<ContentProblem> all = [];

    public IReadOnlyList<ContentProblem> All => all;

    public IEnumerable<ContentProblem> Errors => all.Where(p => !p.IsWarning);

    public IEnumerable<ContentProblem> Warnings => all.Where(p => p.IsWarning);

    public bool HasErrors => all.Any(p => !p.IsWarning);

    public int ErrorCount => all.Count(p => !p.IsWarning);

    public void Error(SourcePosition at, string message) => all.Add(new ContentProblem(at, message));

    public void Warning(SourcePosition at, string message) => all.Add(new ContentProblem(at, message, IsWarning: true));

    public void Add(ContentProblem problem) => all.Add(problem);

    public void AddRange(IEnumerable<ContentProblem> problems) => all.AddRange(problems);

    /// <summary>In file order: file, then line, then column (stable for equal positions).</summary>
    public IReadOnlyList<ContentProblem> Sorted() =>
        [.. all.OrderBy(p => p.At.File, StringComparer.Ordinal).ThenBy(p => p.At.Line).ThenBy(p => p.At.Column)];
}
