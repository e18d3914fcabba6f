using System.Text.Json;
using Practice.Content;

namespace Practice.Web.Importing;

/// <summary>Checks a content directory and, only when it is clean, imports it.</summary>
public static class ContentImportCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>import-content DIR</c>: 0 when imported (or unchanged), 2 when any file is wrong, in which
    /// case nothing is written. The summary goes to <paramref name="output"/>, problems to <paramref name="errors"/>.
    /// </summary>
    public static async Task<int> RunAsync(string directory, IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var snapshot = Check(directory, errors, cancellationToken);
        if (snapshot is null)
        {
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(snapshot, cancellationToken);
        output.WriteLine($"Practice: content imported from {directory}: {summary}");
        return 0;
    }

    /// <summary>The checked content as the importer's snapshot; null (and the errors printed) when any file is wrong.</summary>
    public static ContentSnapshot? Check(string directory, TextWriter errors, CancellationToken cancellationToken)
    {
        var loaded = ContentLoader.Load(directory, cancellationToken: cancellationToken);
        foreach (var warning in loaded.Warnings)
        {
            errors.WriteLine(warning);
        }
        if (!loaded.Succeeded || loaded.Course is null)
        {
            foreach (var error in loaded.Errors)
            {
                errors.WriteLine(error);
            }
            errors.WriteLine($"Practice: {loaded.Errors.Count} error(s) in {directory}; nothing was imported");
            return null;
        }
        return new ContentSnapshot(
            [.. loaded.Course.Modules.Select(m => new ModuleSnapshot(m.Id, m.Title, m.Summary))],
            [.. loaded.Lessons.Select(l => new LessonSnapshot(
                l.Id, l.ContentHash, l.Module, l.Title, l.Summary, l.Order, l.Minutes, RelativePath(directory, l.SourcePath), l.RawText, l.Html,
                JsonSerializer.Serialize(l.Toc.Select(t => new { level = t.Level, id = t.Anchor, title = t.Title }), Json)))],
            [.. loaded.Scenarios.Select(s => new ScenarioSnapshot(
                s.Id, s.ContentHash, s.Module, s.Title, s.Difficulty, [.. s.Components],
                [.. s.Questions.Select(q => q.KindName).Distinct()], RelativePath(directory, s.SourcePath), s.RawText,
                loaded.Runs.TryGetValue(s.Id, out var run) ? run.Trace.ToJson() : null))],
            [.. loaded.Exams.Select(e => new ExamSnapshot(e.Id, e.Title, e.ContentHash, e.RawText))]);
    }

    private static string RelativePath(string directory, string path) =>
        Path.Combine("content", Path.GetRelativePath(directory, path)).Replace('\\', '/');
}
