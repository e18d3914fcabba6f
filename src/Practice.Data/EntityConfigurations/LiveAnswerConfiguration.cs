using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class LiveAnswerConfiguration : IEntityTypeConfiguration<LiveAnswer>
{
    public void Configure(EntityTypeBuilder<LiveAnswer> builder)
    {
        builder.ToTable("live_answers");
        // One answer per participant per question: a second is refused by the key.
        builder.HasKey(a => new { a.ParticipantId, a.QuestionIndex });
        builder.Property(a => a.Answer).HasMaxLength(4000);
        builder.HasIndex(a => new { a.SessionId, a.QuestionIndex });
        builder.HasOne<LiveParticipant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
