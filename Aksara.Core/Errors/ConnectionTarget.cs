namespace Aksara.Errors;

/// <summary>What error messages may say about the server a <see cref="Database"/> talks to: never the password.</summary>
internal sealed record ConnectionTarget(string MaskedUrl, string? Host, int Port, string? Database, string? Username, int PoolMaxSize, int ConnectionTimeoutSeconds, int CommandTimeoutSeconds)
{
    internal string Endpoint => Host is null || Host.StartsWith('/') ? $"the local socket{(Host is null ? "" : " in " + Host)} (port {Port})" : $"{Host}:{Port}";

    internal string PgIsReadyArguments => Host is null ? $"-p {Port}" : $"-h {Host} -p {Port}";
}
