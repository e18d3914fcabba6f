using Practice.ClusterApi;
using Practice.ClusterApi.Terminal;
using Practice.Content;
using Practice.Content.Questions;

namespace Practice.Cli;

/// <summary>
/// <c>console FILE [--seed N] [--question ID] [--at T] -- "COMMAND" ...</c>: the incident console
/// for authors: each argument after <c>--</c> is one command line, run in order; prints the
/// transcript and, for a runbook question, the answer the commands make.
/// </summary>
internal static class ConsoleCommand
{
    public const string Usage = """
          console FILE [--seed N] [--question ID] [--at T] -- "COMMAND" ...
                           run command lines in the incident's console (kubectl, ssh NODE, crictl ps,
                           systemctl, journalctl, etcdctl, sleep) from the runbook question's first
                           moment (or --at T, reading only) and print the transcript and the runbook
                           answer the actions make
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var dash = Array.IndexOf(args, "--");
        var own = dash < 0 ? args : args[..dash];
        var lines = dash < 0 ? [] : args[(dash + 1)..];
        string? file = null, seedText = null, questionId = null, at = null;
        for (var i = 0; i < own.Length; i++)
        {
            switch (own[i])
            {
                case "--seed" when i + 1 < own.Length:
                    seedText = own[++i];
                    break;
                case "--question" when i + 1 < own.Length:
                    questionId = own[++i];
                    break;
                case "--at" when i + 1 < own.Length:
                    at = own[++i];
                    break;
                case var option when option.StartsWith('-'):
                    return Fail(error, $"unknown option '{option}' (before '--': --seed N, --question ID, --at T)");
                case var name when file is null:
                    file = name;
                    break;
                default:
                    return Fail(error, $"console takes one scenario file, but got '{file}' and '{own[i]}'");
            }
        }
        if (file is null)
        {
            return Fail(error, "console needs a scenario FILE: console FILE -- \"kubectl get nodes\"");
        }
        var seed = 0;
        if (seedText is not null && (!int.TryParse(seedText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed)
            || seed > Content.Scenarios.ScenarioVariants.MaxSeed))
        {
            return Fail(error, $"--seed needs a whole number from 0 to {Content.Scenarios.ScenarioVariants.MaxSeed}, not '{seedText}'");
        }
        var (loaded, problems) = ContentLoader.LoadScenario(file, ContentLoader.FindCourseFor(file));
        if (loaded is null)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem.ToString(Environment.CurrentDirectory));
            }
            return CliApp.Invalid;
        }
        var scenario = loaded.AtSeed(seed);
        var runbooks = scenario.Questions.OfType<RunbookQuestion>().ToList();
        var question = questionId is null ? runbooks.FirstOrDefault() : runbooks.FirstOrDefault(q => q.Id == questionId);
        if (questionId is not null && question is null)
        {
            return Fail(error, $"'{questionId}' is not a runbook question of {scenario.Id} (runbook questions: {(runbooks.Count == 0 ? "none" : string.Join(", ", runbooks.Select(q => q.Id)))})");
        }
        long startMs;
        if (at is not null)
        {
            if (!KubeTime.TryParseVirtual(at, out startMs) || startMs > scenario.Spec.DurationMs)
            {
                return Fail(error, $"--at needs a time like 3m or 2m30s within the scenario ({IncidentApi.Clock(scenario.Spec.DurationMs)}), not '{at}'");
            }
            question = null;
        }
        else
        {
            startMs = question?.AtMs ?? scenario.PagedMs;
        }
        var console = new IncidentConsole(scenario.Spec, startMs, question?.Choices.Select(c => new ConsoleChoice(c.Id, c.Action)).ToList());
        foreach (var line in lines)
        {
            var entry = console.Run(line);
            output.WriteLine($"[{IncidentApi.Clock(entry.AtMs)}] {entry.Prompt} {entry.Command}");
            if (entry.Output.Length > 0)
            {
                output.WriteLine(entry.Output);
            }
        }
        if (question is not null)
        {
            output.WriteLine($"runbook answer ({question.Id}): {(console.Steps.Count == 0 ? "(no action)" : console.RunbookAnswer(question.AtMs))}");
        }
        return console.Transcript.Any(l => l.Failed) ? CliApp.Failed : CliApp.Ok;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"practice: {message}");
        return CliApp.Invalid;
    }
}
