namespace Practice.Data;

/// <summary>
/// A seat in a live session: a team member, or a named guest when the host allows guests. The
/// seat is found again by a token kept in the participant's cookie (its SHA-256 is stored), not
/// by a connection, so a reload or a sleeping phone comes back to the same seat and score.
/// </summary>
public sealed class LiveParticipant
{
    public const int NameMaxLength = 40;

    public Guid Id { get; init; }
    public Guid SessionId { get; init; }
    public string? UserId { get; init; }
    public string DisplayName { get; init; } = "";
    public byte[] TokenHash { get; init; } = [];
    public DateTimeOffset JoinedAt { get; init; }
    public int Score { get; set; }
    public bool Removed { get; set; }
}

/// <summary>One participant's answer to one question of a live session, graded as practice grades it, scored for speed.</summary>
public sealed class LiveAnswer
{
    public Guid ParticipantId { get; init; }
    public int QuestionIndex { get; init; }
    public Guid SessionId { get; init; }
    public string Answer { get; init; } = "";
    public DateTimeOffset AnsweredAt { get; init; }
    public bool Correct { get; init; }
    public int Points { get; init; }
}
