namespace Aksara.Hosting;

/// <summary>
/// Records that a <see cref="Database"/> was registered (the default one has a null key), so that the host can warm
/// and close every pool without scanning the service collection.
/// </summary>
internal sealed record AksaraDatabaseRegistration(string? Key);
