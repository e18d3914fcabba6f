using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Practice.Web.Infrastructure;

/// <summary>Writes that end a transaction the caller began, and how to tell why a save was refused.</summary>
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

    /// <summary>The unique index's refusal that failed a save (its table and constraint named), or null when it failed otherwise.</summary>
    public static PostgresException? UniqueViolation(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique ? unique : null;

    /// <summary>A save refused by a unique index of <paramref name="table"/>, or by that one index when <paramref name="index"/> is named.</summary>
    public static bool IsUniqueViolation(DbUpdateException e, string table, string? index = null) =>
        UniqueViolation(e) is { } unique && unique.TableName == table && (index is null || unique.ConstraintName == index);
}
