using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Practice.Data.EntityConfigurations;

internal sealed class ContentImportConfiguration : IEntityTypeConfiguration<ContentImport>
{
    public void Configure(EntityTypeBuilder<ContentImport> builder)
    {
        builder.ToTable("content_imports");
        builder.HasKey(i => i.Id);
    }
}
