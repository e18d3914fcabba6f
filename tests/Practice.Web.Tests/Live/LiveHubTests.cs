using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Practice.Data;
using Practice.Testing;
using Practice.Web.Live;

namespace Practice.Web.Tests.Live;

/// <summary>The live hub over real Kestrel and real Postgres, with the SignalR .NET client as the browsers' stand-in.</summary>
public sealed class LiveHubTests : IAsyncLifetime
{
    private readonly KestrelApp _app = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        await _app.ImportContentAsync(WebAppFixture.FixtureContent);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AHostRunsAQuestionAParticipantAnswersDropsAndComesBackToTheSameScore()
    {
        var (hostCookie, hostId) = await RegisterAsync("hub-host@example.com");
        var (team, session) = await SessionAsync(hostId);
        Seat seat;
        await using (var scope = _app.CreateScope())
        {
            seat = (await scope.ServiceProvider.GetRequiredService<LiveSessionService>().JoinAsync(session.Code, null, "Guest Gus", CancellationToken.None)).Seat!;
        }
        await using var host = Connect(hostCookie);
        var hostHeard = Listen(host, "answers", "revealed", "leaderboard", "ended");
        await host.StartAsync();
        await using var participant = Connect(SeatCookie(seat));
        var heard = Listen(participant, "question", "closed", "revealed", "leaderboard", "ended");
        await participant.StartAsync();

        Assert.True((await host.InvokeAsync<LiveResult>("Watch", session.Id)).Done);
        var lobby = await participant.InvokeAsync<LiveView>("Take");
        Assert.Equal(("Lobby", (LiveQuestion?)null), (lobby.State, lobby.Question));
        Assert.Equal("Only the team's hosts can run this session.", (await participant.InvokeAsync<LiveResult>("Command", session.Id, "start", (int?)null)).Problem);

        Assert.True((await host.InvokeAsync<LiveResult>("Command", session.Id, "start", (int?)null)).Done);
        var question = await heard.NextAsync<LiveQuestion>("question");
        Assert.Equal((0, 2, "single", "Which side of the split is the scheduler on?"), (question.Index, question.Count, question.Kind, question.Prompt));
        Assert.Equal(["control", "data"], question.Options.Select(o => o.Id));
        Assert.NotNull(question.Deadline);

        Assert.True((await participant.InvokeAsync<LiveResult>("Answer", 0, "control")).Done);
        Assert.Equal(1, await hostHeard.NextAsync<int>("answers", argument: 1));

        // The connection drops mid-session; a new one takes the same seat back.
        await participant.StopAsync();
        await using var back = Connect(SeatCookie(seat));
        var heardBack = Listen(back, "closed", "revealed", "leaderboard", "ended");
        await back.StartAsync();
        var view = await back.InvokeAsync<LiveView>("Take");
        Assert.Equal(("Open", 0, true), (view.State, view.Question!.Index, view.Answered));
        Assert.InRange(view.Score, 500, 1000);

        Assert.True((await host.InvokeAsync<LiveResult>("Command", session.Id, "close", (int?)null)).Done);
        Assert.Equal(0, await heardBack.NextAsync<int>("closed"));
        Assert.True((await host.InvokeAsync<LiveResult>("Command", session.Id, "reveal", (int?)null)).Done);
        var reveal = await heardBack.NextAsync<LiveReveal>("revealed");
        Assert.Equal(new Dictionary<string, int> { ["control"] = 1 }, reveal.Distribution);
        // The scheduler is a control-plane component: the grader's right answer.
        Assert.Equal(("control", false), (reveal.Correct, reveal.Skipped));
        var revealed = await back.InvokeAsync<LiveView>("Take");
        Assert.Equal(("Revealed", "control", true, view.Score), (revealed.State, revealed.Mine!.Answer, revealed.Mine.Correct, revealed.Mine.Points));
        var board = await heardBack.NextAsync<List<LeaderboardRow>>("leaderboard");
        Assert.Equal((seat.ParticipantId, view.Score, 1), (board.Single().ParticipantId, board.Single().Score, board.Single().Right));
        Assert.True((await host.InvokeAsync<LiveResult>("Command", session.Id, "end", (int?)null)).Done);
        Assert.Single(await heardBack.NextAsync<List<LeaderboardRow>>("ended"));
    }

