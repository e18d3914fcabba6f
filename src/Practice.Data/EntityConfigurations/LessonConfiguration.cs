using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(100);
        builder.HasOne(l => l.CurrentVersion).WithMany().HasForeignKey(l => l.CurrentVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
