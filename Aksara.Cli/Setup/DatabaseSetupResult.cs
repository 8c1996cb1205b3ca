namespace Aksara.Cli.Setup;

/// <param name="DatabaseUrl">The URL written to the <c>.env</c> file (holds the password: don't log it).</param>
/// <param name="MaskedDatabaseUrl">The same with the password replaced by <c>***</c>.</param>
/// <param name="DatabaseCreated">False when the database already existed.</param>
/// <param name="RoleCreated">The role made by <see cref="DatabaseSetupOptions.CreateRole"/>, if any.</param>
internal sealed record DatabaseSetupResult(string DatabaseUrl, string MaskedDatabaseUrl, bool DatabaseCreated, string? RoleCreated, string EnvFile);