    [Fact]
    public async Task AHostAndThreeParticipantsPlayTwoQuestionsOverTheHubWithTheExpectedScores()
    {
        var t0 = new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);
        var (hostCookie, hostId) = await RegisterAsync("hub-three@example.com");
        var (_, session) = await SessionAsync(hostId);
        var seats = new List<Seat>();
        await using (var scope = _app.CreateScope())
        {
            foreach (var name in new[] { "Ann", "Ben", "Cem" })
            {
                seats.Add((await scope.ServiceProvider.GetRequiredService<LiveSessionService>().JoinAsync(session.Code, null, name, CancellationToken.None)).Seat!);
            }
        }
        await using var host = Connect(hostCookie);
        var hostHeard = Listen(host, "answers", "ended");
        await host.StartAsync();
        Assert.True((await host.InvokeAsync<LiveResult>("Watch", session.Id)).Done);
        var players = new List<(HubConnection Connection, Heard Heard, Seat Seat)>();
        foreach (var seat in seats)
        {
            var connection = Connect(SeatCookie(seat));
            players.Add((connection, Listen(connection, "question", "closed", "revealed", "leaderboard", "ended"), seat));
            await connection.StartAsync();
            await connection.InvokeAsync<LiveView>("Take");
        }
        async Task Say(string command, int? seconds = null) => Assert.True((await host.InvokeAsync<LiveResult>("Command", session.Id, command, seconds)).Done, command);
        async Task<LiveResult> Answer(int player, int index, string answer) => await players[player].Connection.InvokeAsync<LiveResult>("Answer", index, answer);

