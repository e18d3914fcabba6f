using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Practice.Data.Migrations
{
    /// <inheritdoc />
    public partial class SpacedReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpenedAt",
                table: "attempts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "review_cards",
                columns: table => new
                {
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScenarioId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: true),
                    Stability = table.Column<double>(type: "double precision", nullable: true),
                    Difficulty = table.Column<double>(type: "double precision", nullable: true),
                    Due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastReview = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reviews = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_cards", x => new { x.LearnerId, x.ScenarioId });
                });

            migrationBuilder.CreateTable(
                name: "review_logs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScenarioId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StateAfter = table.Column<int>(type: "integer", nullable: false),
                    StabilityAfter = table.Column<double>(type: "double precision", nullable: false),
                    DifficultyAfter = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_logs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_logs_attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_review_cards_LearnerId_Due",
                table: "review_cards",
                columns: new[] { "LearnerId", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_review_logs_AttemptId",
                table: "review_logs",
                column: "AttemptId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_logs_LearnerId_ScenarioId_ReviewedAt",
                table: "review_logs",
                columns: new[] { "LearnerId", "ScenarioId", "ReviewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_cards");

            migrationBuilder.DropTable(
                name: "review_logs");

            migrationBuilder.DropColumn(
                name: "OpenedAt",
                table: "attempts");
        }
    }
}
