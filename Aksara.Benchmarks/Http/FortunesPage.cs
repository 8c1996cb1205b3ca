using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Aksara.Benchmarks.Http;

/// <summary>
/// The Fortunes page template. Every variant renders through this one, so the comparison stays about data access;
/// messages are HTML-escaped, and non-ASCII text (the Japanese fortune) is written as UTF-8, not as entities.
/// </summary>
/// <remarks>
/// Hand-written rather than Razor: TechEmpower's template is four fixed lines, and a view engine would add the same
/// cost to every variant while needing the Razor SDK in this console project.
/// </remarks>
public static class FortunesPage
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Header = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>";
    private const string Footer = "</table></body></html>";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(IReadOnlyList<Fortune> fortunes)
    {
        using var html = new StringWriter(CultureInfo.InvariantCulture);
        html.Write(Header);
        foreach (var fortune in fortunes)
        {
            html.Write("<tr><td>");
            html.Write(fortune.Id.ToString(CultureInfo.InvariantCulture));
            html.Write("</td><td>");
            Encoder.Encode(html, fortune.Message);
            html.Write("</td></tr>");
        }
        html.Write(Footer);
        return html.ToString();
    }
}
