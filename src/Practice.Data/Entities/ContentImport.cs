namespace Practice.Data;

/// <summary>One run of the content import, for the operator's record.</summary>
public sealed class ContentImport
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int LessonVersionsAdded { get; set; }
    public int ScenarioVersionsAdded { get; set; }
    public int Retired { get; set; }
}
