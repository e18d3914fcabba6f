using System.Net;
using System.Text.RegularExpressions;

namespace Practice.Web.Tests;

/// <summary>
/// Fills in one form of a page the way a browser would: that form's hidden fields (antiforgery
/// token included) are sent, and it posts to the form's own action.
/// </summary>
internal sealed partial class PageForm
{
    private readonly HttpClient _client;
    private readonly List<KeyValuePair<string, string>> _fields = [];

    private PageForm(HttpClient client, string action, string formHtml)
    {
        (_client, Action) = (client, action);
        foreach (Match input in Input().Matches(formHtml))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.Ordinal))
            {
                continue;
            }
            _fields.Add(new(WebUtility.HtmlDecode(Attribute("name").Match(tag).Groups[1].Value), WebUtility.HtmlDecode(Attribute("value").Match(tag).Groups[1].Value)));
        }
    }

    /// <summary>Where the form posts.</summary>
    public string Action { get; }

    /// <summary>A scenario page's answer form.</summary>
    public static Task<PageForm> OpenAsync(HttpClient client, string scenarioId) =>
        OpenAsync(client, $"/practice/{scenarioId}", "name=\"idempotency\"");

    /// <summary>The first POST form on the page at <paramref name="path"/> whose markup contains <paramref name="marker"/>.</summary>
    public static async Task<PageForm> OpenAsync(HttpClient client, string path, string marker)
    {
        var html = await client.GetStringAsync(path);
        return Find(client, path, html, marker)
            ?? throw new InvalidOperationException($"no POST form containing '{marker}' on {path}");
    }

    public static PageForm? Find(HttpClient client, string path, string html, string marker) =>
        PostForms(html).Where(f => f.Html.Contains(marker, StringComparison.Ordinal))
            .Select(f => new PageForm(client, f.Action ?? path, f.Html)).FirstOrDefault();

    /// <summary>Every POST form of a page: its action (null: the page itself) and its markup.</summary>
    public static IEnumerable<(string? Action, string Html)> PostForms(string html) =>
        Form().Matches(html).Where(m => m.Groups["open"].Value.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase))
            .Select(m => (Attribute("action").Match(m.Groups["open"].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : null, m.Value));

    /// <summary>The attempt a submit redirected to (<c>/practice/attempts/{id}</c>).</summary>
    public static Guid AttemptIdOf(HttpResponseMessage submitted) =>
        Guid.Parse(submitted.Headers.Location!.OriginalString.Split('/').Last());

    public string this[string name] => _fields.First(f => f.Key == name).Value;

    public PageForm Set(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public PageForm Without(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public Task<HttpResponseMessage> SubmitAsync() =>
        _client.PostAsync(Action, new FormUrlEncodedContent(_fields));

    /// <summary>Submits to another action, as a button with its own <c>formaction</c> does.</summary>
    public Task<HttpResponseMessage> SubmitToAsync(string action) =>
        _client.PostAsync(action, new FormUrlEncodedContent(_fields));

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("(?<open><form\\b[^>]*>).*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    private static Regex Attribute(string name) => new($"\\b{name}=\"([^\"]*)\"");
}
