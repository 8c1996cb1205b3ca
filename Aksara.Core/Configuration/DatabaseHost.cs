namespace Aksara;

/// <summary>
/// One server of a <see cref="DatabaseUrl"/>. <see cref="Host"/> is null for the local socket default; a host starting
/// with '/' is a Unix socket directory; IPv6 addresses are kept without brackets. <see cref="Port"/> is null when the
/// URL leaves it to the default (5432).
/// </summary>
public readonly record struct DatabaseHost(string? Host, int? Port);
