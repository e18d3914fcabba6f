namespace Practice.Data;

/// <summary>What a member may do in a team: a host also runs sessions and exports; the owner also manages.</summary>
public enum TeamRole { Member = 0, Host = 1, Owner = 2 }

/// <summary>A study team: a lead (the owner), hosts, and the people they train.</summary>
public sealed class Team
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 500;

    public Guid Id { get; init; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public List<TeamMember> Members { get; init; } = [];
}

public sealed class TeamMember
{
    public Guid TeamId { get; init; }
    public string UserId { get; init; } = "";
    public PracticeUser? User { get; init; }
    public TeamRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; init; }
}

/// <summary>
/// A link that lets people join a team. Only the SHA-256 of its random token is stored; the link
/// itself is shown once, to the owner who made it.
/// </summary>
public sealed class TeamInvite
{
    public Guid Id { get; init; }
    public Guid TeamId { get; init; }
    public byte[] TokenHash { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int MaxUses { get; init; }
    public int Uses { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
