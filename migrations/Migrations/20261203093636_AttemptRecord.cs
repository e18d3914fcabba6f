using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Practice.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttemptRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GradingTries",
                table: "attempts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "JobId",
                table: "attempts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "attempt_answers",
                columns: table => new
                {
                    AttemptId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LearnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ModuleId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Components = table.Column<string[]>(type: "text[]", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Correct = table.Column<bool>(type: "boolean", nullable: true),
                    Points = table.Column<int>(type: "integer", nullable: true),
                    DetailJson = table.Column<string>(type: "jsonb", nullable: true),
                    ReplayKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attempt_answers", x => new { x.AttemptId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_attempt_answers_attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every attempt of the first release is carried into attempt_answers before its JSON goes.
            // Graded ones: one row per element of ResultJson, in the order they were graded (the
            // scenario's), with the detail the result page reads. Pending or failed ones: one row per
            // answered question of AnswersJson; the grade step fills the kind and the grade later.
            migrationBuilder.Sql("""
                INSERT INTO attempt_answers ("AttemptId", "QuestionId", "LearnerId", "Position", "Kind", "ModuleId", "Components",
                                             "Answer", "Correct", "Points", "DetailJson", "ReplayKey")
                SELECT a."Id", r.value->>'questionId', a."LearnerId", (r.ordinality - 1)::int, r.value->>'kind', v."ModuleId", v."Components",
                       left(r.value->>'answer', 4000),
                       (r.value->>'correct')::boolean,
                       CASE WHEN (r.value->>'correct')::boolean THEN 100 ELSE 0 END,
                       jsonb_build_object(
                           'answer', r.value->'answer', 'correctAnswer', r.value->'correctAnswer',
                           'explanations', COALESCE(r.value->'explanations', '[]'::jsonb), 'problem', r.value->'problem',
                           'actions', r.value->'actions', 'goal', r.value->'goal'),
                       r.value->>'replayKey'
                  FROM attempts a
                  JOIN scenario_versions v ON v."Id" = a."ScenarioVersionId"
                 CROSS JOIN LATERAL jsonb_array_elements(a."ResultJson") WITH ORDINALITY AS r(value, ordinality)
                 WHERE a."Status" = 'Graded' AND jsonb_typeof(a."ResultJson") = 'array';

                INSERT INTO attempt_answers ("AttemptId", "QuestionId", "LearnerId", "Position", "Kind", "ModuleId", "Components", "Answer")
                SELECT a."Id", e.key, a."LearnerId", (e.ordinality - 1)::int, '', v."ModuleId", v."Components", left(e.value #>> '{}', 4000)
                  FROM attempts a
                  JOIN scenario_versions v ON v."Id" = a."ScenarioVersionId"
                 CROSS JOIN LATERAL jsonb_each(a."AnswersJson") WITH ORDINALITY AS e(key, value, ordinality)
                 WHERE a."Status" <> 'Graded' AND jsonb_typeof(a."AnswersJson") = 'object';

                UPDATE attempts SET "Error" = left("Error", 2000) WHERE length("Error") > 2000;
                """);

            migrationBuilder.DropColumn(
                name: "AnswersJson",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "ResultJson",
                table: "attempts");

            migrationBuilder.AlterColumn<string>(
                name: "Error",
                table: "attempts",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_attempts_pending",
                table: "attempts",
                column: "CreatedAt",
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_attempt_answers_LearnerId_ModuleId",
                table: "attempt_answers",
                columns: new[] { "LearnerId", "ModuleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnswersJson",
                table: "attempts",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "ResultJson",
                table: "attempts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE attempts a SET "AnswersJson" = COALESCE(
                    (SELECT jsonb_object_agg(x."QuestionId", x."Answer") FROM attempt_answers x WHERE x."AttemptId" = a."Id" AND x."Answer" IS NOT NULL),
                    '{}'::jsonb);
                UPDATE attempts a SET "ResultJson" = (
                    SELECT jsonb_agg(jsonb_build_object(
                               'questionId', x."QuestionId", 'kind', x."Kind", 'answer', x."Answer", 'correct', COALESCE(x."Correct", false),
                               'correctAnswer', x."DetailJson"->'correctAnswer', 'explanations', COALESCE(x."DetailJson"->'explanations', '[]'::jsonb),
                               'actions', x."DetailJson"->'actions', 'goal', x."DetailJson"->'goal', 'replayKey', x."ReplayKey",
                               'problem', x."DetailJson"->'problem') ORDER BY x."Position")
                      FROM attempt_answers x WHERE x."AttemptId" = a."Id")
                 WHERE a."Status" = 'Graded';
                """);

            migrationBuilder.DropTable(
                name: "attempt_answers");

            migrationBuilder.DropIndex(
                name: "IX_attempts_pending",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "GradingTries",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "attempts");

            migrationBuilder.AlterColumn<string>(
                name: "Error",
                table: "attempts",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);
        }
    }
}
