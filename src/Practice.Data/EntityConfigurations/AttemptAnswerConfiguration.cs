using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class AttemptAnswerConfiguration : IEntityTypeConfiguration<AttemptAnswer>
{
    public void Configure(EntityTypeBuilder<AttemptAnswer> builder)
    {
        builder.ToTable("attempt_answers");
        builder.HasKey(a => new { a.AttemptId, a.QuestionId });
        builder.Property(a => a.QuestionId).HasMaxLength(100);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.ModuleId).HasMaxLength(100);
        builder.Property(a => a.Answer).HasMaxLength(4000);
        builder.Property(a => a.DetailJson).HasColumnType("jsonb");
        builder.Property(a => a.ReplayKey).HasMaxLength(200);
        builder.Property(a => a.Transcript).HasColumnType("jsonb");
        // What progress asks: a learner's answers per module, and per component. One learner's rows
        // are few, so the learner prefix serves the component filter too; a GIN index on the
        // components cost a quarter of the submit throughput when measured (docs/benchmarks.md).
        builder.HasIndex(a => new { a.LearnerId, a.ModuleId });
    }
}
