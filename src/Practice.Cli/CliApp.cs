using Practice.Content;
using Practice.Content.Diagnostics;
using Practice.Content.Grading;
using Practice.Content.Questions;

namespace Practice.Cli;

/// <summary>
/// The authors' command line: <c>sim FILE [--json] [--answer Q=V ...]</c>,
/// <c>kubectl FILE --at T -- get ...</c> and <c>content check [DIR]</c>. Exit status 0 when everything is valid, 2 for a bad file or bad
/// usage, 1 when something unexpected failed.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    /// <summary>The most variants <c>sim --variants</c> runs at once.</summary>
    public const int MaxVariants = 1000;

    public const string Usage = """
        usage: practice-cli sim FILE [--json] [--seed N | --variants K] [--answer QUESTION=VALUE ...]
               practice-cli kubectl FILE --at T [--seed N] -- get nodes|pods [NAME] [FLAGS]
               practice-cli console FILE [--seed N] [--question ID] [--at T] -- "COMMAND" ...
               practice-cli content check [--no-run] [DIR]

          sim FILE         run one scenario file and show what every question measures
            --json         print JSON (id, seed, kubernetes, events, questions) instead of a summary
            --seed N       run variant N of a scenario with 'variants:' (0, the default: as written)
            --variants K   run variants 1..K, report every right answer that changes from the
                           scenario as written; exit 2 if one changes without 'varies: true'
            --answer Q=V   grade an answer as the web app does (repeatable); values:
                           multi: a,b (or empty)   single: a   number: 42 or never
                           order: a,b,c            runbook: drain,restart@+30s
        """ + "\n" + Kubectl.Usage + "\n" + ConsoleCommand.Usage + "\n" + """
          content check    check course.yml, lessons/*.md and scenarios/*.md under DIR
                           (default: content), run every scenario, print a summary
            --no-run       check the files only; do not run the scenarios
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return args switch
            {
                ["sim", .. var rest] => Sim(rest, output, error),
                ["content", "check", .. var rest] => ContentCheck(rest, output, error),
                ["kubectl", .. var rest] => Kubectl.Run(rest, output, error),
                ["console", .. var rest] => ConsoleCommand.Run(rest, output, error),
                ["help" or "--help" or "-h"] => Help(output),
                ["content", ..] => UsageError(error, args.Length == 1 ? "content needs a subcommand: check" : $"unknown content subcommand '{args[1]}'"),
                [] => UsageError(error, "no command given"),
                _ => UsageError(error, $"unknown command '{args[0]}'"),
            };
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("practice: cancelled");
            return Failed;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return Ok;
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"practice: {message}");
        error.WriteLine(Usage);
        return Invalid;
    }

    // ------------------------------------------------------------------ sim

    private static int Sim(string[] args, TextWriter output, TextWriter error)
    {
        string? file = null;
        var json = false;
        int? seed = null;
        int? variants = null;
        var answers = new List<(string Question, string Answer)>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--json")
            {
                json = true;
            }
            else if (arg == "--answer" || arg.StartsWith("--answer=", StringComparison.Ordinal))
            {
                string value;
                if (arg == "--answer")
                {
                    if (i + 1 >= args.Length)
                    {
                        return UsageError(error, "--answer needs QUESTION=VALUE");
                    }
                    value = args[++i];
                }
                else
                {
                    value = arg["--answer=".Length..];
                }
                var eq = value.IndexOf('=');
                if (eq <= 0)
                {
                    return UsageError(error, $"--answer needs QUESTION=VALUE, not '{value}'");
                }
                answers.Add((value[..eq].Trim(), value[(eq + 1)..]));
            }
            else if (arg is "--seed" or "--variants")
            {
                var max = arg == "--seed" ? Practice.Content.Scenarios.ScenarioVariants.MaxSeed : MaxVariants;
                var min = arg == "--seed" ? 0 : 1;
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                {
                    return UsageError(error, $"{arg} needs a whole number from {min} to {max}{(i + 1 < args.Length ? $", not '{args[i + 1]}'" : "")}");
                }
                i++;
                if (arg == "--seed")
                {
                    seed = n;
                }
                else
                {
                    variants = n;
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                return UsageError(error, $"unknown option '{arg}'");
            }
            else if (file is null)
            {
                file = arg;
            }
            else
            {
                return UsageError(error, $"sim takes one file, but got '{file}' and '{arg}'");
            }
        }
        if (file is null)
        {
            return UsageError(error, "sim needs a scenario FILE");
        }
        if (seed is not null && variants is not null)
        {
            return UsageError(error, "--seed runs one variant and --variants runs many: give one of them");
        }
        if (variants is not null && (json || answers.Count > 0))
        {
            return UsageError(error, "--variants prints a report of its own: it takes no --json or --answer");
        }

        var here = Environment.CurrentDirectory;
        var (scenario, problems) = ContentLoader.LoadScenario(file, ContentLoader.FindCourseFor(file));
        if (scenario is null)
        {
            Print(problems, error, here);
            return Invalid;
        }
        foreach (var (question, _) in answers)
        {
            if (scenario.Question(question) is null)
            {
                Print(problems, error, here);
                error.WriteLine($"practice: --answer {question}=...: {Suggest.Unknown("question", question, scenario.Questions.Select(q => q.Id))}");
                return Invalid;
            }
        }

        if ((seed is > 0 || variants is not null) && !scenario.HasVariants)
        {
            Print(problems, error, here);
            error.WriteLine($"practice: {file} declares no 'variants:', so it has no variant {(seed is not null ? $"seed {seed}" : "to run")}");
            return Invalid;
        }
        if (seed is { } chosen)
        {
            scenario = scenario.AtSeed(chosen);
        }

        var checks = new Problems();
        checks.AddRange(problems);
        var run = ScenarioGrader.Check(scenario, checks);
        if (run is null)
        {
            Print(checks.Sorted(), error, here);
            return Invalid;
        }
        if (variants is { } count)
        {
            var report = VariantCheck.Run(run, count, checks);
            if (report is not null)
            {
                SimSummary.WriteVariants(report, output);
            }
            Print(checks.Sorted(), error, here);
            return report is null || checks.HasErrors ? Invalid : Ok;
        }
        var grades = new Dictionary<string, QuestionGrade>();
        foreach (var (question, answer) in answers)
        {
            try
            {
                grades[question] = ScenarioGrader.Grade(run, question, answer);
            }
            catch (AnswerException e)
            {
                Print(checks.Sorted(), error, here);
                error.WriteLine($"practice: --answer {question}={answer}: {e.Message}");
                return Invalid;
            }
        }

        if (json)
        {
            output.WriteLine(SimJson.Write(run, grades));
        }
        else
        {
            SimSummary.Write(run, grades, output);
        }
        Print(checks.Sorted(), error, here);
        return checks.HasErrors ? Invalid : Ok;
    }

    private static void Print(IEnumerable<ContentProblem> problems, TextWriter error, string here)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(problem.ToString(here));
        }
    }

    // ------------------------------------------------------------------ content check

    private static int ContentCheck(string[] args, TextWriter output, TextWriter error)
    {
        var run = !args.Contains("--no-run");
        args = [.. args.Where(a => a != "--no-run")];
        if (args.FirstOrDefault(a => a.StartsWith('-') && a.Length > 1) is { } option)
        {
            return UsageError(error, $"unknown option '{option}'");
        }
        if (args.Length > 1)
        {
            return UsageError(error, "content check takes at most one directory");
        }
        var directory = args.Length == 1 ? args[0] : "content";
        var result = ContentLoader.Load(directory, new ContentLoadOptions { RunScenarios = run });
        var here = Environment.CurrentDirectory;
        Print(result.Errors.Concat(result.Warnings).OrderBy(p => p.At.File, StringComparer.Ordinal).ThenBy(p => p.At.Line).ThenBy(p => p.At.Column), error, here);

        var kinds = result.QuestionsPerKind;
        var questions = kinds.Values.Sum();
        var perKind = string.Join(", ", kinds.Select(k => $"{Question.KindNames[k.Key]} {k.Value}"));
        output.WriteLine($"modules:   {result.Course?.Modules.Count ?? 0}");
        output.WriteLine($"lessons:   {result.Lessons.Count}");
        output.WriteLine($"scenarios: {result.Scenarios.Count}");
        output.WriteLine($"questions: {questions} ({perKind})");
        output.WriteLine($"exams:     {result.Exams.Count}{(result.Exams.Count > 0 ? $" ({string.Join(", ", result.Exams.Select(e => e.Id))})" : "")}");
        if (result.Succeeded)
        {
            output.WriteLine($"content check: OK{(result.Warnings.Count > 0 ? $" ({Plural(result.Warnings.Count, "warning")})" : "")}");
            return Ok;
        }
        output.WriteLine($"content check: FAILED with {Plural(result.Errors.Count, "error")}{(result.Warnings.Count > 0 ? $" and {Plural(result.Warnings.Count, "warning")}" : "")} (counts above are of the files that passed)");
        return Invalid;
    }

    private static string Plural(int count, string word) => count == 1 ? $"1 {word}" : $"{count} {word}s";
}
