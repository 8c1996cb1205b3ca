using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Aksara;

/// <summary>
/// A <c>DATABASE_URL</c>: either a libpq connection URI
/// (<c>postgresql://user:password@host1:5432,host2:5433/dbname?sslmode=require</c>, see "Connection URIs" in the libpq
/// documentation) or a plain Npgsql keyword string (<c>Host=localhost;Database=app</c>).
/// </summary>
/// <remarks>
/// Npgsql has no URI parser (npgsql issue 2090) and <see cref="Uri"/> accepts neither several hosts nor an empty
/// authority, so the URI grammar is parsed here. Error messages name the offending part and never contain the password.
/// </remarks>
public sealed partial class DatabaseUrl
{
    // The query parameters users actually pass: libpq's names, plus search_path as a convenience.
    static readonly string[] s_knownParameters =
    [
        "host", "port", "dbname", "user", "password", "sslmode", "sslrootcert", "sslcert", "sslkey",
        "connect_timeout", "application_name", "options", "search_path", "target_session_attrs", "load_balance_hosts",
    ];

    // libpq parameters whose value Npgsql takes as it is, with the Npgsql keyword each one maps onto.
    static readonly (string Libpq, string Npgsql)[] s_plainKeywords =
    [
        ("dbname", "Database"), ("user", "Username"), ("password", "Password"), ("connect_timeout", "Timeout"),
        ("application_name", "Application Name"), ("options", "Options"), ("search_path", "Search Path"),
        ("sslrootcert", "Root Certificate"), ("sslcert", "SSL Certificate"), ("sslkey", "SSL Key"),
    ];

    static readonly string[] s_sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
    static readonly string[] s_targetSessionAttrs = ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"];
    static readonly string[] s_loadBalanceModes = ["disable", "random"];

    // Npgsql's Timeout refuses more than this; saying so at parse time beats an ArgumentOutOfRangeException later.
    const int MaxConnectTimeout = 1024;

    static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly string _text;
    // The effective libpq settings (the URI parts, overridden by the query as libpq does), without host and port.
    readonly Dictionary<string, string> _settings;

    DatabaseUrl(string text, bool isKeywordString, IReadOnlyList<DatabaseHost> hosts,
        Dictionary<string, string> settings, IReadOnlyDictionary<string, string> parameters)
    {
        _text = text;
        _settings = settings;
        IsKeywordString = isKeywordString;
        Hosts = hosts;
        Parameters = parameters;
    }

    /// <summary>At least one entry; <c>(null, null)</c> when the URL names no host (the local socket).</summary>
    public IReadOnlyList<DatabaseHost> Hosts { get; }

    public string? Database => Setting("dbname");
    public string? Username => Setting("user");
    public string? Password => Setting("password");

    /// <summary>The input was a plain Npgsql keyword string rather than a URI.</summary>
    public bool IsKeywordString { get; }

    /// <summary>libpq spelling: disable, allow, prefer, require, verify-ca or verify-full.</summary>
    public string? SslMode => Setting("sslmode");
    public string? ApplicationName => Setting("application_name");
    public string? SearchPath => Setting("search_path");
    public string? TargetSessionAttributes => Setting("target_session_attrs");
    public string? Options => Setting("options");

