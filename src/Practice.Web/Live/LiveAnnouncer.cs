using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Practice.Data;

namespace Practice.Web.Live;

/// <summary>
/// Tells a session's connections what changed, from the hub or from a page's form alike. The
/// events carry the stored state for clients that want it (the tests' .NET client); the browser
/// pages take them as a cue to read their screen again.
/// An event is news about state already stored in Postgres, so one that cannot be sent (the Redis
/// backplane is away) is logged and dropped: the command or answer that caused it still stands,
/// and screens catch up on the next event they receive or when they are read again.
/// </summary>
public sealed class LiveAnnouncer(IHubContext<LiveHub> hub, LiveScreens screens, LiveSessionService live, PracticeDbContext db, ILogger<LiveAnnouncer> log)
{
    /// <summary>After a host command: the stored state, to everyone in the session.</summary>
    public async Task StateAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        var everyone = LiveHub.Everyone(sessionId);
        switch (session.State)
        {
            case LiveState.Open:
                await SendAsync(everyone, "question", await screens.QuestionAsync(session, cancellationToken), cancellationToken);
                break;
            case LiveState.Closed:
                await SendAsync(everyone, "closed", session.QuestionIndex, cancellationToken);
                break;
            case LiveState.Revealed:
                await SendAsync(everyone, "revealed", await screens.RevealAsync(session, cancellationToken), cancellationToken);
                await SendAsync(everyone, "leaderboard", await live.LeaderboardAsync(sessionId, cancellationToken), cancellationToken);
                break;
            case LiveState.Ended:
                await SendAsync(everyone, "ended", await live.LeaderboardAsync(sessionId, cancellationToken), cancellationToken);
                break;
            default:
                await SendAsync(everyone, "lobby", sessionId, cancellationToken);
                break;
        }
    }

    /// <summary>The host stepped the room through the incident: everyone's screen shows the new moment.</summary>
    public async Task StepAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var step = await db.LiveSessions.Where(s => s.Id == sessionId).Select(s => s.RevealStep).SingleAsync(cancellationToken);
        await SendAsync(LiveHub.Everyone(sessionId), "step", step, cancellationToken);
    }

    /// <summary>After an accepted answer: the count so far, to the hosts.</summary>
    public async Task AnswersAsync(Guid sessionId, int index, CancellationToken cancellationToken)
    {
        var count = await db.LiveAnswers.CountAsync(a => a.SessionId == sessionId && a.QuestionIndex == index, cancellationToken);
        await SendAsync(LiveHub.Hosts(sessionId), "answers", index, count, cancellationToken);
    }

    /// <summary>Someone took a seat (or took theirs back): the hosts' list changes.</summary>
    public Task SeatsAsync(Guid sessionId, CancellationToken cancellationToken) =>
        SendAsync(LiveHub.Hosts(sessionId), "seats", sessionId, cancellationToken);

    /// <summary>A seat was removed: its holder's screen finds out on its next read; the hosts' list changes.</summary>
    public async Task RemovedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken)
    {
        await SendAsync(LiveHub.Everyone(sessionId), "removed", participantId, cancellationToken);
        await SeatsAsync(sessionId, cancellationToken);
    }

    private Task SendAsync(string group, string method, object? argument, CancellationToken cancellationToken) =>
        DeliverAsync(group, method, () => hub.Clients.Group(group).SendAsync(method, argument, cancellationToken), cancellationToken);

    private Task SendAsync(string group, string method, object? first, object? second, CancellationToken cancellationToken) =>
        DeliverAsync(group, method, () => hub.Clients.Group(group).SendAsync(method, first, second, cancellationToken), cancellationToken);

    private async Task DeliverAsync(string group, string method, Func<Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await send();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(e, "Live event {Method} for {Group} was not delivered ({Reason}); the state it announces is stored", method, group, e.GetBaseException().Message);
        }
    }
}

/// <summary>The host's commands by name, for the hub and the console's forms alike.</summary>
public static class LiveCommands
{
    /// <summary>start, next, pause, resume, close, skip, reveal, end, or limit with seconds; null with the reason for anything else.</summary>
    public static (Func<LiveSession, DateTimeOffset, bool>? Move, string? Problem) Parse(string? command, int? seconds) =>
        command switch
        {
            "start" => ((s, now) => s.Start(now), null),
            "next" => ((s, now) => s.Next(now), null),
            "pause" => ((s, now) => s.Pause(now), null),
            "resume" => ((s, now) => s.Resume(now), null),
            "close" => ((s, now) => s.Close(now), null),
            "skip" => ((s, now) => s.Skip(now), null),
            "reveal" => ((s, _) => s.Reveal(), null),
            "end" => ((s, now) => s.End(now), null),
            "limit" when seconds is { } limit => ((s, _) => s.SetTimeLimit(limit), null),
            "limit" => (null, $"Give the time limit in seconds, from {LiveSession.MinTimeLimitSeconds} to {LiveSession.MaxTimeLimitSeconds}."),
            _ => (null, $"'{command}' is not a host command."),
        };
}
