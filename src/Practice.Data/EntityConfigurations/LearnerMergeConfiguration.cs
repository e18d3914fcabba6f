using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class LearnerMergeConfiguration : IEntityTypeConfiguration<LearnerMerge>
{
    public void Configure(EntityTypeBuilder<LearnerMerge> builder)
    {
        builder.ToTable("learner_merges");
        builder.HasKey(m => m.AnonymousId);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<PracticeUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