        _app.Clock.Now = t0;
        await Say("limit", 20);
        await Say("start");
        foreach (var player in players)
        {
            Assert.Equal(0, (await player.Heard.NextAsync<LiveQuestion>("question")).Index);
        }
        _app.Clock.Now = t0.AddSeconds(2);
        Assert.True((await Answer(0, 0, "control")).Done);   // 950
        _app.Clock.Now = t0.AddSeconds(4);
        Assert.True((await Answer(1, 0, "data")).Done);      // 0
        _app.Clock.Now = t0.AddSeconds(10);
        Assert.True((await Answer(2, 0, "control")).Done);   // 750
        // The host's count of answers grows with each one.
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(await hostHeard.NextAsync<int>("answers", argument: 1));
        }
        Assert.Equal([1, 2, 3], counts);
        _app.Clock.Now = t0.AddSeconds(20);
        await Say("close");
        await Say("reveal");
        _app.Clock.Now = t0.AddSeconds(30);
        await Say("next");
        Assert.Equal(1, (await players[0].Heard.NextAsync<LiveQuestion>("question")).Index);
        _app.Clock.Now = t0.AddSeconds(35);
        Assert.True((await Answer(0, 1, "pods")).Done);       // 875
        _app.Clock.Now = t0.AddSeconds(36);
        Assert.True((await Answer(1, 1, "ready,pods")).Done); // 425
        _app.Clock.Now = t0.AddSeconds(50);
        Assert.Equal("Time is up for this question: your answer came after the deadline.", (await Answer(2, 1, "pods")).Problem);
        await Say("close");
        await Say("reveal");
        await Say("end");

        var final = await players[2].Heard.NextAsync<List<LeaderboardRow>>("ended");
        Assert.Equal([("Ann", 1825, 2), ("Cem", 750, 1), ("Ben", 425, 0)], final.Select(r => (r.DisplayName, r.Score, r.Right)));
        foreach (var player in players)
        {
            await player.Connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task NoSeatCookieMeansNoSeatAndARemovedParticipantLosesTheirs()
    {
        var (hostCookie, hostId) = await RegisterAsync("hub-remove@example.com");
        var (_, session) = await SessionAsync(hostId);
        Seat seat;
        await using (var scope = _app.CreateScope())
        {
            seat = (await scope.ServiceProvider.GetRequiredService<LiveSessionService>().JoinAsync(session.Code, null, "Noisy Nell", CancellationToken.None)).Seat!;
        }
        await using var stranger = Connect(null);
        await stranger.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<LiveView>("Take"));
        Assert.EndsWith(LiveHub.NotSeated, refused.Message);
        Assert.Equal(LiveHub.NotSeated, (await stranger.InvokeAsync<LiveResult>("Answer", 0, "control")).Problem);
        // Only hosts see the console.
        var notHost = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<LiveConsole>("Console", session.Id));
        Assert.EndsWith(LiveSessionService.OnlyHosts, notHost.Message);

        await using var host = Connect(hostCookie);
        var hostHeard = Listen(host, "seats");
        await host.StartAsync();
        Assert.True((await host.InvokeAsync<LiveResult>("Watch", session.Id)).Done);
        await using var participant = Connect(SeatCookie(seat));
        var heard = Listen(participant, "removed");
        await participant.StartAsync();
        Assert.Equal("Noisy Nell", (await participant.InvokeAsync<LiveView>("Take")).DisplayName);
        Assert.Equal(session.Id, await hostHeard.NextAsync<Guid>("seats"));
        var console = await host.InvokeAsync<LiveConsole>("Console", session.Id);
        Assert.Equal(("Lobby", session.Code, "Noisy Nell"), (console.State, console.Code, string.Join(", ", console.Seats.Select(s => s.DisplayName))));

        Assert.True((await host.InvokeAsync<LiveResult>("Remove", session.Id, seat.ParticipantId)).Done);
        Assert.Equal(seat.ParticipantId, await heard.NextAsync<Guid>("removed"));
        await Assert.ThrowsAsync<HubException>(() => participant.InvokeAsync<LiveView>("Take"));
        Assert.Empty((await host.InvokeAsync<LiveConsole>("Console", session.Id)).Seats);
    }

    [Fact]
    public async Task AConnectionFromAnotherSiteIsRefused()
    {
        var (hostCookie, _) = await RegisterAsync("hub-origin@example.com");
        await using var hijack = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.ServerAddress, "/hubs/live"), o =>
            {
                o.Headers["Cookie"] = hostCookie;
                o.Headers["Origin"] = "https://evil.example";
            })
            .Build();

        await hijack.StartAsync();
        var watched = hijack.InvokeAsync<LiveResult>("Watch", Guid.NewGuid());

        await Assert.ThrowsAnyAsync<Exception>(() => watched);
    }

    private static string SeatCookie(Seat seat) => LiveClients.SeatCookie(seat);

    private HubConnection Connect(string? cookie) => LiveClients.Connect(_app.ServerAddress, cookie);

    private static Heard Listen(HubConnection connection, params string[] methods) => LiveClients.Listen(connection, methods);

    private Task<(string Cookie, string UserId)> RegisterAsync(string email) => LiveClients.RegisterAsync(_app, email);

    private async Task<(Guid Team, LiveSession Session)> SessionAsync(string hostId)
    {
        await using var scope = _app.CreateScope();
        var services = scope.ServiceProvider;
        var team = await services.GetRequiredService<Practice.Web.Teams.TeamService>().CreateAsync(hostId, "Hub team", "", CancellationToken.None);
        var session = await services.GetRequiredService<LiveSessionService>().CreateAsync(team, hostId, ["scheduler-stops", "big-cluster"], allowGuests: true, CancellationToken.None);
        return (team, session);
    }

    /// <summary>The app on a loopback port, its clock one the test can stop (scores depend on exact seconds).</summary>
    private sealed class KestrelApp() : PracticeAppFactory("practice_test_live", kestrel: true)
    {
        public ShiftableClock Clock { get; } = new();

        protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
