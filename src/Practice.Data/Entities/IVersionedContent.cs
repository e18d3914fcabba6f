namespace Practice.Data;

/// <summary>A lesson or scenario: an id that points at its current version and can be retired.</summary>
public interface IVersionedContent
{
    string Id { get; }
    long CurrentVersionId { get; set; }
    DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>One imported revision of a content file.</summary>
public interface IContentVersion
{
    long Id { get; }
    string ContentHash { get; }
}
