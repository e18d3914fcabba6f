using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;

namespace Practice.Web.Tests.Account;

/// <summary>"Delete my account" on real Postgres: the password again, everything of the account gone in one transaction, nobody else's touched.</summary>
[Collection(WebAppCollection.Name)]
public sealed class DeleteAccountTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AWrongPasswordOrAFailureMidwayDeletesNothingAndTheRightOneDeletesOnlyTheirs()
    {
        var ada = new Visitor(app);
        await ada.RegisterAsync("delete-ada@example.com", "Ada");
        await ada.AnswerAsync();
        var bob = new Visitor(app);
        await bob.RegisterAsync("delete-bob@example.com", "Bob");
        await bob.AnswerAsync();
        var (adaId, adaLearner) = await UserAsync("delete-ada@example.com");
        var (_, bobLearner) = await UserAsync("delete-bob@example.com");
        Assert.Equal((1, 1), (await AttemptsAsync(adaLearner), await AttemptsAsync(bobLearner)));
        Assert.Equal(1, await CardsAsync(adaLearner));

        var wrong = await DeleteAsync(ada, "not my password at all");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("That is not your password: nothing was deleted.", await Visitor.BodyAsync(wrong));
        Assert.Equal(1, await AttemptsAsync(adaLearner));

        // The last statement fails (a trigger refuses to delete Ada's row): the attempts deleted before it come back.
        await SqlAsync("""
            CREATE FUNCTION test_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER test_refuse_delete BEFORE DELETE ON users FOR EACH ROW WHEN (OLD."Email" = 'delete-ada@example.com') EXECUTE FUNCTION test_refuse_delete();
            """);
        try
        {
            var failed = await DeleteAsync(ada, Visitor.Password);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        finally
        {
            await SqlAsync("DROP TRIGGER test_refuse_delete ON users; DROP FUNCTION test_refuse_delete();");
        }
        Assert.Equal((1, 1), (await AttemptsAsync(adaLearner), await CardsAsync(adaLearner)));
        Assert.NotNull(await UserOrNullAsync(adaId));

        var deleted = await DeleteAsync(ada, Visitor.Password);

        Assert.Equal((HttpStatusCode.Redirect, "/?deleted=1"), (deleted.StatusCode, deleted.Headers.Location!.OriginalString));
        Assert.Null(await UserOrNullAsync(adaId));
        Assert.Equal((0, 0), (await AttemptsAsync(adaLearner), await CardsAsync(adaLearner)));
        Assert.Equal((1, 1), (await AttemptsAsync(bobLearner), await CardsAsync(bobLearner)));
        var again = new Visitor(app);
        var signIn = await again.SignInAsync("delete-ada@example.com");
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    private async Task<HttpResponseMessage> DeleteAsync(Visitor visitor, string password) =>
        await (await PageForm.OpenAsync(visitor.Client, "/account/delete", "name=\"Password\"")).Set("Password", password).SubmitAsync();

    private async Task<(string Id, Guid Learner)> UserAsync(string email)
    {
        await using var scope = app.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return (user.Id, user.LearnerId);
    }

    private async Task<PracticeUser?> UserOrNullAsync(string id)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
    }

    private async Task<int> AttemptsAsync(Guid learner)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Attempts.CountAsync(a => a.LearnerId == learner);
    }

    private async Task<int> CardsAsync(Guid learner)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().ReviewCards.CountAsync(c => c.LearnerId == learner);
    }

    private async Task SqlAsync(string sql)
    {
        await using var scope = app.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PracticeDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
