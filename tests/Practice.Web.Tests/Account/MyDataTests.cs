using System.Net;
using System.Text.Json;

namespace Practice.Web.Tests.Account;

/// <summary>"Download my data" on real Postgres: exactly the learner's own attempts, with what they answered and how it was graded.</summary>
[Collection(WebAppCollection.Name)]
public sealed class MyDataTests(WebAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ImportFixtureContentAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheJsonAndCsvHoldExactlyTheLearnersAttempts()
    {
        var ada = new Visitor(app);
        await ada.RegisterAsync("data-ada@example.com", "Ada");
        var scheduler = PageForm.AttemptIdOf(await (await PageForm.OpenAsync(ada.Client, "scheduler-stops")).Set("q.plane", "control").SubmitAsync());
        var kubelet = await ada.AnswerAsync("data");
        var bob = new Visitor(app);
        await bob.RegisterAsync("data-bob@example.com", "Bob");
        var bobs = PageForm.AttemptIdOf(await (await PageForm.OpenAsync(bob.Client, "scheduler-stops")).Set("q.plane", "data").SubmitAsync());

        var json = await ada.Client.GetAsync("/account/data/json");
        var csv = await ada.Client.GetAsync("/account/data/csv");
        var anonymous = await new Visitor(app).Client.GetAsync("/account/data/json");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal(("data-ada@example.com", "Ada"), (root.GetProperty("profile").GetProperty("email").GetString(), root.GetProperty("profile").GetProperty("displayName").GetString()));
        var attempts = root.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([scheduler, kubelet], attempts.Select(a => a.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(bobs.ToString(), await json.Content.ReadAsStringAsync());
        var plane = attempts[0].GetProperty("answers").EnumerateArray().Single();
        Assert.Equal(("scheduler-stops", "plane", "single", "control", true), (attempts[0].GetProperty("scenario").GetString(),
            plane.GetProperty("question").GetString(), plane.GetProperty("kind").GetString(), plane.GetProperty("answer").GetString(), plane.GetProperty("correct").GetBoolean()));
        // kubelet-stops has five questions: "side" answered (right), the rest left unanswered and graded wrong.
        var kubeletAnswers = attempts[1].GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(["holds", "side", "notready", "chain", "fix"], kubeletAnswers.Select(a => a.GetProperty("question").GetString()));
        var side = kubeletAnswers[1];
        Assert.Equal(("data", true), (side.GetProperty("answer").GetString(), side.GetProperty("correct").GetBoolean()));
        Assert.All(kubeletAnswers.Where(a => a.GetProperty("question").GetString() is not ("side" or "holds")), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("answer").ValueKind));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("answered_at_utc,scenario,scenario_title,question,kind,answer,correct,points,module,components,from,attempt", lines[0]);
        // One row per answered question: the plane, kubelet-stops' side, and its multi (an unticked multi is an answer, "none hold").
        Assert.Equal(["scheduler-stops,plane,control,yes", "kubelet-stops,holds,,no", "kubelet-stops,side,data,yes"],
            lines.Skip(1).Select(l => l.Split(',')).Select(c => $"{c[1]},{c[3]},{c[5]},{c[6]}"));
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(bobs.ToString(), l));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}
