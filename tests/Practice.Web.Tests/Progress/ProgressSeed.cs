using Npgsql;
using Practice.Testing;

namespace Practice.Web.Tests.Progress;

/// <summary>One question of a seeded attempt: whether it was answered, and right.</summary>
internal sealed record SeededAnswer(bool Right, string[] Components, string Module = "fixture", bool Answered = true, string Kind = "single");

/// <summary>
/// Graded attempts written straight into the tables, at chosen instants and with chosen grades,
/// so expected progress figures can be worked out by hand.
/// </summary>
internal static class ProgressSeed
{
    public static async Task<Guid> AttemptAsync(PracticeAppFactory app, Guid learner, string scenarioId, DateTimeOffset at, params SeededAnswer[] answers)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = Guid.NewGuid();
        await using (var attempt = new NpgsqlCommand("""
            INSERT INTO attempts ("Id", "LearnerId", "ScenarioVersionId", "IdempotencyKey", "Status", "CreatedAt", "GradedAt", "GradedBy", "Correct", "QuestionCount", "GradingTries")
            SELECT @id, @learner, s."CurrentVersionId", @key, 'Graded', @at, @at, 'inline', @correct, @count, 0
              FROM scenarios s WHERE s."Id" = @scenario
            """, connection, transaction))
        {
            attempt.Parameters.AddWithValue("id", id);
            attempt.Parameters.AddWithValue("learner", learner);
            attempt.Parameters.AddWithValue("key", id.ToString("N"));
            attempt.Parameters.AddWithValue("at", at.ToUniversalTime());
            attempt.Parameters.AddWithValue("correct", answers.Count(a => a.Right));
            attempt.Parameters.AddWithValue("count", answers.Length);
            attempt.Parameters.AddWithValue("scenario", scenarioId);
            Assert.Equal(1, await attempt.ExecuteNonQueryAsync());
        }
        for (var i = 0; i < answers.Length; i++)
        {
            var answer = answers[i];
            await using var row = new NpgsqlCommand("""
                INSERT INTO attempt_answers ("AttemptId", "QuestionId", "LearnerId", "Position", "Kind", "ModuleId", "Components", "Answer", "Correct", "Points", "DetailJson")
                VALUES (@attempt, @question, @learner, @position, @kind, @module, @components, @answer, @right, @points, '{}'::jsonb)
                """, connection, transaction);
            row.Parameters.AddWithValue("attempt", id);
            row.Parameters.AddWithValue("question", $"q{i}");
            row.Parameters.AddWithValue("learner", learner);
            row.Parameters.AddWithValue("position", i);
            row.Parameters.AddWithValue("kind", answer.Kind);
            row.Parameters.AddWithValue("module", answer.Module);
            row.Parameters.AddWithValue("components", answer.Components);
            row.Parameters.AddWithValue("answer", answer.Answered ? "x" : DBNull.Value);
            row.Parameters.AddWithValue("right", answer.Right);
            row.Parameters.AddWithValue("points", answer.Right ? 100 : 0);
            await row.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return id;
    }
}
