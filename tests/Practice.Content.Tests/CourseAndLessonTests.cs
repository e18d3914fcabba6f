using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Lessons;

namespace Practice.Content.Tests;

public class CourseAndLessonTests
{
    private static IReadOnlyList<string> CourseProblems(string text)
    {
        var problems = new Problems();
        Courses.Course.Parse(ContentFile.FromText("course.yml", text), problems);
        return [.. problems.Sorted().Select(p => p.ToString())];
    }

    private static (Lesson? Lesson, IReadOnlyList<string> Problems) ParseLesson(string text)
    {
        var problems = new Problems();
        var lesson = Lesson.Parse(ContentFile.FromText("lesson.md", text), problems);
        return (lesson, [.. problems.Sorted().Select(p => p.ToString())]);
    }

    [Fact]
    public void ACourseWithDuplicateModulesAndAMisspeltFieldReportsBoth()
    {
        var problems = CourseProblems("""
            title: Course
            modules:
              - id: one
                title: One
                sumary: First.
              - id: one
                title: Again
                summary: Second.
            """);

        Assert.Equal(
            [
                "course.yml:3:5: missing required field 'summary'",
                "course.yml:5:5: unknown field 'sumary'; did you mean 'summary'?",
                "course.yml:6:9: duplicate module id 'one' (first at line 3)",
            ],
            problems);
    }

    [Fact]
    public void ALessonKeepsItsFieldsBodyAndPositions()
    {
        var (lesson, problems) = ParseLesson("---\nid: split\nmodule: m\ntitle: The split\norder: 2\nsummary: S\nminutes: 20\n---\n## One\n\nText.\n");

        Assert.Empty(problems);
        Assert.Equal(("split", "m", "The split", 2, 20), (lesson!.Id, lesson.Module, lesson.Title, lesson.Order, lesson.Minutes));
        Assert.Equal("## One\n\nText.\n", lesson.Markdown);
        Assert.Contains("<h2 id=\"one\">One</h2>", lesson.Html);
        Assert.Equal(new SourcePosition("lesson.md", 5, 8), lesson.Positions["order"]);
    }

    [Fact]
    public void ALessonWithoutFrontMatterSaysHowToStart()
    {
        var (_, problems) = ParseLesson("# Title\n");

        Assert.Equal(["lesson.md:1:1: the file must start with a '---' line, then the YAML front matter, then another '---' line"], problems);
    }

    [Fact]
    public void ARepeatedFieldAndMissingOnesAreAllReported()
    {
        var (_, problems) = ParseLesson("---\nid: a\nid: b\nmodule: m\ntitle: T\nsummary: S\n---\nText.\n");

        Assert.Equal(
            [
                "lesson.md:2:1: missing required field 'order'",
                "lesson.md:2:1: missing required field 'minutes'",
                "lesson.md:3:1: field 'id' is given twice (first at line 2)",
            ],
            problems);
    }
}
