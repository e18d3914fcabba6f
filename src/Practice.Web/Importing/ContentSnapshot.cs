namespace Practice.Web.Importing;

/// <summary>What the import writes: the course as checked on disk, already rendered.</summary>
public sealed record ContentSnapshot(
    IReadOnlyList<ModuleSnapshot> Modules,
    IReadOnlyList<LessonSnapshot> Lessons,
    IReadOnlyList<ScenarioSnapshot> Scenarios,
    IReadOnlyList<ExamSnapshot>? Exams = null);

/// <summary>A mock exam blueprint as checked: its source is kept and read again by the app.</summary>
public sealed record ExamSnapshot(string Id, string Title, string ContentHash, string Source);

public sealed record ModuleSnapshot(string Id, string Title, string Summary);

public sealed record LessonSnapshot(
    string Id, string ContentHash, string ModuleId, string Title, string Summary, int Order, int Minutes,
    string SourcePath, string Source, string Html, string TocJson);

/// <param name="BaseRunJson">The trace of the scenario's own run, from the check (null when the check did not run it).</param>
public sealed record ScenarioSnapshot(
    string Id, string ContentHash, string ModuleId, string Title, int Difficulty,
    string[] Components, string[] QuestionKinds, string SourcePath, string Source, string? BaseRunJson = null);

/// <summary>What one import changed. All zero means the database already held exactly this content.</summary>
public sealed record ImportSummary(int LessonVersionsAdded, int ScenarioVersionsAdded, int Retired, int ModulesChanged, int ExamsChanged = 0)
{
    public bool ChangedAnything => LessonVersionsAdded + ScenarioVersionsAdded + Retired + ModulesChanged + ExamsChanged > 0;

    public override string ToString() =>
        ChangedAnything
            ? $"{LessonVersionsAdded} new lesson version(s), {ScenarioVersionsAdded} new scenario version(s), {Retired} retired, {ModulesChanged} module(s) changed"
                + (ExamsChanged > 0 ? $", {ExamsChanged} exam(s) changed" : "")
            : "content unchanged";
}
