namespace Practice.Data;

public enum LiveState { Lobby, Open, Closed, Revealed, Ended }

/// <summary>
/// A live study session: a host runs the same questions for everyone at once. Its state moves
/// Lobby → Open(n) → Closed(n) → Revealed(n) → Open(n + 1) … → Ended, only through the methods
/// below; each refuses a move from the wrong state and then changes nothing. The server keeps the
/// clock: the open question's deadline is stored, so it survives a restart and every replica
/// agrees on it.
/// </summary>
public sealed class LiveSession
{
    public const int MinTimeLimitSeconds = 5;
    public const int MaxTimeLimitSeconds = 300;
    public const int DefaultTimeLimitSeconds = 30;

    public Guid Id { get; private init; }
    public Guid TeamId { get; private init; }
    public string HostUserId { get; private init; } = "";

    /// <summary>What participants type to join: unique among sessions that have not ended.</summary>
    public string Code { get; private init; } = "";

    public bool AllowGuests { get; private init; }

    /// <summary>The questions, in order, as <c>{scenario version id}/{question id}</c>.</summary>
    public string[] Questions { get; private init; } = [];

    public LiveState State { get; private set; }

    /// <summary>The current question (0-based); −1 in the lobby.</summary>
    public int QuestionIndex { get; private set; } = -1;

    public int TimeLimitSeconds { get; private set; } = DefaultTimeLimitSeconds;

    /// <summary>When the open question stops taking answers; null while paused or when no question is open.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>When the open question opened (or resumed, less the time it had run): answers' times count from here.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>Milliseconds left on a paused question.</summary>
    public int? PausedRemainingMs { get; private set; }

    /// <summary>Questions the host skipped: their answers score nothing.</summary>
    public List<int> Skipped { get; private init; } = [];

    /// <summary>How many moments of the revealed question's event log the host has shown the room (0: none yet).</summary>
    public int RevealStep { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Postgres's xmin: two host commands racing cannot both move the state.</summary>
    public uint RowVersion { get; private set; }

    public bool IsPaused => State == LiveState.Open && PausedRemainingMs is not null;

    public bool IsLastQuestion => QuestionIndex == Questions.Length - 1;

    public static LiveSession Create(Guid id, Guid teamId, string hostUserId, string code, IReadOnlyList<string> questions, bool allowGuests, DateTimeOffset at) =>
        questions.Count == 0
            ? throw new ArgumentException("a live session needs at least one question", nameof(questions))
            : new LiveSession
            {
                Id = id, TeamId = teamId, HostUserId = hostUserId, Code = code, Questions = [.. questions],
                AllowGuests = allowGuests, State = LiveState.Lobby, CreatedAt = at,
            };

    /// <summary>The time limit for questions opened from now on. In the lobby, or between questions.</summary>
    public bool SetTimeLimit(int seconds)
    {
        if (seconds is < MinTimeLimitSeconds or > MaxTimeLimitSeconds || State is LiveState.Open or LiveState.Ended)
        {
            return false;
        }
        TimeLimitSeconds = seconds;
        return true;
    }

    /// <summary>Lobby → the first question open.</summary>
    public bool Start(DateTimeOffset now) => State == LiveState.Lobby && OpenQuestion(0, now);

    /// <summary>Revealed → the next question open. Refused after the last question: the host ends the session.</summary>
    public bool Next(DateTimeOffset now) => State == LiveState.Revealed && !IsLastQuestion && OpenQuestion(QuestionIndex + 1, now);

    /// <summary>Stops the open question's clock; the time left is kept.</summary>
    public bool Pause(DateTimeOffset now)
    {
        if (State != LiveState.Open || IsPaused || Deadline is not { } deadline || deadline <= now)
        {
            return false;
        }
        PausedRemainingMs = (int)Math.Ceiling((deadline - now).TotalMilliseconds);
        Deadline = null;
        return true;
    }

    /// <summary>Starts the clock again with the time that was left: the deadline moves.</summary>
    public bool Resume(DateTimeOffset now)
    {
        if (!IsPaused)
        {
            return false;
        }
        var remaining = TimeSpan.FromMilliseconds(PausedRemainingMs!.Value);
        Deadline = now + remaining;
        // Answer times count the question's running time only: the pause is left out.
        OpenedAt = Deadline - TimeSpan.FromSeconds(TimeLimitSeconds);
        PausedRemainingMs = null;
        return true;
    }

    /// <summary>Open → closed: early by the host, or once the deadline has passed.</summary>
    public bool Close(DateTimeOffset now)
    {
        if (State != LiveState.Open)
        {
            return false;
        }
        (State, Deadline, PausedRemainingMs) = (LiveState.Closed, null, null);
        return true;
    }

    /// <summary>The open or closed question scores nothing and is revealed as skipped.</summary>
    public bool Skip(DateTimeOffset now)
    {
        if (State is not (LiveState.Open or LiveState.Closed))
        {
            return false;
        }
        Skipped.Add(QuestionIndex);
        (State, Deadline, PausedRemainingMs) = (LiveState.Revealed, null, null);
        return true;
    }

    /// <summary>Closed → revealed: everyone sees the answers and the outcome.</summary>
    public bool Reveal()
    {
        if (State != LiveState.Closed)
        {
            return false;
        }
        State = LiveState.Revealed;
        return true;
    }

    /// <summary>
    /// Revealed: the host steps the room through the incident's event log, one moment at a time,
    /// forward or back, from 0 (none shown) to <paramref name="moments"/> (all of them).
    /// </summary>
    public bool StepTo(int step, int moments)
    {
        if (State != LiveState.Revealed || step < 0 || step > moments || step == RevealStep)
        {
            return false;
        }
        RevealStep = step;
        return true;
    }

    /// <summary>From any state but ended: the session is over.</summary>
    public bool End(DateTimeOffset now)
    {
        if (State == LiveState.Ended)
        {
            return false;
        }
        (State, Deadline, PausedRemainingMs, EndedAt) = (LiveState.Ended, null, null, now);
        return true;
    }

    /// <summary>Whether an answer to question <paramref name="index"/> arriving at <paramref name="now"/> is in time.</summary>
    public bool Takes(int index, DateTimeOffset now) =>
        State == LiveState.Open && index == QuestionIndex && !IsPaused && Deadline is { } deadline && now < deadline;

    private bool OpenQuestion(int index, DateTimeOffset now)
    {
        if (index < 0 || index >= Questions.Length)
        {
            return false;
        }
        (State, QuestionIndex, OpenedAt, Deadline, PausedRemainingMs, RevealStep) =
            (LiveState.Open, index, now, now + TimeSpan.FromSeconds(TimeLimitSeconds), null, 0);
        return true;
    }
}

/// <summary>
/// Speed scoring within the question's window (after Kahoot's published rule): a right answer
/// earns round((1 − (t/T)/2) × 1000) points, t the seconds since the question opened and T its
/// limit, so 1000 at once and 500 at the deadline. A <c>multi</c> answer that is not wholly right
/// earns that speed score times the share of options judged right (the practice grade's partial
/// credit, points out of 100); every other wrong answer earns 0.
/// </summary>
public static class LiveScoring
{
    public static int Points(bool correct, int partialPoints, TimeSpan elapsed, TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }
        var share = correct ? 1.0 : Math.Clamp(partialPoints, 0, 100) / 100.0;
        var t = Math.Clamp(elapsed.TotalSeconds, 0, limit.TotalSeconds);
        return (int)Math.Round(share * (1 - t / limit.TotalSeconds / 2) * 1000, MidpointRounding.AwayFromZero);
    }
}
