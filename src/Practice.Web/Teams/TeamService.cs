using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;
using Practice.Web.Accounts;
using Practice.Web.Progress;

namespace Practice.Web.Teams;

public sealed record MyTeam(Guid Id, string Name, TeamRole Role, int Members);

public sealed record InviteView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int Uses, int MaxUses, DateTimeOffset? RevokedAt)
{
    public string State(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : Uses >= MaxUses ? "used up" : "open";
}

/// <summary>What an invite link leads to: the team, or why it cannot be used.</summary>
public sealed record InviteCheck(Guid? TeamId, string? TeamName, string? Problem);

/// <summary>A team and its members (owner first, then by name), as the pages list them.</summary>
public sealed record TeamView(Guid Id, string Name, string Description, IReadOnlyList<TeamMemberView> Members);

public sealed record TeamMemberView(string UserId, string DisplayName, TeamRole Role, DateTimeOffset JoinedAt, Guid LearnerId, string TimeZone);

public sealed record MemberRow(string UserId, string DisplayName, TeamRole Role, DateTimeOffset JoinedAt, int AnswersLast4Weeks, IReadOnlyList<Mastery> Modules);

public sealed record TeamDashboard(Guid Id, string Name, string Description, IReadOnlyList<MemberRow> Members, IReadOnlyList<Mastery> Weakest, IReadOnlyList<string> ModuleIds);

/// <summary>Teams, their members and invites. Who may call what is decided by <see cref="TeamAccess"/>'s policies before a page runs.</summary>
public sealed class TeamService(PracticeDbContext db, ProgressQueries progress, TimeProvider clock, ILogger<TeamService> logger)
{
    public const int DefaultInviteDays = 7;
    public const int DefaultInviteUses = 10;
    public const int ActivityDays = 28;

    public async Task<Guid> CreateAsync(string userId, string name, string description, CancellationToken cancellationToken)
    {
        var team = new Team { Id = Guid.NewGuid(), Name = name.Trim(), Description = description.Trim(), CreatedAt = clock.GetUtcNow() };
        team.Members.Add(new TeamMember { TeamId = team.Id, UserId = userId, Role = TeamRole.Owner, JoinedAt = team.CreatedAt });
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Team {TeamId} created by {UserId}", team.Id, userId);
        return team.Id;
    }

    public static string? ValidateTeam(string? name, string? description) =>
        string.IsNullOrWhiteSpace(name) ? "Give the team a name."
        : name.Trim().Length > Team.NameMaxLength ? $"A team name has at most {Team.NameMaxLength} characters."
        : (description?.Trim().Length ?? 0) > Team.DescriptionMaxLength ? $"A description has at most {Team.DescriptionMaxLength} characters."
        : name.Any(char.IsControl) ? "A team name cannot contain control characters."
        : null;

    public async Task<IReadOnlyList<MyTeam>> MyTeamsAsync(string userId, CancellationToken cancellationToken) =>
        (await db.Teams.AsNoTracking().Where(t => t.Members.Any(m => m.UserId == userId))
            .Select(t => new { t.Id, t.Name, Role = t.Members.Where(m => m.UserId == userId).Select(m => m.Role).First(), Members = t.Members.Count })
            .OrderBy(t => t.Name).ToListAsync(cancellationToken))
        .Select(t => new MyTeam(t.Id, t.Name, t.Role, t.Members)).ToList();

    /// <returns>The invite and its link's token, which is shown once and stored only as a hash.</returns>
    public async Task<string> CreateInviteAsync(Guid teamId, int days, int maxUses, CancellationToken cancellationToken)
    {
        var token = SecretToken.New();
        var now = clock.GetUtcNow();
        db.TeamInvites.Add(new TeamInvite
        {
            Id = Guid.NewGuid(), TeamId = teamId, TokenHash = SecretToken.Hash(token), CreatedAt = now,
            ExpiresAt = now.AddDays(days), MaxUses = maxUses,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<IReadOnlyList<InviteView>> InvitesAsync(Guid teamId, CancellationToken cancellationToken) =>
        await db.TeamInvites.AsNoTracking().Where(i => i.TeamId == teamId).OrderByDescending(i => i.CreatedAt)
            .Select(i => new InviteView(i.Id, i.CreatedAt, i.ExpiresAt, i.Uses, i.MaxUses, i.RevokedAt)).ToListAsync(cancellationToken);

    public async Task<bool> RevokeInviteAsync(Guid teamId, Guid inviteId, CancellationToken cancellationToken) =>
        await db.TeamInvites.Where(i => i.Id == inviteId && i.TeamId == teamId && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, clock.GetUtcNow()), cancellationToken) == 1;

    public async Task<InviteCheck> CheckInviteAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new InviteCheck(null, null, "This invite link is not complete. Ask for the link again.");
        }
        var hash = SecretToken.Hash(token);
        var invite = await db.TeamInvites.AsNoTracking().Where(i => i.TokenHash == hash)
            .Join(db.Teams, i => i.TeamId, t => t.Id, (i, t) => new { Invite = i, t.Name }).SingleOrDefaultAsync(cancellationToken);
        return invite is null ? new InviteCheck(null, null, "This invite link does not lead to a team. Ask for a new one.")
            : Problem(invite.Invite) is { } problem ? new InviteCheck(invite.Invite.TeamId, invite.Name, problem)
            : new InviteCheck(invite.Invite.TeamId, invite.Name, null);
    }

