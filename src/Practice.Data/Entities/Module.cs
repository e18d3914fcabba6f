namespace Practice.Data;

/// <summary>A course module, in the order of <c>content/course.yml</c>.</summary>
public sealed class Module
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int Position { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}
