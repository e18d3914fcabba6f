using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Practice.Content;
using Practice.Content.Exams;
using Practice.Content.Questions;
using Practice.Data;
using Practice.Web.Grading;

namespace Practice.Web.Exams;

/// <summary>An exam domain's part of a score.</summary>
public sealed record DomainScore(string Domain, string Name, int Right, int Questions);

/// <summary>A sitting's score: overall against the pass mark and per domain. <paramref name="Pending"/> while a worker still grades some of it.</summary>
public sealed record ExamScore(int Right, int Questions, int PassMark, IReadOnlyList<DomainScore> Domains, bool Pending)
{
    public int Percent => Questions == 0 ? 0 : (int)Math.Floor(Right * 100.0 / Questions);

    public bool Passed => !Pending && Percent >= PassMark;
}

/// <summary>What an answer or an action did: done, or why not.</summary>
public sealed record ExamResult(bool Done, string? Problem = null)
{
    public static readonly ExamResult Ok = new(true);
}

/// <summary>
/// Mock exam sittings: drawn from a blueprint with a stored seed, answered question by question
/// (each answer saved as it is given), ended by the learner or at the stored deadline by a
/// scheduled job, then graded as practice grades (an attempt per scenario, marked with the
/// sitting) and scored per exam domain.
/// </summary>
public sealed class ExamService(PracticeDbContext db, ScenarioLibrary library, GradingService grading, IBackgroundJobClient jobs, TimeProvider clock, ILogger<ExamService> logger)
{
    public async Task<IReadOnlyList<ExamBlueprint>> ExamsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ExamBlueprints.AsNoTracking().Where(e => e.RetiredAt == null).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(Parse).OfType<ExamBlueprint>()];
    }

    public async Task<ExamBlueprint?> BlueprintAsync(string examId, CancellationToken cancellationToken) =>
        await db.ExamBlueprints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == examId && e.RetiredAt == null, cancellationToken) is { } row ? Parse(row) : null;

    /// <summary>Starts a sitting: draws its questions (with <paramref name="seed"/>, or a new one), stores the deadline, schedules the job that ends it.</summary>
    public async Task<ExamSitting?> StartAsync(string examId, Guid learner, string? userId, int? seed, CancellationToken cancellationToken)
    {
        if (await BlueprintAsync(examId, cancellationToken) is not { } blueprint)
        {
            return null;
        }
        var ids = await db.Scenarios.AsNoTracking().Where(s => s.RetiredAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        var current = new List<ScenarioAtVersion>();
        foreach (var id in ids)
        {
            if (await library.CurrentAsync(db, id, cancellationToken) is { } scenario)
            {
                current.Add(scenario);
            }
        }
        var drawSeed = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var drawn = blueprint.Draw([.. current.Select(c => c.Scenario)], drawSeed);
        var questions = drawn.SelectMany(d => d.Scenario.Questions.Select(q => (Ref: $"{current.Single(c => c.Scenario.Id == d.Scenario.Id).VersionId}/{q.Id}", d.Domain))).ToList();
        var now = clock.GetUtcNow();
        var sitting = new ExamSitting
        {
            Id = Guid.NewGuid(), LearnerId = learner, UserId = userId, ExamId = blueprint.Id, Title = blueprint.Title, Seed = drawSeed,
            Questions = [.. questions.Select(q => q.Ref)], Domains = [.. questions.Select(q => q.Domain)], PassMark = blueprint.PassMark,
            StartedAt = now, Deadline = now.AddMilliseconds(blueprint.DurationMs),
        };
        db.ExamSittings.Add(sitting);
        await db.SaveChangesAsync(cancellationToken);
        sitting.JobId = jobs.Schedule<ExamDeadlineJob>(job => job.EndAsync(sitting.Id, CancellationToken.None), sitting.Deadline);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Sitting {SittingId} of exam {ExamId} started: {Questions} questions, seed {Seed}", sitting.Id, examId, questions.Count, drawSeed);
        return sitting;
    }

    /// <summary>The learner's own sitting; null for anyone else's (the page answers 404).</summary>
    public Task<ExamSitting?> SittingAsync(Guid sittingId, Guid learner, CancellationToken cancellationToken) =>
        db.ExamSittings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId && s.LearnerId == learner, cancellationToken);

    public async Task<IReadOnlyDictionary<int, string>> AnswersAsync(Guid sittingId, CancellationToken cancellationToken) =>
        await db.ExamAnswers.AsNoTracking().Where(a => a.SittingId == sittingId).ToDictionaryAsync(a => a.QuestionIndex, a => a.Answer, cancellationToken);

    /// <summary>Question <paramref name="index"/> of a sitting, with its scenario version.</summary>
    public async Task<(ScenarioAtVersion Scenario, Question Question)> QuestionAsync(ExamSitting sitting, int index, CancellationToken cancellationToken)
    {
        var (versionId, questionId) = Live.LiveSessionService.Parse(sitting.Questions[index]);
        var scenario = await library.AtVersionAsync(db, versionId, retired: true, cancellationToken) ?? throw new ScenarioVersionMissingException();
        return (scenario, scenario.Scenario.Question(questionId)!);
    }

    /// <summary>Saves (or replaces) an answer while the sitting is open; refused after the deadline or once ended.</summary>
    public async Task<ExamResult> AnswerAsync(Guid sittingId, Guid learner, int index, string answer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await SittingAsync(sittingId, learner, cancellationToken) is not { } sitting || index < 0 || index >= sitting.Questions.Length)
        {
            return new ExamResult(false, "No such question in your sitting.");
        }
        if (!sitting.IsOpen(now))
        {
            return new ExamResult(false, sitting.EndedAt is null || sitting.EndedBy == "deadline"
                ? "Time is up: the exam ended at its deadline, and answers after it are not taken."
                : "You have submitted this exam: its answers can no longer change.");
        }
        var (scenario, question) = await QuestionAsync(sitting, index, cancellationToken);
        try
        {
            question.Validate(answer, scenario.Scenario.Spec.DurationMs);
        }
        catch (AnswerException e)
        {
            return new ExamResult(false, e.Message);
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO exam_answers ("SittingId", "QuestionIndex", "Answer", "AnsweredAt") VALUES ({sittingId}, {index}, {answer}, {now})
            ON CONFLICT ("SittingId", "QuestionIndex") DO UPDATE SET "Answer" = EXCLUDED."Answer", "AnsweredAt" = EXCLUDED."AnsweredAt"
            """, cancellationToken);
        return ExamResult.Ok;
    }

    /// <summary>Flags a question to come back to, or takes the flag off; only while the sitting is open.</summary>
    public async Task<ExamResult> FlagAsync(Guid sittingId, Guid learner, int index, CancellationToken cancellationToken)
    {
        var sitting = await db.ExamSittings.SingleOrDefaultAsync(s => s.Id == sittingId && s.LearnerId == learner, cancellationToken);
        if (sitting is null || index < 0 || index >= sitting.Questions.Length || !sitting.IsOpen(clock.GetUtcNow()))
        {
            db.ChangeTracker.Clear();
            return new ExamResult(false, "This exam has ended.");
        }
        if (!sitting.Flagged.Remove(index))
        {
            sitting.Flagged.Add(index);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ExamResult(false, "The exam changed meanwhile (in another tab?). Look again and retry.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return ExamResult.Ok;
    }

    /// <summary>The learner's sittings, newest first.</summary>
    public async Task<IReadOnlyList<ExamSitting>> SittingsAsync(Guid learner, int take, CancellationToken cancellationToken) =>
        await db.ExamSittings.AsNoTracking().Where(s => s.LearnerId == learner).OrderByDescending(s => s.StartedAt).Take(take).ToListAsync(cancellationToken);

    /// <summary>The attempts a sitting handed to grading, by scenario version.</summary>
    public async Task<IReadOnlyList<Attempt>> AttemptsAsync(Guid sittingId, CancellationToken cancellationToken) =>
        await db.Attempts.AsNoTracking().Include(a => a.Answers).Where(a => a.ExamSittingId == sittingId).ToListAsync(cancellationToken);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Ends a sitting (the learner's submit, or the deadline job) and hands its answers to grading,
    /// an attempt per scenario. Safe to call again: a sitting ends once, and the attempts' keys
    /// make a second hand-over store nothing new (so a stop between the two is caught up).
    /// </summary>
    public async Task<bool> EndAsync(Guid sittingId, string by, CancellationToken cancellationToken)
    {
        var sitting = await db.ExamSittings.SingleOrDefaultAsync(s => s.Id == sittingId, cancellationToken);
        if (sitting is null)
        {
            return false;
        }
        var ended = sitting.End(by, clock.GetUtcNow());
        if (ended)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                ended = false; // the other ender wins; the hand-over below is the same either way
            }
        }
        db.ChangeTracker.Clear();
        var answers = await AnswersAsync(sittingId, cancellationToken);
        var stored = await db.ExamSittings.AsNoTracking().SingleAsync(s => s.Id == sittingId, cancellationToken);
        var handed = await db.Attempts.AsNoTracking().Where(a => a.ExamSittingId == sittingId).Select(a => a.ScenarioVersionId).ToListAsync(cancellationToken);
        foreach (var version in stored.Questions.Select((q, i) => (Index: i, Ref: Live.LiveSessionService.Parse(q))).GroupBy(q => q.Ref.VersionId)
            .Where(v => !handed.Contains(v.Key)))
        {
            var scenario = await library.AtVersionAsync(db, version.Key, retired: true, cancellationToken) ?? throw new ScenarioVersionMissingException();
            var given = version.Where(q => answers.ContainsKey(q.Index)).ToDictionary(q => q.Ref.QuestionId, q => answers[q.Index], StringComparer.Ordinal);
            await grading.SubmitAsync(new Submission(stored.LearnerId, scenario, $"exam{sittingId:N}v{version.Key}", given, stored.UserId,
                Asked: [.. version.Select(q => q.Ref.QuestionId)], ExamSittingId: sittingId), cancellationToken);
        }
        return ended;
    }

    public async Task<ExamScore> ScoreAsync(ExamSitting sitting, CancellationToken cancellationToken)
    {
        var attempts = await db.Attempts.AsNoTracking().Include(a => a.Answers).Where(a => a.ExamSittingId == sitting.Id).ToListAsync(cancellationToken);
        var pending = sitting.EndedAt is null || attempts.Count == 0 || attempts.Any(a => a.Status != AttemptStatus.Graded);
        var right = new bool[sitting.Questions.Length];
        for (var i = 0; i < sitting.Questions.Length; i++)
        {
            var (versionId, questionId) = Live.LiveSessionService.Parse(sitting.Questions[i]);
            right[i] = attempts.FirstOrDefault(a => a.ScenarioVersionId == versionId)?.Answers.FirstOrDefault(x => x.QuestionId == questionId)?.Correct == true;
        }
        var domains = sitting.Domains.Select((d, i) => (Domain: d, Right: right[i])).GroupBy(x => x.Domain)
            .Select(g => new DomainScore(g.Key, ExamDomains.Names.GetValueOrDefault(g.Key, g.Key), g.Count(x => x.Right), g.Count())).ToList();
        return new ExamScore(right.Count(r => r), right.Length, sitting.PassMark, domains, pending);
    }

    private static ExamBlueprint? Parse(ExamBlueprintRow row) =>
        ExamBlueprint.Parse(ContentFile.FromText($"content/exams/{row.Id}.yml", row.Source), new Content.Diagnostics.Problems());
}

/// <summary>The deadline's job: ends a sitting nobody submitted, with the answers given so far.</summary>
public sealed class ExamDeadlineJob(ExamService exams)
{
    [AutomaticRetry(Attempts = 5)]
    public Task EndAsync(Guid sittingId, CancellationToken cancellationToken) => exams.EndAsync(sittingId, "deadline", cancellationToken);
}
