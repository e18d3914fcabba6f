using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class AttemptConfiguration : IEntityTypeConfiguration<Attempt>
{
    public void Configure(EntityTypeBuilder<Attempt> builder)
    {
        builder.ToTable("attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.IdempotencyKey).HasMaxLength(64);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.GradedBy).HasMaxLength(16);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.JobId).HasMaxLength(64);
        builder.Property(a => a.Error).HasMaxLength(2000);
        builder.Property(a => a.RowVersion).IsRowVersion();
        builder.HasIndex(a => new { a.LearnerId, a.IdempotencyKey }).IsUnique();
        // A sitting's score reads its attempts; most attempts are not from an exam.
        builder.HasIndex(a => a.ExamSittingId).HasFilter("\"ExamSittingId\" IS NOT NULL");
        builder.HasIndex(a => new { a.LearnerId, a.CreatedAt });
        // The sweep looks for pending attempts only; a partial index keeps that cheap however many are graded.
        builder.HasIndex(a => a.CreatedAt).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_attempts_pending");
        builder.HasOne<PracticeUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.ScenarioVersion).WithMany().HasForeignKey(a => a.ScenarioVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