    /// <summary>
    /// Joins the team the token invites to, using one of the invite's uses (atomically: two people
    /// taking the last use cannot both get in). Someone already a member joins nothing and uses nothing.
    /// </summary>
    public async Task<InviteCheck> JoinAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var check = await CheckInviteAsync(token, cancellationToken);
        if (check.Problem is not null || check.TeamId is not { } teamId)
        {
            return check;
        }
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken))
        {
            return check;
        }
        var hash = SecretToken.Hash(token);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var used = await db.TeamInvites
            .Where(i => i.TokenHash == hash && i.RevokedAt == null && i.ExpiresAt > now && i.Uses < i.MaxUses)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), cancellationToken);
        if (used == 0)
        {
            return check with { Problem = "This invite link has just been used up, revoked or has expired. Ask for a new one." };
        }
        db.TeamMembers.Add(new TeamMember { TeamId = teamId, UserId = userId, Role = TeamRole.Member, JoinedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same person joined from another tab a moment ago: they are in, and this use is given back (rolled back).
            db.ChangeTracker.Clear();
            return check;
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{UserId} joined team {TeamId} by invite", userId, teamId);
        return check;
    }

    public async Task<bool> SetRoleAsync(Guid teamId, string userId, TeamRole role, CancellationToken cancellationToken) =>
        role != TeamRole.Owner && await db.TeamMembers.Where(m => m.TeamId == teamId && m.UserId == userId && m.Role != TeamRole.Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), cancellationToken) == 1;

    public async Task<bool> RemoveAsync(Guid teamId, string userId, CancellationToken cancellationToken) =>
        await db.TeamMembers.Where(m => m.TeamId == teamId && m.UserId == userId && m.Role != TeamRole.Owner)
            .ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>A member leaves; the owner cannot (they transfer ownership or delete the team first).</summary>
    public Task<bool> LeaveAsync(Guid teamId, string userId, CancellationToken cancellationToken) => RemoveAsync(teamId, userId, cancellationToken);

    /// <summary>The owner hands the team to another member and becomes a host.</summary>
    public async Task<bool> TransferAsync(Guid teamId, string ownerId, string newOwnerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var promoted = await db.TeamMembers.Where(m => m.TeamId == teamId && m.UserId == newOwnerId && m.Role != TeamRole.Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Owner), cancellationToken);
        var demoted = await db.TeamMembers.Where(m => m.TeamId == teamId && m.UserId == ownerId && m.Role == TeamRole.Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TeamRole.Host), cancellationToken);
        if (promoted != 1 || demoted != 1)
        {
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task DeleteAsync(Guid teamId, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => t.Id == teamId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The team and its members; null when there is no such team.</summary>
    public async Task<TeamView?> TeamAsync(Guid teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Select(t => new { t.Id, t.Name, t.Description }).SingleOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return null;
        }
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == teamId)
            .Select(m => new TeamMemberView(m.UserId, m.User!.DisplayName, m.Role, m.JoinedAt, m.User.LearnerId, m.User.TimeZone))
            .ToListAsync(cancellationToken);
        return new TeamView(team.Id, team.Name, team.Description,
            [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)]);
    }

    /// <summary>Each member's mastery per module and activity over the last four weeks, and the team's weakest components.</summary>
    public async Task<TeamDashboard?> DashboardAsync(Guid teamId, CancellationToken cancellationToken)
    {
        if (await TeamAsync(teamId, cancellationToken) is not { } team)
        {
            return null;
        }
        var rows = new List<MemberRow>();
        var components = new Dictionary<string, (int Answers, int Right)>(StringComparer.Ordinal);
        foreach (var member in team.Members)
        {
            var summary = await progress.SummaryAsync(member.LearnerId, member.TimeZone, cancellationToken);
            var since = TimeZones.Today(clock, member.TimeZone).AddDays(-(ActivityDays - 1));
            rows.Add(new MemberRow(member.UserId, member.DisplayName, member.Role, member.JoinedAt,
                summary.Days.Where(d => d.Day >= since).Sum(d => d.Answers), summary.Modules));
            foreach (var c in summary.Components)
            {
                var sum = components.GetValueOrDefault(c.Name);
                components[c.Name] = (sum.Answers + c.Answers, sum.Right + c.Right);
            }
        }
        var weakest = Mastery.WeakestOf(components.Select(c => new Mastery(c.Key, c.Value.Answers, c.Value.Right)));
        var modules = rows.SelectMany(r => r.Modules.Select(m => m.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new TeamDashboard(team.Id, team.Name, team.Description, rows, weakest, modules);
    }

    private string? Problem(TeamInvite invite) =>
        invite.RevokedAt is not null ? "This invite link was revoked by the team's owner. Ask for a new one."
        : invite.ExpiresAt <= clock.GetUtcNow() ? "This invite link has expired. Ask for a new one."
        : invite.Uses >= invite.MaxUses ? "This invite link has been used as many times as it allows. Ask for a new one."
        : null;

}
