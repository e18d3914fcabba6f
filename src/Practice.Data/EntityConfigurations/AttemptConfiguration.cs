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
        builder.Property(a => a.AnswersJson).HasColumnType("jsonb");
        builder.Property(a => a.ResultJson).HasColumnType("jsonb");
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.GradedBy).HasMaxLength(16);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.RowVersion).IsRowVersion();
        builder.HasIndex(a => new { a.LearnerId, a.IdempotencyKey }).IsUnique();
        builder.HasIndex(a => new { a.LearnerId, a.CreatedAt });
        builder.HasOne(a => a.ScenarioVersion).WithMany().HasForeignKey(a => a.ScenarioVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
