using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Practice.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewLogNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Ratings stored before stay unnumbered (null): the next rating of a card takes its review count after it.
            migrationBuilder.AddColumn<int>(
                name: "Number",
                table: "review_logs",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_logs_LearnerId_ScenarioId_Number",
                table: "review_logs",
                columns: new[] { "LearnerId", "ScenarioId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_review_logs_LearnerId_ScenarioId_Number",
                table: "review_logs");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "review_logs");
        }
    }
}
