using Practice.Content.Courses;
using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Lessons;
using Practice.Content.Questions;
using Practice.Content.Scenarios;

namespace Practice.Content;

/// <summary>
/// Everything under a content directory, checked. The import refuses to write anything when
/// <see cref="Errors"/> is not empty; the lists hold only the files that parsed cleanly.
/// </summary>
public sealed record ContentLoadResult(
    Course? Course,
    IReadOnlyList<Lesson> Lessons,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyList<ContentProblem> Errors,
    IReadOnlyList<ContentProblem> Warnings)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The mock exams' blueprints (<c>exams/*.yml</c>), each checked against the scenarios.</summary>
    public IReadOnlyList<Exams.ExamBlueprint> Exams { get; init; } = [];

    /// <summary>Each checked scenario's own run, by scenario id, when the load ran them: the import stores them.</summary>
    public IReadOnlyDictionary<string, ScenarioRun> Runs { get; init; } = new Dictionary<string, ScenarioRun>();

    /// <summary>Number of questions of each kind over every scenario.</summary>
    public IReadOnlyDictionary<QuestionKind, int> QuestionsPerKind =>
        Enum.GetValues<QuestionKind>().ToDictionary(k => k, k => Scenarios.Sum(s => s.Questions.Count(q => q.Kind == k)));
}

public sealed record ContentLoadOptions
{
    /// <summary>Run every scenario and check the authors' <c>expect:</c> against the simulation (on by default).</summary>
    public bool RunScenarios { get; init; } = true;
}

/// <summary>Loads <c>course.yml</c>, <c>lessons/*.md</c>, <c>scenarios/*.md</c> and <c>exams/*.yml</c> of a content directory.</summary>
public static class ContentLoader
{
    public const string CourseFile = "course.yml";

    public static ContentLoadResult Load(string directory, ContentLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new ContentLoadOptions();
        var problems = new Problems();
        if (!Directory.Exists(directory))
        {
            problems.Error(new SourcePosition(directory, 1, 1), "no such content directory");
            return Result(null, [], [], problems);
        }

        Course? course = null;
        var coursePath = Path.Combine(directory, CourseFile);
        if (File.Exists(coursePath))
        {
            course = Course.Parse(ContentFile.Read(coursePath), problems);
        }
        else
        {
            problems.Error(new SourcePosition(coursePath, 1, 1), "the course file is missing: list the modules in course.yml");
        }
        var moduleIds = course?.Modules.Select(m => m.Id).ToList();

        var lessons = new List<Lesson>();
        foreach (var path in Files(directory, "lessons"))
        {
            if (Lesson.Parse(ContentFile.Read(path), problems) is not { } lesson)
            {
                continue;
            }
            if (lessons.FirstOrDefault(l => l.Id == lesson.Id) is { } first)
            {
                problems.Error(lesson.Positions["id"], $"duplicate lesson id '{lesson.Id}' (also in {first.SourcePath})");
                continue;
            }
            if (moduleIds is not null && !moduleIds.Contains(lesson.Module))
            {
                problems.Error(lesson.Positions["module"], Suggest.Unknown("module", lesson.Module, moduleIds) + " (see course.yml)");
                continue;
            }
            if (lessons.FirstOrDefault(l => l.Module == lesson.Module && l.Order == lesson.Order) is { } same)
            {
                problems.Error(lesson.Positions["order"], $"lesson '{same.Id}' ({same.SourcePath}) already has order {lesson.Order} in module '{lesson.Module}'");
            }
            lessons.Add(lesson);
        }

        var scenarios = new List<Scenario>();
        var runs = new Dictionary<string, ScenarioRun>(StringComparer.Ordinal);
        foreach (var path in Files(directory, "scenarios"))
        {
            if (Scenario.Parse(ContentFile.Read(path), problems) is not { } scenario)
            {
                continue;
            }
            if (scenarios.FirstOrDefault(s => s.Id == scenario.Id) is { } first)
            {
                problems.Error(scenario.IdAt, $"duplicate scenario id '{scenario.Id}' (also in {first.SourcePath})");
                continue;
            }
            if (moduleIds is not null && !moduleIds.Contains(scenario.Module))
            {
                problems.Error(scenario.ModuleAt, Suggest.Unknown("module", scenario.Module, moduleIds) + " (see course.yml)");
            }
            if (options.RunScenarios)
            {
                var before = problems.ErrorCount;
                var run = ScenarioGrader.Check(scenario, problems, cancellationToken);
                if (problems.ErrorCount != before || run is null)
                {
                    continue;
                }
                runs[scenario.Id] = run;
            }
            scenarios.Add(scenario);
        }
        var exams = new List<Exams.ExamBlueprint>();
        foreach (var path in Files(directory, "exams", "*.yml"))
        {
            if (Exams.ExamBlueprint.Parse(ContentFile.Read(path), problems) is not { } exam)
            {
                continue;
            }
            if (exams.FirstOrDefault(e => e.Id == exam.Id) is { } first)
            {
                problems.Error(exam.IdAt, $"duplicate exam id '{exam.Id}' (also in {first.SourcePath})");
                continue;
            }
            var before = problems.ErrorCount;
            exam.Check(scenarios, moduleIds, problems);
            if (problems.ErrorCount == before)
            {
                exams.Add(exam);
            }
        }
        return Result(course, lessons, scenarios, problems) with { Runs = runs, Exams = exams };
    }

    /// <summary>
    /// Loads one scenario file on its own, as <c>./practice sim</c> does: a module that is not in a
    /// course (looked up in <paramref name="course"/> when given) is only a warning.
    /// </summary>
    public static (Scenario? Scenario, IReadOnlyList<ContentProblem> Problems) LoadScenario(string path, Course? course = null)
    {
        var problems = new Problems();
        Scenario? scenario = null;
        if (!File.Exists(path))
        {
            problems.Error(new SourcePosition(path, 1, 1), "no such file");
        }
        else
        {
            scenario = Scenario.Parse(ContentFile.Read(path), problems);
        }
        if (scenario is not null)
        {
            var modules = course?.Modules.Select(m => m.Id).ToList();
            if (modules is null)
            {
                problems.Warning(scenario.ModuleAt, $"module '{scenario.Module}' is not checked: no course.yml found beside this file");
            }
            else if (!modules.Contains(scenario.Module))
            {
                problems.Warning(scenario.ModuleAt, Suggest.Unknown("module", scenario.Module, modules));
            }
        }
        return (scenario, problems.Sorted());
    }

    /// <summary>The course.yml of the content directory a scenario file sits in (<c>DIR/scenarios/x.md</c>), if any.</summary>
    public static Course? FindCourseFor(string scenarioPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(scenarioPath));
        var candidate = directory is null ? null : Path.Combine(Path.GetDirectoryName(directory) ?? directory, CourseFile);
        if (candidate is null || !File.Exists(candidate))
        {
            return null;
        }
        return Course.Parse(ContentFile.Read(candidate), new Problems());
    }

    private static IEnumerable<string> Files(string directory, string folder, string pattern = "*.md")
    {
        var path = Path.Combine(directory, folder);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, pattern).Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [];
    }

    private static ContentLoadResult Result(Course? course, List<Lesson> lessons, List<Scenario> scenarios, Problems problems)
    {
        var sorted = problems.Sorted();
        return new ContentLoadResult(course, lessons, scenarios, [.. sorted.Where(p => !p.IsWarning)], [.. sorted.Where(p => p.IsWarning)]);
    }
}
