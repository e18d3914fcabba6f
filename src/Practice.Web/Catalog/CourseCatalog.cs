using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Practice.Data;

namespace Practice.Web.Catalog;

public sealed record ModuleOutline(string Id, string Title, string Summary, IReadOnlyList<LessonOutline> Lessons, int ScenarioCount, int? Answered);

public sealed record LessonOutline(string Id, string Title, string Summary, int Minutes);

/// <summary>A lesson as a link: <c>/learn/{ModuleId}/{Id}</c>.</summary>
public sealed record LessonLink(string ModuleId, string Id, string Title)
{
    public string Href => $"/learn/{ModuleId}/{Id}";
}

public sealed record TocEntry(int Level, string Id, string Title);

public sealed record LessonPage(string Id, string ModuleId, string Title, int Minutes, string Html, IReadOnlyList<TocEntry> Toc);

public sealed record ScenarioListing(string Id, string Title, string ModuleId, int Difficulty, string[] Components, string[] QuestionKinds);

/// <summary>Reads the imported course: what is current and not retired, in course order.</summary>
public sealed class CourseCatalog(PracticeDbContext db, ContentCache cache)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<IReadOnlyList<ModuleOutline>> CourseAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("course", () => LoadCourseAsync(cancellationToken));

    public Task<LessonPage?> LessonAsync(string lessonId, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync($"lesson:{lessonId}", () => LoadLessonAsync(lessonId, cancellationToken));

    public Task<IReadOnlyList<ScenarioListing>> ScenariosAsync(string? moduleId, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync($"scenarios:{moduleId}", () => LoadScenariosAsync(moduleId, cancellationToken));

    /// <summary>
    /// For each component, the lesson that teaches it: the current lesson whose text names it most
    /// often (lessons carry no component list). Components no lesson names are absent.
    /// </summary>
    public Task<IReadOnlyDictionary<string, LessonLink>> LessonsTeachingAsync(CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("teaching", () => LoadLessonsTeachingAsync(cancellationToken));

    /// <summary>The scenarios the learner has an attempt at, whatever its state.</summary>
    public async Task<IReadOnlySet<string>> AnsweredScenariosAsync(Guid learner, CancellationToken cancellationToken) =>
        (await db.Attempts.AsNoTracking().Where(a => a.LearnerId == learner)
            .Select(a => a.ScenarioVersion!.ScenarioId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>How many of each module's current scenarios the learner has answered (modules with none are absent).</summary>
    public async Task<IReadOnlyDictionary<string, int>> AnsweredPerModuleAsync(Guid learner, CancellationToken cancellationToken) =>
        await db.Attempts.AsNoTracking()
            .Where(a => a.LearnerId == learner)
            .Select(a => a.ScenarioVersion!.ScenarioId).Distinct()
            .Join(db.Scenarios.Where(s => s.RetiredAt == null), id => id, s => s.Id, (id, s) => s.CurrentVersion!.ModuleId)
            .GroupBy(m => m).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private async Task<IReadOnlyList<ModuleOutline>> LoadCourseAsync(CancellationToken cancellationToken)
    {
        var modules = await db.Modules.AsNoTracking().Where(m => m.RetiredAt == null).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.RetiredAt == null)
            .Select(l => new { l.CurrentVersion!.ModuleId, l.Id, l.CurrentVersion.Title, l.CurrentVersion.Summary, l.CurrentVersion.Minutes, l.CurrentVersion.Order })
            .ToListAsync(cancellationToken);
        var scenarioCounts = await db.Scenarios.AsNoTracking().Where(s => s.RetiredAt == null)
            .GroupBy(s => s.CurrentVersion!.ModuleId)
            .Select(g => new { ModuleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ModuleId, g => g.Count, cancellationToken);
        return modules.Select(m => new ModuleOutline(
                m.Id, m.Title, m.Summary,
                lessons.Where(l => l.ModuleId == m.Id).OrderBy(l => l.Order).ThenBy(l => l.Id, StringComparer.Ordinal)
                    .Select(l => new LessonOutline(l.Id, l.Title, l.Summary, l.Minutes)).ToList(),
                scenarioCounts.GetValueOrDefault(m.Id),
                Answered: null))
            .ToList();
    }

    private async Task<IReadOnlyDictionary<string, LessonLink>> LoadLessonsTeachingAsync(CancellationToken cancellationToken)
    {
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.RetiredAt == null)
            .Select(l => new { l.Id, l.CurrentVersion!.ModuleId, l.CurrentVersion.Title, l.CurrentVersion.Html, l.CurrentVersion.Order })
            .ToListAsync(cancellationToken);
        var teaching = new Dictionary<string, LessonLink>(StringComparer.Ordinal);
        foreach (var component in Practice.Simulation.Model.Components.Names)
        {
            var best = lessons
                .Select(l => (Lesson: l, Mentions: Mentions(l.Html, component)))
                .Where(x => x.Mentions > 0)
                .OrderByDescending(x => x.Mentions).ThenBy(x => x.Lesson.Order).ThenBy(x => x.Lesson.Id, StringComparer.Ordinal)
                .Select(x => x.Lesson).FirstOrDefault();
            if (best is not null)
            {
                teaching[component] = new LessonLink(best.ModuleId, best.Id, best.Title);
            }
        }
        return teaching;
    }

    private static int Mentions(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }
        return count;
    }

    private async Task<LessonPage?> LoadLessonAsync(string lessonId, CancellationToken cancellationToken)
    {
        var version = await db.Lessons.AsNoTracking().Where(l => l.Id == lessonId && l.RetiredAt == null)
            .Select(l => l.CurrentVersion!).SingleOrDefaultAsync(cancellationToken);
        return version is null
            ? null
            : new LessonPage(version.LessonId, version.ModuleId, version.Title, version.Minutes, version.Html,
                JsonSerializer.Deserialize<List<TocEntry>>(version.TocJson, Json) ?? []);
    }

    private async Task<IReadOnlyList<ScenarioListing>> LoadScenariosAsync(string? moduleId, CancellationToken cancellationToken) =>
        await db.Scenarios.AsNoTracking().Where(s => s.RetiredAt == null && (moduleId == null || s.CurrentVersion!.ModuleId == moduleId))
            .OrderBy(s => s.CurrentVersion!.Difficulty).ThenBy(s => s.CurrentVersion!.Title)
            .Select(s => new ScenarioListing(s.Id, s.CurrentVersion!.Title, s.CurrentVersion.ModuleId, s.CurrentVersion.Difficulty,
                s.CurrentVersion.Components, s.CurrentVersion.QuestionKinds))
            .ToListAsync(cancellationToken);
}
