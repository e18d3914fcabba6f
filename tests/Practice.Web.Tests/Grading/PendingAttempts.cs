using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Grading;

namespace Practice.Web.Tests.Grading;

/// <summary>
/// Attempts stored by the real submit step and then left pending, as a web process that died
/// between storing and grading leaves them.
/// </summary>
internal static class PendingAttempts
{
    public static async Task<Guid> StoreAsync(PracticeAppFactory app, string scenarioId, IReadOnlyDictionary<string, string> answers, TimeSpan age, Guid? learner = null)
    {
        await using var scope = app.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PracticeDbContext>();
        var scenario = (await services.GetRequiredService<ScenarioLibrary>().CurrentAsync(db, scenarioId, CancellationToken.None))!;
        var (id, _) = await services.GetRequiredService<AttemptSteps>().SubmitAsync(
            new Submission(learner ?? Guid.NewGuid(), scenario, Guid.NewGuid().ToString("N"), answers), gradedFirst: null, CancellationToken.None);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var backdate = new NpgsqlCommand("""UPDATE attempts SET "CreatedAt" = "CreatedAt" - @age WHERE "Id" = @id""", connection);
        backdate.Parameters.AddWithValue("age", age);
        backdate.Parameters.AddWithValue("id", id);
        await backdate.ExecuteNonQueryAsync();
        return id;
    }
}
