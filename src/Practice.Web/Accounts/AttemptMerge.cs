using Microsoft.EntityFrameworkCore;
using Practice.Data;

namespace Practice.Web.Accounts;

/// <summary>
/// Moves a browser's anonymous attempts into an account when its visitor registers or signs in,
/// in one transaction, once. The anonymous id is recorded in <c>learner_merges</c> under its
/// primary key first: of two sign-ins racing with the same id into two accounts, the second
/// waits on the first's row and then inserts nothing, so it moves nothing, and each attempt ends
/// in exactly one account.
/// </summary>
public sealed class AttemptMerge(PracticeDbContext db, TimeProvider clock)
{
    /// <returns>How many attempts moved (0 when the id was merged before, into any account).</returns>
    public async Task<int> MergeAsync(Guid anonymousId, PracticeUser user, CancellationToken cancellationToken)
    {
        if (anonymousId == user.LearnerId)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO learner_merges ("AnonymousId", "UserId", "MergedAt", "Attempts")
            VALUES ({anonymousId}, {user.Id}, {clock.GetUtcNow()}, 0)
            ON CONFLICT ("AnonymousId") DO NOTHING
            """, cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }
        var moved = await db.Attempts.Where(a => a.LearnerId == anonymousId && a.UserId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LearnerId, user.LearnerId).SetProperty(a => a.UserId, user.Id), cancellationToken);
        await db.AttemptAnswers.Where(a => a.LearnerId == anonymousId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LearnerId, user.LearnerId), cancellationToken);
        // Review cards come along; where the account has its own card for a scenario, the account's
        // stays, and the visitor's ratings of it come along unnumbered (their numbers counted the
        // visitor's card, and would take the numbers the account's next ratings need).
        await db.ReviewLogs.Where(l => l.LearnerId == anonymousId && db.ReviewCards.Any(o => o.LearnerId == user.LearnerId && o.ScenarioId == l.ScenarioId))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Number, (int?)null), cancellationToken);
        await db.ReviewCards.Where(c => c.LearnerId == anonymousId && !db.ReviewCards.Any(o => o.LearnerId == user.LearnerId && o.ScenarioId == c.ScenarioId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LearnerId, user.LearnerId), cancellationToken);
        await db.ReviewCards.Where(c => c.LearnerId == anonymousId).ExecuteDeleteAsync(cancellationToken);
        await db.ReviewLogs.Where(l => l.LearnerId == anonymousId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LearnerId, user.LearnerId), cancellationToken);
        await db.LearnerMerges.Where(m => m.AnonymousId == anonymousId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, moved), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }
}
