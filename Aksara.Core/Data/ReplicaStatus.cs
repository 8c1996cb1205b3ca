namespace Aksara;

/// <param name="Url">The replica's URL, password masked.</param>
/// <param name="Connected">It answered its last check.</param>
/// <param name="InRecovery">It is a standby (false: a primary, e.g. a promoted standby).</param>
/// <param name="LagMs">How far its replay is behind the primary; null when it did not answer.</param>
/// <param name="Used">Reads go to it: connected, and lagging no more than <see cref="AksaraOptions.ReplicaMaxLagSeconds"/>.</param>
public sealed record ReplicaStatus(string Url, bool Connected, bool InRecovery, long? LagMs, bool Used);
