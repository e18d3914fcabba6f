using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Practice.Data;
using Practice.Web.Infrastructure;

namespace Practice.Web.Live;

/// <summary>What a participant's screen needs for the open question.</summary>
public sealed record LiveQuestion(int Index, int Count, string Kind, string Prompt, IReadOnlyList<LiveOption> Options, DateTimeOffset? Deadline, bool Paused);

public sealed record LiveOption(string Id, string Text);

/// <summary>Where a seat stands when it (re)connects: the session's state, the open question, the seat's score.</summary>
public sealed record LiveView(Guid SessionId, string State, LiveQuestion? Question, int Score, bool Answered);

/// <summary>
/// The live session hub (<c>/hubs/live</c>): a group per session for everyone seated and one for
/// its hosts. Seats are found by their token, not by the connection, so a reconnect is just a
/// new <see cref="Take"/>. Host methods check the team role on every call (in the service).
/// Everything said here comes from Postgres; the hub holds no state of its own.
/// </summary>
public sealed class LiveHub(LiveSessionService live, PracticeDbContext db) : Hub
{
    public static string Everyone(Guid session) => $"live:{session:N}";

    /// <summary>
    /// Browsers send cookies with a WebSocket to any site, so a page elsewhere could open this hub
    /// as the signed-in host (cross-site WebSocket hijacking): a connection from another origin is refused.
    /// </summary>
    public override Task OnConnectedAsync()
    {
        var request = Context.GetHttpContext()?.Request;
        if (request?.Headers.Origin.ToString() is { Length: > 0 } origin
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            Context.Abort();
        }
        return base.OnConnectedAsync();
    }

    public static string Hosts(Guid session) => $"live-hosts:{session:N}";

    /// <summary>A participant takes (or takes back) their seat; they get the current question, if one is open, and their score.</summary>
    public async Task<LiveView> Take(string token)
    {
        if (await live.SeatOfAsync(token, Context.ConnectionAborted) is not var (seat, session))
        {
            throw new HubException("You are not seated in this session. Join it again with its code.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Everyone(session.Id));
        var answered = session.State == LiveState.Open
            && await db.LiveAnswers.AnyAsync(a => a.ParticipantId == seat.Id && a.QuestionIndex == session.QuestionIndex, Context.ConnectionAborted);
        return new LiveView(session.Id, session.State.ToString(), await QuestionAsync(session), seat.Score, answered);
    }

    public async Task<LiveResult> Answer(string token, int index, string answer)
    {
        var result = await live.AnswerAsync(token, index, answer, Context.ConnectionAborted);
        if (result.SessionId is { } sessionId)
        {
            var count = await db.LiveAnswers.CountAsync(a => a.SessionId == sessionId && a.QuestionIndex == index, Context.ConnectionAborted);
            await Clients.Group(Hosts(sessionId)).SendAsync("answers", index, count);
        }
        return result;
    }

    /// <summary>A host watches the session (and may then run it).</summary>
    public async Task<LiveResult> Watch(Guid sessionId)
    {
        if (!await live.CanHostAsync(sessionId, LearnerIdentity.UserIdOf(Context.GetHttpContext()!), Context.ConnectionAborted))
        {
            return LiveResult.No(LiveSessionService.OnlyHosts);
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Hosts(sessionId));
        await Groups.AddToGroupAsync(Context.ConnectionId, Everyone(sessionId));
        return LiveResult.Ok;
    }

    /// <summary>start, next, pause, resume, close, skip, reveal, end, or limit with seconds.</summary>
    public async Task<LiveResult> Command(Guid sessionId, string command, int? seconds)
    {
        Func<LiveSession, DateTimeOffset, bool>? move = command switch
        {
            "start" => (s, now) => s.Start(now),
            "next" => (s, now) => s.Next(now),
            "pause" => (s, now) => s.Pause(now),
            "resume" => (s, now) => s.Resume(now),
            "close" => (s, now) => s.Close(now),
            "skip" => (s, now) => s.Skip(now),
            "reveal" => (s, _) => s.Reveal(),
            "end" => (s, now) => s.End(now),
            "limit" when seconds is { } limit => (s, _) => s.SetTimeLimit(limit),
            _ => null,
        };
        if (move is null)
        {
            return LiveResult.No($"'{command}' is not a host command.");
        }
        var result = await live.CommandAsync(sessionId, LearnerIdentity.UserIdOf(Context.GetHttpContext()!), move, Context.ConnectionAborted);
        if (result.Done)
        {
            await AnnounceAsync(sessionId);
        }
        return result;
    }

    /// <summary>Tells everyone in the session what the stored state now is.</summary>
    private async Task AnnounceAsync(Guid sessionId)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, Context.ConnectionAborted);
        var everyone = Clients.Group(Everyone(sessionId));
        switch (session.State)
        {
            case LiveState.Open:
                await everyone.SendAsync("question", await QuestionAsync(session));
                break;
            case LiveState.Closed:
                await everyone.SendAsync("closed", session.QuestionIndex);
                break;
            case LiveState.Revealed:
                var distribution = await db.LiveAnswers.AsNoTracking().Where(a => a.SessionId == sessionId && a.QuestionIndex == session.QuestionIndex)
                    .GroupBy(a => a.Answer).Select(g => new { Answer = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Answer, g => g.Count, Context.ConnectionAborted);
                await everyone.SendAsync("revealed", session.QuestionIndex, distribution, session.Skipped.Contains(session.QuestionIndex));
                await everyone.SendAsync("leaderboard", await live.LeaderboardAsync(sessionId, Context.ConnectionAborted));
                break;
            case LiveState.Ended:
                await everyone.SendAsync("ended", await live.LeaderboardAsync(sessionId, Context.ConnectionAborted));
                break;
        }
    }

    private async Task<LiveQuestion?> QuestionAsync(LiveSession session)
    {
        if (session.State is not (LiveState.Open or LiveState.Closed or LiveState.Revealed) || session.QuestionIndex < 0)
        {
            return null;
        }
        var (_, question) = await live.QuestionAsync(session, session.QuestionIndex, Context.ConnectionAborted);
        var options = question is Practice.Content.Questions.ChoiceQuestion choice
            ? choice.Options.Select(o => new LiveOption(o.Id, o.Text)).ToList()
            : [];
        return new LiveQuestion(session.QuestionIndex, session.Questions.Length, question.KindName, question.Prompt, options, session.Deadline, session.IsPaused);
    }
}
