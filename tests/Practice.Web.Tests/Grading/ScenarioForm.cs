using System.Net;
using System.Text.RegularExpressions;

namespace Practice.Web.Tests.Grading;

/// <summary>Fills in a scenario page's form the way a browser would: hidden fields and antiforgery token included.</summary>
internal sealed partial class ScenarioForm
{
    private readonly HttpClient _client;
    private readonly string _path;
    private readonly List<KeyValuePair<string, string>> _fields = [];

    private ScenarioForm(HttpClient client, string path, string html)
    {
        (_client, _path) = (client, path);
        foreach (Match input in Input().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }
            var name = Attribute("name").Match(tag).Groups[1].Value;
            var value = Attribute("value").Match(tag).Groups[1].Value;
            _fields.Add(new(WebUtility.HtmlDecode(name), WebUtility.HtmlDecode(value)));
        }
    }

    public static async Task<ScenarioForm> OpenAsync(HttpClient client, string scenarioId)
    {
        var path = $"/practice/{scenarioId}";
        var html = await client.GetStringAsync(path);
        return new ScenarioForm(client, path, html);
    }

    public string this[string name] => _fields.First(f => f.Key == name).Value;

    public ScenarioForm Set(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public ScenarioForm Without(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public Task<HttpResponseMessage> SubmitAsync() =>
        _client.PostAsync(_path, new FormUrlEncodedContent(_fields));

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex Input();

    private static Regex Attribute(string name) => new($"\\b{name}=\"([^\"]*)\"");
}
