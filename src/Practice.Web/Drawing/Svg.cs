using System.Globalization;
using System.Text;

namespace Practice.Web.Drawing;

/// <summary>A tiny SVG writer: every text and attribute value goes through XML escaping.</summary>
internal sealed class Svg
{
    private readonly StringBuilder _out = new();
    private readonly int _width;
    private readonly string _labelledBy;
    private readonly string _heading;

    /// <param name="height">The drawing's height; a drawing laid out as it is drawn sets <see cref="Height"/> once it knows.</param>
    public Svg(int width, int height, string titleId, string title, string description)
    {
        (_width, Height) = (width, height);
        _heading = $"<title id=\"{titleId}-t\">{Escape(title)}</title><desc id=\"{titleId}-d\">{Escape(description)}</desc>";
        _labelledBy = $"{titleId}-t {titleId}-d";
    }

    public int Height { get; set; }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public Svg Rect(double x, double y, double w, double h, string cssClass, string? tooltip = null, double radius = 4)
    {
        _out.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" rx=\"{N(radius)}\" class=\"{cssClass}\">");
        if (tooltip is not null)
        {
            _out.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        }
        _out.Append("</rect>");
        return this;
    }

    public Svg Text(double x, double y, string text, string cssClass, string anchor = "start")
    {
        _out.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" class=\"{cssClass}\" text-anchor=\"{anchor}\">{Escape(text)}</text>");
        return this;
    }

    public Svg Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        _out.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" class=\"{cssClass}\"/>");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string cssClass)
    {
        _out.Append("<polyline class=\"").Append(cssClass).Append("\" points=\"");
        foreach (var (x, y) in points)
        {
            _out.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        }
        _out.Append("\"/>");
        return this;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {_width} {Height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{_labelledBy}\" class=\"svg-figure\">")
        + _heading + _out + "</svg>";
}
