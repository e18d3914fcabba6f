using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Practice.Content.Grading;

namespace Practice.Cli;

/// <summary>The JSON of <c>sim --json</c>, as scenario-format.md "Command line" lays it out.</summary>
internal static class SimJson
{
    public static string Write(ScenarioRun run, IReadOnlyDictionary<string, QuestionGrade> grades)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var scenario = run.Scenario;
            json.WriteStartObject();
            json.WriteString("id", scenario.Id);
            json.WriteNumber("seed", scenario.Seed);
            if (scenario.HasVariants)
            {
                json.WriteStartObject("variant");
                json.WriteNumber("seed", scenario.Variant.Seed);
                json.WriteStartObject("values");
                foreach (var (name, value) in scenario.Variant.Values)
                {
                    json.WriteString(name, value);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteString("kubernetes", scenario.Kubernetes);
            json.WriteNumber("duration", scenario.Spec.DurationMs);
            json.WriteStartArray("events");
            foreach (var e in run.Trace.Events)
            {
                json.WriteStartObject();
                json.WriteNumber("at", e.AtMs);
                json.WriteString("component", e.Component);
                json.WriteString("kind", e.Kind);
                json.WriteString("subject", e.Subject);
                json.WriteString("reason", e.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("questions");
            foreach (var question in scenario.Questions)
            {
                json.WriteStartObject();
                json.WriteString("id", question.Id);
                json.WriteString("kind", question.KindName);
                switch (run.Outcome(question.Id))
                {
                    case ChoiceOutcome choice:
                        json.WriteStartArray("options");
                        foreach (var option in choice.Options)
                        {
                            json.WriteStartObject();
                            json.WriteString("id", option.Id);
                            json.WriteBoolean("holds", option.Holds);
                            json.WriteString("explanation", option.Explanation);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        break;
                    case NumberOutcome number:
                        if (number.Value is { } value)
                        {
                            json.WriteNumber("value", value);
                        }
                        else
                        {
                            json.WriteNull("value");
                        }
                        json.WriteString("explanation", number.Explanation);
                        break;
                    case OrderOutcome order:
                        json.WriteStartArray("order");
                        foreach (var id in order.Order)
                        {
                            json.WriteStringValue(id);
                        }
                        json.WriteEndArray();
                        json.WriteStartArray("times");
                        foreach (var item in order.Items)
                        {
                            json.WriteStartObject();
                            json.WriteString("id", item.Id);
                            if (item.AtMs is { } at)
                            {
                                json.WriteNumber("at", at);
                            }
                            else
                            {
                                json.WriteNull("at");
                            }
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        break;
                    case RunbookOutcome runbook:
                        json.WritePropertyName("goal");
                        WriteGoal(json, runbook.Goal);
                        break;
                }
                if (grades.TryGetValue(question.Id, out var grade))
                {
                    json.WritePropertyName("grade");
                    WriteGrade(json, grade);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteGoal(Utf8JsonWriter json, GoalVerdict goal)
    {
        json.WriteStartObject();
        json.WriteBoolean("holds", goal.Holds);
        json.WriteStartArray("goals");
        foreach (var check in goal.Goals)
        {
            json.WriteStartObject();
            json.WriteString("probe", check.Probe);
            json.WriteBoolean("holds", check.Holds);
            json.WriteString("explanation", check.Explanation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteGrade(Utf8JsonWriter json, QuestionGrade grade)
    {
        json.WriteStartObject();
        json.WriteString("answer", grade.Answer);
        json.WriteBoolean("correct", grade.Correct);
        json.WriteString("correctAnswer", grade.CorrectAnswer);
        json.WriteStartArray("explanations");
        foreach (var line in grade.Explanations)
        {
            json.WriteStringValue(line);
        }
        json.WriteEndArray();
        if (grade.Replay is { } replay)
        {
            json.WriteStartArray("actions");
            foreach (var action in replay.Actions)
            {
                json.WriteStartObject();
                json.WriteString("choice", action.ChoiceId);
                json.WriteNumber("at", action.AtMs);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("goal");
            WriteGoal(json, replay.Goal);
        }
        json.WriteEndObject();
    }
}
