using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class ReviewCardConfiguration : IEntityTypeConfiguration<ReviewCard>
{
    public void Configure(EntityTypeBuilder<ReviewCard> builder)
    {
        builder.ToTable("review_cards");
        builder.HasKey(c => new { c.LearnerId, c.ScenarioId });
        builder.Property(c => c.ScenarioId).HasMaxLength(100);
        builder.Property(c => c.RowVersion).IsRowVersion();
        // "What is due for this learner": the due queue reads (learner, due) in order.
        builder.HasIndex(c => new { c.LearnerId, c.Due });
    }
}

internal sealed class ReviewLogConfiguration : IEntityTypeConfiguration<ReviewLog>
{
    public void Configure(EntityTypeBuilder<ReviewLog> builder)
    {
        builder.ToTable("review_logs");
        builder.Property(l => l.ScenarioId).HasMaxLength(100);
        // An attempt rates its card once, however often grading is retried.
        builder.HasIndex(l => l.AttemptId).IsUnique();
        builder.HasIndex(l => new { l.LearnerId, l.ScenarioId, l.ReviewedAt });
        // Two ratings of one card from the same state would carry the same number: one is refused.
        builder.HasIndex(l => new { l.LearnerId, l.ScenarioId, l.Number }).IsUnique();
        builder.HasOne<Attempt>().WithMany().HasForeignKey(l => l.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}
