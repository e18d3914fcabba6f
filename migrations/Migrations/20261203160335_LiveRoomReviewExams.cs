using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Practice.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveRoomReviewExams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RevealStep",
                table: "live_sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ExamSittingId",
                table: "attempts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpenedAt",
                table: "attempts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "exam_blueprints",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exam_blueprints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exam_sittings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    ExamId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Questions = table.Column<string[]>(type: "text[]", nullable: false),
                    Domains = table.Column<string[]>(type: "text[]", nullable: false),
                    PassMark = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Flagged = table.Column<List<int>>(type: "integer[]", nullable: false),
                    JobId = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exam_sittings", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "exam_answers",
                columns: table => new
                {
                    SittingId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionIndex = table.Column<int>(type: "integer", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exam_answers", x => new { x.SittingId, x.QuestionIndex });
                    table.ForeignKey(
                        name: "FK_exam_answers_exam_sittings_SittingId",
                        column: x => x.SittingId,
                        principalTable: "exam_sittings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attempts_ExamSittingId",
                table: "attempts",
                column: "ExamSittingId",
                filter: "\"ExamSittingId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_exam_sittings_LearnerId_StartedAt",
                table: "exam_sittings",
                columns: new[] { "LearnerId", "StartedAt" });

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
                name: "exam_answers");

            migrationBuilder.DropTable(
                name: "exam_blueprints");

            migrationBuilder.DropTable(
                name: "review_cards");

            migrationBuilder.DropTable(
                name: "review_logs");

            migrationBuilder.DropTable(
                name: "exam_sittings");

            migrationBuilder.DropIndex(
                name: "IX_attempts_ExamSittingId",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "RevealStep",
                table: "live_sessions");

            migrationBuilder.DropColumn(
                name: "ExamSittingId",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "OpenedAt",
                table: "attempts");
        }
    }
}
