using System.Globalization;
using System.Text;

namespace Aksara.Configuration;

/// <summary>Writes a <c>postgresql://</c> URL from its parts: what dbsetup puts in <c>DATABASE_URL</c>, and what provisioned servers hand out.</summary>
internal static class PostgresUrl
{
    /// <summary>
    /// User, password and database are percent-encoded (so '@', ':' or '/' in a password survive), an IPv6 address is
    /// bracketed, and a socket directory goes into <c>?host=</c> since it cannot be an authority.
    /// </summary>
    /// <param name="maskPassword">Write <c>***</c> instead of the password, for messages.</param>
    internal static string Build(string host, int port, string user, string? password, string database, bool maskPassword = false)
    {
        var url = new StringBuilder("postgresql://").Append(Uri.EscapeDataString(user));
        if (!string.IsNullOrEmpty(password))
            url.Append(':').Append(maskPassword ? "***" : Uri.EscapeDataString(password));
        url.Append('@');
        var socketDirectory = host.StartsWith('/');
        if (!socketDirectory)
            url.Append(host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host);
        url.Append(':').Append(port.ToString(CultureInfo.InvariantCulture))
            .Append('/').Append(Uri.EscapeDataString(database));
        if (socketDirectory)
            url.Append("?host=").Append(Uri.EscapeDataString(host));
        return url.ToString();
    }
}
