using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Practice.Web.Infrastructure;

/// <summary>Writes that end a transaction the caller began.</summary>
public static class TransactionWrites
{
    /// <summary>
    /// Saves the tracked changes as one batch and commits the transaction. EF Core would first set
    /// a savepoint (a round trip of its own) since it did not begin the transaction; none is set:
    /// a failed batch rolls the whole transaction back, and the callers start again from a read.
    /// </summary>
    public static async Task SaveAndCommitAsync(this DbContext db, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }
}
