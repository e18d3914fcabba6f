using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class ExamBlueprintRowConfiguration : IEntityTypeConfiguration<ExamBlueprintRow>
{
    public void Configure(EntityTypeBuilder<ExamBlueprintRow> builder)
    {
        builder.ToTable("exam_blueprints");
        builder.Property(e => e.Id).HasMaxLength(100);
        builder.Property(e => e.ContentHash).HasMaxLength(64);
    }
}

internal sealed class ExamSittingConfiguration : IEntityTypeConfiguration<ExamSitting>
{
    public void Configure(EntityTypeBuilder<ExamSitting> builder)
    {
        builder.ToTable("exam_sittings");
        builder.Property(s => s.ExamId).HasMaxLength(100);
        builder.Property(s => s.EndedBy).HasMaxLength(16);
        builder.Property(s => s.RowVersion).IsRowVersion();
        builder.HasIndex(s => new { s.LearnerId, s.StartedAt });
    }
}

internal sealed class ExamAnswerConfiguration : IEntityTypeConfiguration<ExamAnswer>
{
    public void Configure(EntityTypeBuilder<ExamAnswer> builder)
    {
        builder.ToTable("exam_answers");
        builder.HasKey(a => new { a.SittingId, a.QuestionIndex });
        builder.Property(a => a.Answer).HasMaxLength(4000);
        builder.HasOne<ExamSitting>().WithMany().HasForeignKey(a => a.SittingId).OnDelete(DeleteBehavior.Cascade);
    }
}
