using Microsoft.AspNetCore.Identity;

namespace Practice.Data;

/// <summary>An account: an ASP.NET Core Identity user with what Practice adds to it.</summary>
public sealed class PracticeUser : IdentityUser
{
    public const int DisplayNameMaxLength = 60;
    public const int TimeZoneMaxLength = 64;

    /// <summary>Shown in the header and, later, on team pages, instead of the e-mail address.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>An IANA time zone (e.g. <c>Europe/Berlin</c>): where the learner's days begin and end for progress and streaks.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// The learner id the account's attempts carry (<see cref="Attempt.LearnerId"/>), the same on
    /// every device; a visitor's anonymous attempts take it when they are merged in.
    /// </summary>
    public Guid LearnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set for a password handed out by an operator (<c>./practice admin create</c>): it must be changed at the first sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>The roles Practice knows.</summary>
public static class Roles
{
    public const string Learner = "learner";
    public const string Admin = "admin";

    public static readonly string[] All = [Learner, Admin];
}

/// <summary>
/// A browser's anonymous learner id that was merged into an account. The id is the key: it is
/// merged once, into one account, however many sign-ins race for it.
/// </summary>
public sealed class LearnerMerge
{
    public Guid AnonymousId { get; init; }
    public string UserId { get; init; } = "";
    public DateTimeOffset MergedAt { get; init; }

    /// <summary>How many attempts moved.</summary>
    public int Attempts { get; init; }
}
