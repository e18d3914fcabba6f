using System.Text;

namespace Practice.Web.Infrastructure;

/// <summary>CSV for spreadsheets: RFC 4180 quoting, CRLF rows; a cell a spreadsheet would read as a formula is prefixed with an apostrophe.</summary>
public static class Csv
{
    public static void Row(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(cell =>
        {
            var safe = cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) ? "'" + cell : cell;
            return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
        })).Append("\r\n");

    /// <summary>A file name's part from a display name: lower-case ASCII letters and digits, dashes for the rest.</summary>
    public static string Slug(string name, string fallback)
    {
        var slug = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }
}