    /// <summary>
    /// Every query parameter as given (percent-decoded), by libpq name. For a keyword string: the settings it gives
    /// that have a libpq name (connect_timeout for Timeout, and so on).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    string? Setting(string name) => _settings.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <exception cref="AksaraConfigurationException">The value is empty or malformed.</exception>
    public static DatabaseUrl Parse(string value)
    {
        // Trimmed because values from .env files and shells often carry a stray newline or space.
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            throw new AksaraConfigurationException(
                "The database URL is empty. Set it to a URL such as postgresql://user:password@localhost:5432/app, " +
                "or to an Npgsql keyword string such as Host=localhost;Database=app.");

        var scheme = SchemeRegex().Match(text);
        if (scheme.Success)
        {
            var name = scheme.Groups[1].Value;
            if (!name.Equals("postgresql", StringComparison.OrdinalIgnoreCase) && !name.Equals("postgres", StringComparison.OrdinalIgnoreCase))
                throw new AksaraConfigurationException(
                    $"Unsupported scheme \"{name}://\" in the database URL {MaskUrl(text)}: Aksara connects to PostgreSQL only, " +
                    "so start the URL with postgresql:// or postgres://.");
            return ParseUri(text, scheme.Length);
        }

        if (text.Contains('='))
            return ParseKeywordString(text);

        // Not echoed: a value that is neither form may well be a bare password pasted into the wrong variable.
        throw new AksaraConfigurationException(
            "The database URL is neither a postgresql:// URL nor an Npgsql keyword string (its value is not shown, " +
            "as it may hold a password). Start it with postgresql://, e.g. postgresql://user:password@localhost:5432/app.");
    }

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out DatabaseUrl? url, [NotNullWhen(false)] out string? error)
    {
        try
        {
            url = Parse(value ?? "");
            error = null;
            return true;
        }
        catch (AksaraConfigurationException e)
        {
            url = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>A new builder with everything the URL says, mapped onto Npgsql keywords.</summary>
    public NpgsqlConnectionStringBuilder ToConnectionStringBuilder()
    {
        if (IsKeywordString)
            return new NpgsqlConnectionStringBuilder(_text);

        var builder = new NpgsqlConnectionStringBuilder();
        if (Hosts is [var single])
        {
            builder.Host = NpgsqlHost(single.Host);
            if (single.Port is { } port)
                builder.Port = port;
        }
        else
            builder.Host = string.Join(',', Hosts.Select(h => h.Port is { } port ? $"{NpgsqlHost(h.Host)}:{port}" : NpgsqlHost(h.Host)));

        foreach (var (libpq, npgsql) in s_plainKeywords)
            if (Setting(libpq) is { } value)
                builder[npgsql] = value;
        if (SslMode is { } sslMode)
            builder.SslMode = Enum.Parse<Npgsql.SslMode>(sslMode.Replace("-", ""), ignoreCase: true);
        if (Setting("load_balance_hosts") is { } loadBalance)
            builder.LoadBalanceHosts = loadBalance == "random";
        // Npgsql refuses a target session other than "any" for a single host (NotSupportedException when the data
        // source is built), where libpq would check that one server. The property still reports it.
        if (TargetSessionAttributes is { } target && (Hosts.Count > 1 || target == "any"))
            builder.TargetSessionAttributes = target;
        return builder;
    }

    /// <summary>The URL with its password replaced by <c>***</c>, for logs and messages.</summary>
    public string ToMaskedString()
    {
        if (!IsKeywordString)
            return MaskUrl(_text);

        var builder = new NpgsqlConnectionStringBuilder(_text);
        if (!string.IsNullOrEmpty(builder.Password))
            builder.Password = "***";
        if (!string.IsNullOrEmpty(builder.SslPassword))
            builder.SslPassword = "***";
        return builder.ConnectionString;
    }

    public override string ToString() => ToMaskedString();

    #region URI

    static DatabaseUrl ParseUri(string text, int schemeLength)
    {
        var (userInfo, hostsAndPath, query) = SplitUri(text, schemeLength);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':');
            settings["user"] = Decode(colon < 0 ? userInfo : userInfo[..colon], "the user name");
            if (colon >= 0)
                settings["password"] = Decode(userInfo[(colon + 1)..], "the password", secret: true);
        }

        var slash = hostsAndPath.IndexOf('/');
        if (slash >= 0)
            settings["dbname"] = Decode(hostsAndPath[(slash + 1)..], "the database name");
        var hosts = ParseHostList(slash < 0 ? hostsAndPath : hostsAndPath[..slash]);

        var parameters = ParseQuery(query);
        foreach (var (name, value) in parameters)
            if (name is not ("host" or "port"))
                settings[name] = value;
        Validate(settings);

        // As in libpq, ?host= and ?port= replace the lists of the authority, and a single port serves every host.
        var hostNames = parameters.TryGetValue("host", out var hostParameter)
            ? hostParameter.Split(',').Select(QueryHost).ToList()
            : hosts.Select(h => h.Host).ToList();
        var ports = parameters.TryGetValue("port", out var portParameter)
            ? portParameter.Split(',').Select(p => ParseUriPort(p, "the port query parameter")).ToList()
            : hosts.Select(h => h.Port).ToList();
        if (ports.Count != hostNames.Count && ports.Count != 1)
            throw new AksaraConfigurationException(
                $"The database URL {MaskUrl(text)} names {hostNames.Count} hosts but {ports.Count} ports: " +
                "give one port for every host, or a single port for all of them.");

        return new DatabaseUrl(text, isKeywordString: false,
            hostNames.Select((host, i) => new DatabaseHost(host, ports[ports.Count == 1 ? 0 : i])).ToList(),
            settings, parameters);
    }

    // Splits what follows "scheme://" into user info, host list with path, and query. The user info ends at the last
    // '@' before the query, not at the first '@' or '/' as in libpq, so that a password with an unencoded '@', ':' or
    // '/' (common in generated passwords) still lands in the password and never in a host name or an error message.
    static (string? UserInfo, string HostsAndPath, string? Query) SplitUri(string text, int start)
    {
        var queryStart = text.IndexOf('?', start);
        var end = queryStart < 0 ? text.Length : queryStart;
        var at = text.AsSpan(start, end - start).LastIndexOf('@');
        return (at < 0 ? null : text[start..(start + at)],
            text[(at < 0 ? start : start + at + 1)..end],
            queryStart < 0 ? null : text[(queryStart + 1)..]);
    }

    // host[:port] entries separated by ','. An IPv6 address goes in brackets, since its colons would read as a port.
    static List<DatabaseHost> ParseHostList(string list)
    {
        var hosts = new List<DatabaseHost>();
        for (var i = 0; ; i++)
        {
            var start = i;
            string host;
            if (i < list.Length && list[i] == '[')
            {
                var close = list.IndexOf(']', i);
                if (close < 0)
                    throw new AksaraConfigurationException(
                        $"Unterminated IPv6 address \"{list[start..]}\" in the database URL: close it with ']', e.g. [::1]:5432.");
                if (close == i + 1)
                    throw new AksaraConfigurationException(
                        "Empty IPv6 address \"[]\" in the database URL: put the address between the brackets, e.g. [::1], " +
                        "or leave the host out to use the local socket.");
                host = Decode(list[(i + 1)..close], "the host");
                i = close + 1;
                if (i < list.Length && list[i] is not (':' or ','))
                    throw new AksaraConfigurationException(
                        $"Unexpected \"{UpToComma(list, i)}\" after \"{list[start..i]}\" in the database URL: " +
                        "only \":port\", \",\" and the end of the host list may follow ']'.");
            }
            else
            {
                i = list.IndexOfAny([':', ','], i) is var next and >= 0 ? next : list.Length;
                host = Decode(list[start..i], "the host");
            }

            int? port = null;
            if (i < list.Length && list[i] == ':')
            {
                var portText = UpToComma(list, i + 1);
                port = ParseUriPort(portText, $"host \"{list[start..i]}\"");
                i += 1 + portText.Length;
            }

            // An empty host means the local socket, as in libpq (postgresql:///db, postgresql://h1,,h2).
            hosts.Add(new DatabaseHost(host.Length == 0 ? null : host, port));
            if (i >= list.Length)
                return hosts;
        }
    }

    static string UpToComma(string text, int start)
        => text.IndexOf(',', start) is var comma and >= 0 ? text[start..comma] : text[start..];

    // In ?host= the entries are plain host names, as in libpq's host keyword; brackets are tolerated for IPv6.
    static string? QueryHost(string host)
        => host.Length == 0 ? null : host.StartsWith('[') && host.EndsWith(']') && host.Length > 2 ? host[1..^1] : host;

    // libpq takes an empty port ("postgres://host:/db", "?port=") as the default one.
    static int? ParseUriPort(string text, string what) => text.Length == 0 ? null : ParsePort(text, what);

    static int ParsePort(string text, string what)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            return port;
        var hint = text.Contains(':') ? " If this is an IPv6 address, put it in brackets, e.g. [::1]:5432." : "";
        throw new AksaraConfigurationException(
            $"Invalid port \"{text}\" for {what} in the database URL: a port must be a number from 1 to 65535.{hint}");
    }

    static Dictionary<string, string> ParseQuery(string? query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (query is null)
            return parameters;

        foreach (var pair in query.Split('&'))
        {
            // libpq ignores an empty tail ("?a=b&"); an empty pair in between is as harmless.
            if (pair.Length == 0)
                continue;
            var equals = pair.IndexOf('=');
            if (equals < 0)
                throw new AksaraConfigurationException(
                    $"Query parameter \"{pair}\" in the database URL has no '=': write it as name=value, e.g. sslmode=require.");
            var given = Decode(pair[..equals], "a query parameter name");
            // libpq wants lower case; environment variables are often written by hand, so any case is accepted.
            var name = given.ToLowerInvariant();
            var isPassword = name == "password";
            if (pair.IndexOf('=', equals + 1) >= 0)
                throw new AksaraConfigurationException(isPassword
                    ? "The password query parameter in the database URL has more than one '=': percent-encode an '=' in the password as %3D."
                    : $"Query parameter \"{pair}\" in the database URL has more than one '=': percent-encode an '=' in a value as %3D.");
            if (!s_knownParameters.Contains(name))
                throw new AksaraConfigurationException(
                    $"Unknown query parameter \"{given}\" in the database URL. Accepted parameters: {string.Join(", ", s_knownParameters)}. " +
                    "Set other Npgsql options in code.");
            parameters[name] = Decode(pair[(equals + 1)..],
                isPassword ? "the password" : $"the value of query parameter \"{name}\"", secret: isPassword);
        }
        return parameters;
    }

    // Checks the values Npgsql would otherwise reject later with a less helpful message; normalizes them to lower case.
    static void Validate(Dictionary<string, string> settings)
    {
        CheckOneOf(settings, "sslmode", s_sslModes);
        CheckOneOf(settings, "target_session_attrs", s_targetSessionAttrs);
        CheckOneOf(settings, "load_balance_hosts", s_loadBalanceModes);
        if (settings.TryGetValue("connect_timeout", out var timeout) && timeout.Length > 0
            && !(int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxConnectTimeout))
            throw new AksaraConfigurationException(
                $"Invalid connect_timeout \"{timeout}\" in the database URL: use a whole number of seconds from 0 to {MaxConnectTimeout} (0 waits forever).");
    }

    static void CheckOneOf(Dictionary<string, string> settings, string name, string[] allowed)
    {
        if (!settings.TryGetValue(name, out var value) || value.Length == 0)
            return;
        var normalized = value.ToLowerInvariant();
        if (!allowed.Contains(normalized))
            throw new AksaraConfigurationException(
                $"Invalid {name} \"{value}\" in the database URL: use one of {string.Join(", ", allowed)}.");
        settings[name] = normalized;
    }

    // Percent-decodes one part of the URL as UTF-8, as libpq does ('+' stays '+'). part names it in messages; the
    // escape itself is left out of them when the part is secret.
    static string Decode(string value, string part, bool secret = false)
    {
        if (!value.Contains('%'))
            return value;

        var bytes = new List<byte>(value.Length);
        for (var i = 0; ;)
        {
            var percent = value.IndexOf('%', i);
            bytes.AddRange(Encoding.UTF8.GetBytes(value, i, (percent < 0 ? value.Length : percent) - i));
            if (percent < 0)
                break;
            var escape = value.Substring(percent, Math.Min(3, value.Length - percent));
            if (escape.Length < 3 || !byte.TryParse(escape.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                throw BadEscape(escape, part, secret, "'%' must be followed by two hexadecimal digits; write a literal '%' as %25");
            // PostgreSQL strings are NUL-terminated on the wire, so a NUL could only truncate or confuse the value.
            if (b == 0)
                throw BadEscape(escape, part, secret, "it decodes to a NUL character, which PostgreSQL does not allow; remove it");
            bytes.Add(b);
            i = percent + 3;
        }

        try
        {
            return s_strictUtf8.GetString(CollectionsMarshal.AsSpan(bytes));
        }
        catch (DecoderFallbackException)
        {
            throw new AksaraConfigurationException(
                $"The percent-escapes in {part} of the database URL are not valid UTF-8: encode each character as the %XX escapes of its UTF-8 bytes.");
        }
    }

    static AksaraConfigurationException BadEscape(string escape, string part, bool secret, string fix)
        => new(secret
            ? $"Invalid percent-escape in {part} of the database URL: {fix}."
            : $"Invalid percent-escape \"{escape}\" in {part} of the database URL: {fix}.");

    // Npgsql needs a host. A URL without one means libpq's default: the local Unix socket, whose directory is compiled
    // into libpq (/var/run/postgresql on Debian-family systems, /tmp upstream), or localhost where sockets are not used.
    static string NpgsqlHost(string? host) => host switch
    {
        null when OperatingSystem.IsWindows() => "localhost",
        null => Directory.Exists("/var/run/postgresql") ? "/var/run/postgresql" : "/tmp",
        // Npgsql reads "host:port" at the last colon unless an IPv6 address is bracketed.
        _ when host.Contains(':') && !host.StartsWith('/') => $"[{host}]",
        _ => host,
    };

    // Works on the raw text, so that it can also show a URL that failed to parse. The user name is re-encoded
    // (it may hold '@' or ':'), hosts, path and query are kept, and every password becomes ***.
    static string MaskUrl(string text)
    {
        var schemeLength = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var (userInfo, hostsAndPath, query) = SplitUri(text, schemeLength);
        var masked = new StringBuilder(text, 0, schemeLength, text.Length + 8);
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':');
            masked.Append(Uri.EscapeDataString(Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon])));
            if (colon >= 0 && colon < userInfo.Length - 1)
                masked.Append(":***");
            masked.Append('@');
        }
        masked.Append(hostsAndPath);
        if (query is not null)
            masked.Append('?').AppendJoin('&', query.Split('&').Select(MaskParameter));
        return masked.ToString();
    }

    static string MaskParameter(string pair)
    {
        var equals = pair.IndexOf('=');
        return equals >= 0 && Uri.UnescapeDataString(pair[..equals]).Equals("password", StringComparison.OrdinalIgnoreCase)
            ? pair[..(equals + 1)] + "***"
            : pair;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex SchemeRegex();

    #endregion

    #region Keyword string

    static DatabaseUrl ParseKeywordString(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            // Not chained as the inner exception: Npgsql's messages may quote a piece of a malformed password.
            var reason = e.InnerException is null ? e.Message : $"{e.Message}: {e.InnerException.Message}";
            throw new AksaraConfigurationException(
                $"Invalid Npgsql connection string in the database URL: {HidePassword(reason, text)} " +
                "Fix that keyword, or use a URL such as postgresql://user:password@localhost:5432/app.");
        }

        // Keys holds only the keywords the string gives, under their canonical names.
        var given = builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (libpq, npgsql) in s_plainKeywords)
            if (given.Contains(npgsql))
                settings[libpq] = Convert.ToString(builder[npgsql], CultureInfo.InvariantCulture) ?? "";
        if (given.Contains("SSL Mode"))
            settings["sslmode"] = builder.SslMode switch
            {
                Npgsql.SslMode.VerifyCA => "verify-ca",
                Npgsql.SslMode.VerifyFull => "verify-full",
                var mode => mode.ToString().ToLowerInvariant(),
            };
        if (given.Contains("Target Session Attributes") && builder.TargetSessionAttributes is { } target)
            settings["target_session_attrs"] = target;
        if (given.Contains("Load Balance Hosts"))
            settings["load_balance_hosts"] = builder.LoadBalanceHosts ? "random" : "disable";

        int? port = given.Contains("Port") ? builder.Port : null;
        var hosts = string.IsNullOrEmpty(builder.Host)
            ? [new DatabaseHost(null, port)]
            : builder.Host.Split(',').Select(entry => KeywordHost(entry.Trim(), port)).ToList();
        return new DatabaseUrl(text, isKeywordString: true, hosts, settings, settings);
    }

    // One entry of Npgsql's Host ("db", "db:5433", "[::1]:5433", "::1"), split the way Npgsql splits it: a port follows
    // the last colon unless that colon belongs to an unbracketed IPv6 address.
    static DatabaseHost KeywordHost(string entry, int? defaultPort)
    {
        var colon = entry.LastIndexOf(':');
        var close = entry.LastIndexOf(']');
        var hasPort = colon > close && (close >= 0 || entry.IndexOf(':') == colon) && !entry.StartsWith('/');
        var host = hasPort ? entry[..colon] : entry;
        int? port = hasPort ? ParsePort(entry[(colon + 1)..], $"host \"{host}\"") : defaultPort;
        if (host.Length > 2 && host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        return new DatabaseHost(host.Length == 0 ? null : host, port);
    }

    // When Npgsql cannot read a keyword string, an unquoted password holding ';' or '=' may have been split into what
    // Npgsql took for further keywords, so everything from the password up to the next real keyword is hidden.
    static string HidePassword(string message, string text)
    {
        var match = PasswordKeywordRegex().Match(text);
        if (!match.Success)
            return message;
        var keywords = new NpgsqlConnectionStringBuilder();
        var segments = text[(match.Index + match.Length)..].Split(';');
        var secret = segments.Take(1).Concat(segments.Skip(1).TakeWhile(s => !keywords.ContainsKey(s.Split('=')[0].Trim())));
        var pieces = secret.SelectMany(s => s.Split(['=', '"', '\''], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        foreach (var piece in pieces.OrderByDescending(p => p.Length))
            message = message.Replace(piece, "***", StringComparison.OrdinalIgnoreCase);
        return message;
    }

    [GeneratedRegex(@"(?:^|;)\s*(?:password|pwd|psw)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKeywordRegex();

    #endregion
}
