using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Practice.Data;

namespace Practice.Web.Accounts;

/// <summary>
/// "Delete my account": the password again, then the account and everything it practised gone in
/// one transaction (a failure anywhere leaves it all as it was). Seats in live sessions stay in
/// their sessions' standings, without the account, as "A former member", so the other people's
/// results still add up. An owner of a team hands it over or deletes it first.
/// </summary>
public sealed class AccountDeletion(PracticeDbContext db, UserManager<PracticeUser> users, ILogger<AccountDeletion> logger)
{
    public const string FormerMember = "A former member";

    public async Task<AccountResult> DeleteAsync(string userId, string? password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            return new AccountResult(["That is not your password: nothing was deleted."]);
        }
        var owned = await db.TeamMembers.Where(m => m.UserId == userId && m.Role == TeamRole.Owner)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (_, t) => t.Name).ToListAsync(cancellationToken);
        if (owned.Count > 0)
        {
            return new AccountResult([$"You own {string.Join(", ", owned)}: hand {(owned.Count == 1 ? "it" : "them")} over to another member, or delete {(owned.Count == 1 ? "it" : "them")}, first. Nothing was deleted."]);
        }
        var learner = user.LearnerId;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ReviewLogs.Where(l => l.LearnerId == learner).ExecuteDeleteAsync(cancellationToken);
        await db.ReviewCards.Where(c => c.LearnerId == learner).ExecuteDeleteAsync(cancellationToken);
        await db.ExamSittings.Where(s => s.LearnerId == learner || s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var attempts = await db.Attempts.Where(a => a.LearnerId == learner || a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.LiveParticipants.Where(p => p.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UserId, (string?)null).SetProperty(p => p.DisplayName, FormerMember), cancellationToken);
        await db.LearnerMerges.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var deleted = await users.DeleteAsync(user); // its roles, logins, tokens and team memberships go with it
        if (!deleted.Succeeded)
        {
            return new AccountResult([.. deleted.Errors.Select(e => e.Description)]);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Account {UserId} deleted with {Attempts} attempts", userId, attempts);
        return AccountResult.Ok;
    }
}
