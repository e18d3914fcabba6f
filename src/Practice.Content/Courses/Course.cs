using Practice.Content.Diagnostics;
using Practice.Content.Yaml;

namespace Practice.Content.Courses;

/// <summary>A module of the course, in the order <c>course.yml</c> lists them (1-based <see cref="Order"/>).</summary>
public sealed record CourseModule(string Id, string Title, string Summary, int Order, SourcePosition At);

/// <summary><c>content/course.yml</c>: the course title and its modules in order.</summary>
public sealed record Course(string Title, string Summary, IReadOnlyList<CourseModule> Modules, string ContentHash, string SourcePath, string RawText)
{
    public bool HasModule(string id) => Modules.Any(m => m.Id == id);

    private static readonly string[] Known = ["title", "summary", "modules"];
    private static readonly string[] ModuleFields = ["id", "title", "summary"];

    /// <summary>Parses course.yml; null when it has errors (reported to <paramref name="problems"/>).</summary>
    public static Course? Parse(ContentFile file, Problems problems)
    {
        var local = new Problems();
        var root = FrontMatter.ParseFile(file.Path, file.Text, local);
        Course? course = null;
        if (root is not null)
        {
            var fields = new Fields(root, local, Known);
            var title = Read.Text(fields.Required("title"), local, "title");
            var summary = fields["summary"] is { } s ? Read.Text(s, local, "summary") : "";
            var modules = new List<CourseModule>();
            var seen = new Dictionary<string, SourcePosition>();
            var list = Read.List(fields.Required("modules"), local, "modules");
            if (list is not null && list.Items.Count == 0)
            {
                local.Error(list.At, "the course needs at least one module");
            }
            foreach (var item in list?.Items ?? [])
            {
                if (Read.Map(item, local, "modules") is not { } map)
                {
                    continue;
                }
                var m = new Fields(map, local, ModuleFields);
                var id = Read.Slug(m.Required("id"), local, "id");
                var moduleTitle = Read.Text(m.Required("title"), local, "title");
                var moduleSummary = Read.Text(m.Required("summary"), local, "summary");
                if (id is not null && !seen.TryAdd(id, map.At))
                {
                    local.Error(m["id"]!.At, $"duplicate module id '{id}' (first at line {seen[id].Line})");
                    continue;
                }
                if (id is null || moduleTitle is null || moduleSummary is null)
                {
                    continue;
                }
                modules.Add(new CourseModule(id, moduleTitle, moduleSummary, modules.Count + 1, map.At));
            }
            if (!local.HasErrors && title is not null)
            {
                course = new Course(title, summary ?? "", modules, file.Hash, file.Path, file.Text);
            }
        }
        problems.AddRange(local.All);
        return course;
    }
}
